using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PrReviewBot.Service;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Scale;

/// <summary>
/// Hostile deliveries and hostile content: each gets a clear answer, nothing already accepted is lost, and the bot
/// stays healthy (a normal delivery afterwards is still reviewed).
/// </summary>
public class HostileInputTests : EndToEndTest
{
    private const string Accepted = "accepted-before";

    /// <summary>A delivery accepted before the attack, held in GitHub until after it, must still complete.</summary>
    private async Task<BotUnderTest> StartWithWorkInFlightAsync(Action<BotSettings>? adjust = null)
    {
        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo, Number = 40, Title = Descriptions.Title, Body = Descriptions.Complete, HeadSha = ReplicaTests.Sha(40), Labels = ["performance"],
        });
        var bot = await StartBotAsync(adjust);
        GitHub.HoldGraphQL();
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync("pull_request", Payloads.PullRequest("opened", ReplicaTests.Sha(40), 40), Accepted)).StatusCode);
        await BotUnderTest.Eventually(() => GitHub.GraphQL("PullRequestReview").Count >= 1, "the accepted delivery to be under evaluation");
        return bot;
    }

    /// <summary>The held delivery completes and a fresh, normal one is reviewed: nothing lost, still healthy.</summary>
    private async Task AssertNothingLostAndStillHealthyAsync(BotUnderTest bot)
    {
        GitHub.ReleaseGraphQL();
        var fresh = ReplicaTests.Sha(41);
        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo, Number = 41, Title = Descriptions.Title, Body = Descriptions.Incomplete, HeadSha = fresh, Labels = ["performance"],
        });
        var response = await bot.SendAsync("pull_request", Payloads.PullRequest("opened", fresh, 41));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await bot.WaitForIdleAsync();

        Assert.Equal(DeliveryState.Done, (await bot.Store.GetDeliveryAsync(Accepted, CancellationToken.None))!.State);
        Assert.Contains(GitHub.CheckRuns, c => c.HeadSha == ReplicaTests.Sha(40) && c.Conclusion == "success");
        Assert.Contains(GitHub.CheckRuns, c => c.HeadSha == fresh && c.Conclusion == "failure");
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("missing")]
    [InlineData("sha256=not-hex-at-all")]
    [InlineData("sha256=")]
    [InlineData("sha1=0123456789abcdef0123456789abcdef01234567")]
    [InlineData("sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("garbage without any equals sign")]
    public async Task BadSignatures_Are400AndStoreNothing(string signature)
    {
        var bot = await StartWithWorkInFlightAsync();
        var body = Payloads.PullRequest("opened");
        var delivery = Guid.NewGuid().ToString();
        var header = signature switch
        {
            "forged" => Payloads.Signature(body, "not the secret"),
            "missing" => null,
            _ => signature,
        };

        var response = await bot.SendRawAsync("pull_request", body, delivery, header);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None));
        await AssertNothingLostAndStillHealthyAsync(bot);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413BeforeItIsRead()
    {
        var bot = await StartWithWorkInFlightAsync(s => s.Config[WebhookBodyLimit.Key] = "1048576");
        var body = Pad(Payloads.PullRequest("opened"), 2 * 1024 * 1024);
        var delivery = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, BotHost.WebhookPath)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-Hub-Signature-256", Payloads.Signature(body, bot.Settings.Secret));
        // The answer comes before the body is read; this client waits for it instead of writing into a closed socket.
        request.Headers.ExpectContinue = true;

        var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1,048,576 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None));
        await AssertNothingLostAndStillHealthyAsync(bot);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_Is413WhenTheLimitIsPassed()
    {
        var bot = await StartWithWorkInFlightAsync(s => s.Config[WebhookBodyLimit.Key] = "1048576");
        // Just over the limit: the rest of the body still fits the socket's buffers when the bot stops reading.
        var body = Pad(Payloads.PullRequest("opened"), 1024 * 1024 + 64 * 1024);
        var delivery = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, BotHost.WebhookPath)
        {
            // No Content-Length: Kestrel finds out while reading.
            Content = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-Hub-Signature-256", Payloads.Signature(body, bot.Settings.Secret));

        var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None));
        await AssertNothingLostAndStillHealthyAsync(bot);
    }

    [Fact]
    public async Task DefaultLimit_IsGitHubsOwn25Megabytes()
    {
        var bot = await StartBotAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, BotHost.WebhookPath)
        {
            Content = new ByteArrayContent(new byte[25 * 1024 * 1024 + 1]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        // The answer comes before the body is read; this client waits for it instead of pushing 25 MB into a closed socket.
        request.Headers.ExpectContinue = true;

        var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("26,214,400 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"action\": \"opened\", \"number\": ")]
    [InlineData("not json at all")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"action\": \"opened\", \"number\": 2, \"pull_request\": {\"number\": \"two\"}, \"repository\": 7}")]
    public async Task MalformedJson_Is400AndStoresNothing(string body)
    {
        var bot = await StartWithWorkInFlightAsync();
        var delivery = Guid.NewGuid().ToString();

        var response = await bot.SendAsync("pull_request", body, delivery);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None));
        await AssertNothingLostAndStillHealthyAsync(bot);
    }

    [Theory]
    [InlineData("star", "created")]
    [InlineData("a_future_event", "anything")]
    [InlineData("pull_request", "a_future_action")]
    [InlineData("check_run", "a_future_action")]
    [InlineData("merge_group", "a_future_action")]
    public async Task UnknownEventsAndActions_AreAcknowledgedAndIgnored(string eventName, string action)
    {
        var bot = await StartWithWorkInFlightAsync();
        var payload = Payloads.Load("pull_request/opened.json");
        payload["action"] = action;
        var delivery = Guid.NewGuid().ToString();

        var response = await bot.SendAsync(eventName, payload.ToJsonString(), delivery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DeliveryState.Ignored, (await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None))!.State);
        await AssertNothingLostAndStillHealthyAsync(bot);
    }

    [Fact]
    public async Task HundredThousandCharacterTitle_IsReviewedWithinGitHubsLimits()
    {
        var bot = await StartWithWorkInFlightAsync();
        var title = "perf: " + string.Concat(Enumerable.Repeat("<b>@everyone</b> ", 100_000 / 17 + 1))[..99_994];
        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo, Number = Pr, Title = title, Body = Descriptions.Incomplete, HeadSha = Payloads.HeadSha, Labels = ["performance"],
        });
        var payload = Payloads.Load("pull_request/opened.json");
        payload["pull_request"]!["title"] = title;

        var response = await bot.SendAsync("pull_request", payload.ToJsonString());
        await AssertNothingLostAndStillHealthyAsync(bot);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = Assert.Single(GitHub.CheckRuns, c => c.HeadSha == Payloads.HeadSha);
        Assert.Equal("failure", check.Conclusion);
        Assert.True((check.Summary?.Length ?? 0) <= 65_535 && (check.Text?.Length ?? 0) <= 65_535);
        var comment = Assert.Single(GitHub.Comments, c => c.Number == Pr);
        Assert.True(comment.Body.Length <= 65_536);
        AssertNoLiveMentionOrHtml(comment.Body);
    }

    [Fact]
    public async Task DescriptionOf65536CharactersOfNestedMarkdown_IsReviewed()
    {
        var bot = await StartWithWorkInFlightAsync();
        var nested = new StringBuilder();
        for (var depth = 0; nested.Length < 65_536; depth = (depth + 1) % 400)
        {
            nested.Append(new string('>', depth)).Append(' ').Append(new string(' ', depth % 40)).Append("- [*_`[x](") .Append('\n');
        }
        var body = nested.ToString()[..65_536];
        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo, Number = Pr, Title = Descriptions.Title, Body = body, HeadSha = Payloads.HeadSha, Labels = ["performance"],
        });

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await AssertNothingLostAndStillHealthyAsync(bot);

        var check = Assert.Single(GitHub.CheckRuns, c => c.HeadSha == Payloads.HeadSha);
        Assert.Equal("failure", check.Conclusion);
    }

    public static TheoryData<string, string> ExplodingConfigs => new()
    {
        { "alias bomb", AliasBomb() },
        { "10 MB", "detection:\n  labels: [" + string.Join(", ", Enumerable.Repeat("performance", 10 * 1024 * 1024 / 13)) + "]\n" },
        { "deep nesting", string.Concat(Enumerable.Range(0, 5_000).Select(i => new string(' ', i * 2) + "a:\n")) },
        { "deep flow nesting", new string('[', 100_000) + new string(']', 100_000) },
    };

    [Theory]
    [MemberData(nameof(ExplodingConfigs))]
    public async Task ConfigThatTriesToExplode_FailsTheCheckWithAClearMessageAndNothingElse(string kind, string config)
    {
        Assert.NotEmpty(kind);
        GitHub.PutFile(Repo, "master", ".github/perf-review.yml", config);
        AddOptimizationPr(Descriptions.Complete);
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var check = Assert.Single(GitHub.CheckRuns);
        Assert.Equal("failure", check.Conclusion);
        Assert.Contains("perf-review.yml", check.Title + check.Summary + check.Text, StringComparison.Ordinal);
        Assert.True((check.Summary?.Length ?? 0) + (check.Text?.Length ?? 0) < 70_000);

        // Fixing the file fixes the check; the bot is none the worse.
        GitHub.PutFile(Repo, "master", ".github/perf-review.yml", "mode: enforce\n");
        await bot.SendAsync("pull_request", Payloads.PullRequest("edited"));
        await bot.WaitForIdleAsync();
        Assert.Equal("success", GitHub.CheckRuns[^1].Conclusion);
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task ForkPrThatRelaxesTheConfig_IsStillJudgedByTheBaseBranchsConfig()
    {
        GitHub.PutFile(Repo, "master", ".github/perf-review.yml", "mode: enforce\ncheck_name: perf-gate\n");
        const string relaxed = "mode: shadow\ncheck_name: anything-else\nitems:\n  rollback: { required: false }\n  monitoring: { required: false }\n";
        // The fork's version, wherever a careless bot might look for it.
        GitHub.PutFile(Repo, "relax-the-rules", ".github/perf-review.yml", relaxed);
        GitHub.PutFile(Repo, "refs/pull/2/head", ".github/perf-review.yml", relaxed);
        GitHub.PutFile("evil-fork/Hello-World", "relax-the-rules", ".github/perf-review.yml", relaxed);
        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo, Number = Pr, Title = Descriptions.Title, Body = Descriptions.Incomplete, HeadSha = Payloads.HeadSha,
            Labels = ["performance"], Files = [".github/perf-review.yml", "src/Feed/FeedRepository.cs"],
        });
        var bot = await StartBotAsync();
        var payload = Payloads.Load("pull_request/opened.json");
        payload["pull_request"]!["head"]!["ref"] = "relax-the-rules";
        payload["pull_request"]!["head"]!["repo"]!["full_name"] = "evil-fork/Hello-World";
        payload["pull_request"]!["head"]!["repo"]!["fork"] = true;

        await bot.SendAsync("pull_request", payload.ToJsonString());
        await bot.WaitForIdleAsync();

        var check = Assert.Single(GitHub.CheckRuns);
        Assert.Equal("perf-gate", check.Name);
        Assert.Equal("failure", check.Conclusion);
        Assert.DoesNotContain(GitHub.GraphQL("PullRequestReview").Concat(GitHub.GraphQL("PullRequestConfig")),
            r => r.Body.Contains("relax-the-rules", StringComparison.Ordinal) || r.Body.Contains("refs/pull", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CommentCarryingMentionsHtmlAndMarkdown_IsAcknowledgedAndNeverEchoedRaw()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartWithWorkInFlightAsync(s => s.Config["Server:PublicUrl"] = "https://perf-bot.example.com/");
        var payload = Payloads.Load("issues/opened.json");
        payload["action"] = "created";
        // An App delivery (the upstream example has no installation).
        payload["installation"] = new JsonObject { ["id"] = Payloads.Installation };
        payload["issue"]!["number"] = Pr;
        payload["issue"]!["pull_request"] = new JsonObject { ["url"] = $"https://api.github.com/repos/{Repo}/pulls/{Pr}" };
        payload["comment"] = new JsonObject
        {
            ["id"] = 99,
            ["body"] = "/perf-review override @everyone @octo-org/all <script>alert(1)</script> [click](javascript:alert(1)) <!-- prreviewbot:perf-review -->",
            ["user"] = new JsonObject { ["login"] = "<img src=x onerror=alert(1)>", ["id"] = 1 },
        };
        var delivery = Guid.NewGuid().ToString();

        var response = await bot.SendAsync("issue_comment", payload.ToJsonString(), delivery);
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await AssertNothingLostAndStillHealthyAsync(bot);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None));
        // Whatever the bot wrote to GitHub, none of it carries the comment's mentions or markup.
        foreach (var written in GitHub.Comments.Select(c => c.Body).Concat(GitHub.CheckRuns.Select(c => c.Title + c.Summary + c.Text)))
        {
            Assert.DoesNotContain("<script>", written, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@everyone", written, StringComparison.Ordinal);
            Assert.DoesNotContain("javascript:", written, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task TitleWithHtmlAndMentions_IsEscapedOnTheReportPage()
    {
        var bot = await StartBotAsync(s => s.Config["Server:PublicUrl"] = "https://perf-bot.example.com/");
        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo, Number = Pr, Title = "perf: <script>alert(1)</script> @everyone", Body = Descriptions.Incomplete + "\n\n<img src=x onerror=alert(1)>",
            HeadSha = Payloads.HeadSha, Labels = ["performance"],
        });
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        var link = new Uri(Assert.Single(GitHub.CheckRuns).DetailsUrl!);

        var page = await bot.Http.GetStringAsync(link.PathAndQuery);

        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        AssertNoLiveMentionOrHtml(Assert.Single(GitHub.Comments).Body);
    }

    private static void AssertNoLiveMentionOrHtml(string markdown)
    {
        // A mention inside a code span notifies nobody; outside one it would.
        var outsideCode = string.Concat(markdown.Split('`').Where((_, i) => i % 2 == 0));
        Assert.DoesNotContain("@everyone", outsideCode, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", outsideCode, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", outsideCode, StringComparison.Ordinal);
    }

    private static string AliasBomb()
    {
        var yaml = new StringBuilder("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append(level).Append(": &").Append(level).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }
        return yaml.Append("detection:\n  labels: *j\n").ToString();
    }

    private static string Pad(string json, int size)
    {
        var node = JsonNode.Parse(json)!;
        node["padding"] = new string('x', size);
        return node.ToJsonString();
    }

    /// <summary>A stream that will not say how long it is, so the request goes out chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
