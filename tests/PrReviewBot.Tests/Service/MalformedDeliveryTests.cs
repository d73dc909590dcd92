using System.Net;
using System.Text.Json.Nodes;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Scale;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Service;

/// <summary>
/// Signed deliveries that are not what GitHub documents, sent over HTTP: each is answered 4xx with a clear reason
/// (or 2xx "ignored" where nothing is asked), never 5xx; good work beside them still ends with its check; no unchecked
/// value reaches a GitHub request path; and a delivery that names no installation is given one or refused.
/// </summary>
public class MalformedDeliveryTests : EndToEndTest
{
    private const string Marker = "LONE_SURROGATE_HERE";

    /// <summary>A payload changed the way a hostile or broken sender would: (event, body, status expected).</summary>
    public static TheoryData<string, string, string, int> Malformed => new()
    {
        { "pull_request: null", "pull_request", Payloads.Changed(Payloads.PullRequest("opened"), p => p["pull_request"] = null), 400 },
        { "pull_request: []", "pull_request", Payloads.Changed(Payloads.PullRequest("opened"), p => p["pull_request"] = new JsonArray()), 400 },
        { "installation.id a string", "pull_request", Payloads.Changed(Payloads.PullRequest("opened"), p => p["installation"]!["id"] = "1"), 400 },
        { "installation.id null", "pull_request", Payloads.Changed(Payloads.PullRequest("opened"), p => p["installation"]!["id"] = null), 400 },
        { "check_run.pull_requests: [null]", "check_run", Payloads.Changed(Payloads.CheckRunRerequested(""), p => p["check_run"]!["pull_requests"] = new JsonArray((JsonNode?)null)), 400 },
        { "installation event, installation: null", "installation", Payloads.Changed(Payloads.Load("installation/created.json").ToJsonString(), p => p["installation"] = null), 200 },
        { "lone surrogate in repository.full_name", "pull_request",
            Payloads.Changed(Payloads.PullRequest("opened"), p => p["repository"]!["full_name"] = "Codertocat/" + Marker).Replace(Marker, "\\ud800", StringComparison.Ordinal), 400 },
        { "lone surrogate in a command", "issue_comment",
            IssuePayloads.Comment(Payloads.Number, "/perf-review override " + Marker, onPullRequest: true).Replace(Marker, "\\udc01", StringComparison.Ordinal), 400 },
        { "number: -2", "pull_request", Payloads.Changed(Payloads.PullRequest("opened"), p => p["number"] = -2), 400 },
        { "merge_group.head_sha not hex", "merge_group", Payloads.Changed(Payloads.MergeGroup(), p => p["merge_group"]!["head_sha"] = "zz" + new string('0', 38)), 400 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task SignedMalformedDelivery_IsAnsweredWithoutA5xx_AndTheBotStaysHealthy(string name, string eventName, string body, int expected)
    {
        Assert.NotEmpty(name);
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();

        var response = await bot.SendAsync(eventName, body, delivery);

        Assert.Equal(expected, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        if (expected >= 400)
        {
            Assert.Contains("Malformed", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            Assert.Null(await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None));
        }
        else
        {
            Assert.Equal(DeliveryState.Ignored, (await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None))!.State);
        }
        await AssertStillReviewsAsync(bot);
    }

    public static TheoryData<string, string, string> UnreadableBesideGoodWork => new()
    {
        { "comment.id \"x\"", "issue_comment", Payloads.Changed(IssuePayloads.Comment(Payloads.Number, "/perf-review recheck", onPullRequest: true), p => p["comment"]!["id"] = "x") },
        { "comment.id null", "issue_comment", Payloads.Changed(IssuePayloads.Comment(Payloads.Number, "/perf-review recheck", onPullRequest: true), p => p["comment"]!["id"] = null) },
        { "check_suite.pull_requests [{number: \"2\"}]", "check_suite",
            Payloads.Changed(Payloads.CheckSuiteRerequested(fork: false), p => p["check_suite"]!["pull_requests"] = new JsonArray(new JsonObject { ["number"] = "2" })) },
        { "repository.full_name \"/\"", "issue_comment", Payloads.Changed(IssuePayloads.Comment(Payloads.Number, "/perf-review recheck", onPullRequest: true), p => p["repository"]!["full_name"] = "/") },
    };

    [Theory]
    [MemberData(nameof(UnreadableBesideGoodWork))]
    public async Task MalformedDeliveryForAPrWithWorkQueued_IsRefused_AndThePrStillGetsItsCheck(string name, string eventName, string body)
    {
        Assert.NotEmpty(name);
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Config["Queue:EditDebounce"] = "00:00:01");
        var edited = Guid.NewGuid().ToString();
        // The edit waits a second for more of its burst: the bad delivery arrives inside that window.
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync("pull_request", Payloads.PullRequest("edited"), edited)).StatusCode);

