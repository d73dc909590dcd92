using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrReviewBot.Service;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;
using PrReviewBot.Work;

namespace PrReviewBot.Tests.Conformance;

/// <summary>
/// Drives the bot once through every kind of GitHub call it makes — gate mode's comment and labels (added and
/// removed), a PR's check and sticky comment with a linked gate issue and a rollback switch to find in the patches, an
/// edit, a re-run, a fork's check suite, a merge group, commands with permission and team lookups, the missed-delivery
/// sweep, resuming work a dead process held, and a commit status in token mode for a PR of more than 100 files — and
/// keeps every request the fake GitHub received, for the conformance tests to hold against GitHub's descriptions.
/// </summary>
public sealed class ConformanceRun : EndToEndTest
{
    private const int GateIssue = 41;
    private const int TokenModePr = 8;
    private const string TokenModeSha = "0123456789abcdef0123456789abcdef01234567";

    public IReadOnlyList<ReceivedRequest> Received { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        GitHub.PutFile(Repo, "master", ".github/perf-review.yml", "overrides:\n  teams: [perf-leads]\n");
        GitHub.SetPermission("octo-lead", "read");
        GitHub.AddTeamMember("Codertocat", "perf-leads", "octo-lead");
        GitHub.AddIssue(new FakeIssue { Repository = Repo, Number = GateIssue, Title = "Feed latency", Body = IssueBodies.Eval1, Labels = ["performance"] });
        var pr = AddOptimizationPr(Descriptions.Incomplete + Descriptions.RollbackSection);
        pr.Patches["src/Feed/FeedFlags.cs"] = "@@ -1,2 +1,3 @@\n public static class FeedFlags {\n+    public const string BatchQuery = \"feed_batch_query\";\n }";
        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo, Number = TokenModePr, Title = Descriptions.Title, Body = Descriptions.Incomplete, HeadSha = TokenModeSha,
            Labels = ["performance"], Files = [.. Enumerable.Range(0, 120).Select(i => $"src/Feed/Part{i}.cs")],
        });

        // A process accepted the PR's delivery and died holding its job: the bot checks GitHub before posting again.
        var appSettings = new BotSettings();
        await LeaseAndDieAsync(appSettings.DatabasePath, Pr, Payloads.PullRequest("opened"));
        BotUnderTest? bot = null;
        GitHub.OnRedelivery = async d => await bot!.SendAsync(d.Event, d.Payload!, d.Guid);
        GitHub.AddHookDelivery("missed-while-down", 502, DateTimeOffset.UtcNow.AddMinutes(-5), payload: Payloads.PullRequest("reopened"));
        bot = await StartBotAsync(s => s.DatabasePath = appSettings.DatabasePath);
        await bot.WaitForIdleAsync();

        await SendAsync(bot, "issues", IssuePayloads.Issue("opened", GateIssue, "Feed latency", IssueBodies.Eval1, ["performance"]));
        GitHub.UpdateIssue(Repo, GateIssue, i => i.Body = IssueBodies.Eval6);
        await SendAsync(bot, "issues", IssuePayloads.Issue("edited", GateIssue, "Feed latency", IssueBodies.Eval6, GitHub.Issue(Repo, GateIssue).Labels));
        await SendAsync(bot, "issue_comment", IssuePayloads.Comment(GateIssue, "/perf-review plan", commentId: 1001));

        await SendAsync(bot, "pull_request", Payloads.PullRequest("synchronize"));
        GitHub.Update(Repo, Pr, p => p.Body = Descriptions.Complete);
        await SendAsync(bot, "pull_request", Payloads.PullRequest("edited"));
        await SendAsync(bot, "check_run", Payloads.CheckRunRerequested(externalId: Pr.ToString(CultureInfo.InvariantCulture)));
        // A fork's check suite for a head the bot has not seen: it asks GitHub which PRs have that commit.
        var forkSuite = JsonNode.Parse(Payloads.CheckSuiteRerequested(fork: true))!;
        forkSuite["check_suite"]!["head_sha"] = TokenModeSha;
        await SendAsync(bot, "check_suite", forkSuite.ToJsonString());
        await SendAsync(bot, "merge_group", Payloads.MergeGroup());
        await SendAsync(bot, "issue_comment",
            IssuePayloads.Comment(Pr, "/perf-review override the load test ran on staging", login: "octo-lead", onPullRequest: true, commentId: 1002));
        await bot.Services.GetRequiredService<RedeliverySweep>().SweepOnceAsync(CancellationToken.None);
        await bot.WaitForIdleAsync();

        var tokenSettings = new BotSettings();
        await LeaseAndDieAsync(tokenSettings.DatabasePath, TokenModePr, Payloads.PullRequest("opened", TokenModeSha, TokenModePr));
        var tokenBot = await StartBotAsync(s =>
        {
            s.Auth = BotAuth.Token;
            s.DatabasePath = tokenSettings.DatabasePath;
        });
        await tokenBot.WaitForIdleAsync();

        Received = GitHub.Requests;
    }

    private static async Task LeaseAndDieAsync(string databasePath, int number, string payload)
    {
        await using var crashed = new SqliteWorkStore(Options.Create(new StorageOptions { ConnectionString = databasePath }), TimeProvider.System);
        await crashed.InitializeAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var subject = WorkRequest.PullRequestSubject(Repo, number);
        await crashed.AcceptDeliveryAsync(
            new InboundDelivery(Guid.NewGuid().ToString(), "pull_request", "opened", Payloads.Installation, Repo, subject, DeliveryState.Pending, now, "{}", payload, null),
            new WorkRequest(subject, JobKind.PullRequest, Repo, Payloads.Installation, number, null, "master", now),
            CancellationToken.None);
        Assert.NotNull(await crashed.LeaseNextAsync("a-process-that-died", TimeSpan.FromHours(1), LeaseFilter.Fair, CancellationToken.None));
    }

    private static async Task SendAsync(BotUnderTest bot, string eventName, string body)
    {
        var answer = await bot.SendAsync(eventName, body);
        Assert.True(answer.IsSuccessStatusCode, $"{eventName} was answered {(int)answer.StatusCode}");
        await bot.WaitForIdleAsync();
    }

    /// <summary>The REST requests (everything but GraphQL).</summary>
    public IEnumerable<ReceivedRequest> Rest => Received.Where(r => r.Path != "/graphql");

    /// <summary>The GraphQL requests the bot sent: each document with the variables it was sent with.</summary>
    public IEnumerable<(string Query, JsonObject? Variables)> GraphQLRequests =>
        Received.Where(r => r.Path == "/graphql").Select(r => JsonNode.Parse(r.Body)!).Select(b => ((string)b["query"]!, b["variables"] as JsonObject));
}