        var response = await bot.SendAsync(eventName, body);
        await bot.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(DeliveryState.Done, (await bot.Store.GetDeliveryAsync(edited, CancellationToken.None))!.State);
        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);
    }

    [Fact]
    public async Task CommandWhoseReplyGitHubRefusesForGood_CostsOnlyItself_AndThePrStillGetsItsCheck()
    {
        AddOptimizationPr(Descriptions.Complete);
        var bot = await StartBotAsync(s => s.Config["Queue:EditDebounce"] = "00:00:01");
        GitHub.Fail("POST", $"/repos/{Repo}/issues/{Pr}/comments", 422, """{"message":"Validation Failed"}""", times: 5);
        var edited = Guid.NewGuid().ToString();
        var comment = Guid.NewGuid().ToString();

        // Both inside the edit's debounce window: one job.
        await bot.SendAsync("pull_request", Payloads.PullRequest("edited"), edited);
        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, "/perf-review help", onPullRequest: true), comment);
        await bot.WaitForIdleAsync();

        Assert.Equal("success", Assert.Single(GitHub.CheckRuns).Conclusion);
        Assert.Equal(DeliveryState.Done, (await bot.Store.GetDeliveryAsync(edited, CancellationToken.None))!.State);
        Assert.Contains("failed for good; the rest of the job runs", bot.Logs.Rendered(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredDeliveryThatCannotBeRead_IsLeftOutAndCounted_AndTheRestOfTheJobRuns()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        // As an older version would have stored it: a command comment whose id is not a number, queued for the PR.
        var unreadable = Guid.NewGuid().ToString();
        var now = DateTimeOffset.UtcNow;
        var subject = WorkRequest.PullRequestSubject(Repo, Pr);
        var comment = Payloads.Changed(IssuePayloads.Comment(Pr, "/perf-review recheck", onPullRequest: true), p => p["comment"]!["id"] = "x");
        await bot.Store.AcceptDeliveryAsync(
            new InboundDelivery(unreadable, "issue_comment", "created", Payloads.Installation, Repo, subject, DeliveryState.Pending, now, "{}", comment, null),
            new WorkRequest(subject, JobKind.PullRequest, Repo, Payloads.Installation, Pr, null, null, now.AddSeconds(2)), CancellationToken.None);
        var opened = Guid.NewGuid().ToString();

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync("pull_request", Payloads.PullRequest("opened"), opened)).StatusCode);
        await bot.WaitForIdleAsync();

        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);
        Assert.Equal(DeliveryState.Done, (await bot.Store.GetDeliveryAsync(opened, CancellationToken.None))!.State);
        Assert.NotEqual(DeliveryState.Pending, (await bot.Store.GetDeliveryAsync(unreadable, CancellationToken.None))!.State);
        Assert.Contains("cannot be read and is left out", bot.Logs.Rendered(), StringComparison.Ordinal);
        var metrics = await bot.Http.GetStringAsync("/metrics");
        Assert.Contains("prreviewbot_deliveries_unreadable_total{event=\"issue_comment\"} 1", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check_run")]
    [InlineData("check_suite")]
    public async Task HeadShaThatIsAPath_IsRefusedAndNeverReachesGitHub(string eventName)
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        var body = eventName == "check_run"
            ? Payloads.Changed(Payloads.CheckRunRerequested(""), p => p["check_run"]!["head_sha"] = "../../etc/passwd")
            : Payloads.Changed(Payloads.CheckSuiteRerequested(fork: true), p => p["check_suite"]!["head_sha"] = "../../etc/passwd");

        var response = await bot.SendAsync(eventName, body);
        await AssertStillReviewsAsync(bot);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("head_sha", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(GitHub.Requests, r => r.Path.Contains("etc", StringComparison.Ordinal) || r.Body.Contains("passwd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OverrideByALoginThatIsAPath_IsRefusedWithoutAskingGitHub()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();

        var response = await bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, "/perf-review override ship it", login: "../../orgs/x", onPullRequest: true));
        await bot.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(GitHub.Requests, r => r.Path.Contains("/collaborators/", StringComparison.Ordinal) || r.Path.Contains("/orgs/", StringComparison.Ordinal));
        // Answered like anyone without the permission: a reply, and no override.
        Assert.Single(GitHub.Comments, c => c.Number == Pr);
        Assert.Empty(GitHub.CheckRuns);
    }

    [Fact]
    public async Task DeliveryWithoutInstallation_IsGivenTheAppsInstallationOnItsRepository()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Install(Repo, Payloads.Installation);
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();

        var response = await bot.SendAsync("pull_request", Payloads.Changed(Payloads.PullRequest("opened"), p => p.AsObject().Remove("installation")), delivery);
        await bot.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DeliveryState.Done, (await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None))!.State);
        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);
        Assert.Single(GitHub.RequestsTo("GET", $"/repos/{Repo}/installation"));
    }

    [Fact]
    public async Task DeliveryWithoutInstallation_ForARepositoryTheAppIsNotInstalledOn_IsRefusedWithAClearLogLine()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();

        var response = await bot.SendAsync("pull_request", Payloads.Changed(Payloads.PullRequest("opened"), p => p.AsObject().Remove("installation")), delivery);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("not installed on Codertocat/Hello-World", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None));
        Assert.Contains("the App is not installed there", bot.Logs.Rendered(), StringComparison.Ordinal);
        Assert.Empty(GitHub.CheckRuns);
    }

    [Fact]
    public async Task DeliveryWithoutInstallation_WhenGitHubCannotSayWhichItIs_Is503AndStoresNothing()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Install(Repo, Payloads.Installation);
        GitHub.Fail("GET", $"/repos/{Repo}/installation", 502, times: 1);
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();
        var body = Payloads.Changed(Payloads.PullRequest("opened"), p => p.AsObject().Remove("installation"));

        var refused = await bot.SendAsync("pull_request", body, delivery);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Null(await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None));

        // Delivered again once GitHub answers: accepted and reviewed.
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync("pull_request", body, delivery)).StatusCode);
        await bot.WaitForIdleAsync();
        Assert.Single(GitHub.CheckRuns);
    }

    [Fact]
    public async Task CheckRunAnswerOctokitCannotRead_IsNotPostedAgain_AndTheJobSucceeds()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        // GitHub posted the run; its answer has a null where Octokit's model wants a time.
        GitHub.ReshapeCheckRunAnswer = answer => answer["started_at"] = null;
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"), delivery);
        await bot.WaitForIdleAsync();

        Assert.Single(GitHub.RequestsTo("POST", $"/repos/{Repo}/check-runs"));
        Assert.Equal(DeliveryState.Done, (await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None))!.State);
        Assert.Contains("posted but GitHub's answer could not be read", bot.Logs.Rendered(), StringComparison.Ordinal);

        // What was posted is recorded: the same PR again writes nothing.
        GitHub.ReshapeCheckRunAnswer = null;
        await bot.SendAsync("pull_request", Payloads.PullRequest("edited"));
        await bot.WaitForIdleAsync();
        Assert.Single(GitHub.RequestsTo("POST", $"/repos/{Repo}/check-runs"));
    }

    [Fact]
    public async Task CommentAnswerOctokitCannotRead_IsRetriedNotFailed_AndTheCommentIsNotPostedTwice()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        // GitHub created the comment; its answer has a null where Octokit's model wants a time.
        GitHub.ReshapeCommentAnswer = answer => answer["created_at"] = null;
        var bot = await StartBotAsync(s => s.Config["Queue:RetryBaseDelay"] = "00:00:00.100");
        var delivery = Guid.NewGuid().ToString();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"), delivery);
        await bot.WaitForIdleAsync();

        // The run that could not read the answer is retried; the retry finds the comment by its marker.
        Assert.Single(GitHub.RequestsTo("POST", $"/repos/{Repo}/issues/{Pr}/comments"));
        Assert.Single(GitHub.Comments, c => c.Number == Pr);
        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);
        Assert.Equal(DeliveryState.Done, (await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None))!.State);
        Assert.Contains("could not be read as IssueComment", bot.Logs.Rendered(), StringComparison.Ordinal);
    }

    /// <summary>A normal delivery afterwards is still reviewed, and the process answers its liveness probe.</summary>
    private async Task AssertStillReviewsAsync(BotUnderTest bot)
    {
        const int fresh = 77;
        var sha = ReplicaTests.Sha(fresh);
        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo, Number = fresh, Title = Descriptions.Title, Body = Descriptions.Complete, HeadSha = sha, Labels = ["performance"],
        });
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync("pull_request", Payloads.PullRequest("opened", sha, fresh))).StatusCode);
        await bot.WaitForIdleAsync();
        Assert.Contains(GitHub.CheckRuns, c => c.HeadSha == sha && c.Conclusion == "success");
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync("/healthz")).StatusCode);
    }
}
