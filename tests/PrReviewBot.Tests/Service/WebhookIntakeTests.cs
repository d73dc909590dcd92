using System.Net;
using PrReviewBot.Service;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Service;

/// <summary>What the webhook endpoint answers, and what it stores, for good and bad deliveries.</summary>
public class WebhookIntakeTests : EndToEndTest
{
    [SkippableFact]
    public async Task SameDeliveryTwice_IsProcessedOnce()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();
        var body = Payloads.PullRequest("opened");

        var first = await bot.SendAsync("pull_request", body, delivery);
        var repeat = await bot.SendAsync("pull_request", body, delivery);
        await bot.WaitForIdleAsync();
        var late = await bot.SendAsync("pull_request", body, delivery);
        await bot.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("accepted", Outcome(first));
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("duplicate", Outcome(repeat));
        Assert.Equal("duplicate", Outcome(late));
        Assert.Single(GitHub.CheckRuns);
        Assert.Single(GitHub.Comments);
        Assert.Single(GitHub.GraphQL("PullRequestReview"));
        Assert.Single(await bot.Store.EvaluationsAsync(Repo, Pr, 10, CancellationToken.None));
        Assert.Equal(DeliveryState.Done, (await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None))!.State);
    }

    [SkippableFact]
    public async Task ForgedSignature_IsRejectedAndNothingIsStored()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        var body = Payloads.PullRequest("opened");
        var delivery = Guid.NewGuid().ToString();

        var response = await bot.SendRawAsync("pull_request", body, delivery, Payloads.Signature(body, "not the secret"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStored(bot, delivery);
    }

    [SkippableFact]
    public async Task MissingSignature_IsRejectedAndNothingIsStored()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();

        var response = await bot.SendRawAsync("pull_request", Payloads.PullRequest("opened"), delivery, signature: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStored(bot, delivery);
    }

    [SkippableFact]
    public async Task SignatureOfAnotherBody_IsRejected()
    {
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();
        var signedFor = Payloads.PullRequest("opened");

        var response = await bot.SendRawAsync("pull_request", Payloads.PullRequest("edited"), delivery, Payloads.Signature(signedFor, bot.Settings.Secret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStored(bot, delivery);
    }

    [SkippableFact]
    public async Task MalformedJsonWithAValidSignature_Is400AndNothingIsStored()
    {
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();

        var response = await bot.SendAsync("pull_request", "{\"action\": \"opened\", \"number\": ", delivery);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", await response.Content.ReadAsStringAsync());
        await AssertNothingStored(bot, delivery);
    }

    [SkippableFact]
    public async Task JsonThatIsNotAnObject_Is400()
    {
        var bot = await StartBotAsync();

        var response = await bot.SendAsync("pull_request", "[1, 2, 3]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await bot.Store.QueueSnapshotAsync(CancellationToken.None)).IsIdle);
    }

    [SkippableFact]
    public async Task UnknownEvent_IsAcknowledgedAndRecordedAsIgnored()
    {
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();
        var body = """{"action":"created","starred_at":"2026-01-01T00:00:00Z","repository":{"full_name":"Codertocat/Hello-World"}}""";

        var response = await bot.SendAsync("star", body, delivery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", Outcome(response));
        var stored = await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None);
        Assert.Equal(DeliveryState.Ignored, stored!.State);
        Assert.True((await bot.Store.QueueSnapshotAsync(CancellationToken.None)).IsIdle);
        Assert.Empty(GitHub.Requests);
    }

    [SkippableTheory]
    [InlineData("assigned")]
    [InlineData("closed")]
    [InlineData("stacked")]
    [InlineData("a_future_action_no_library_knows")]
    public async Task PullRequestActionsThatNeedNoReview_AreAcknowledgedAndIgnored(string action)
    {
        var bot = await StartBotAsync();

        var response = await bot.SendAsync("pull_request", Payloads.PullRequest(action));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", Outcome(response));
        Assert.True((await bot.Store.QueueSnapshotAsync(CancellationToken.None)).IsIdle);
    }

    [SkippableTheory]
    [InlineData("ping", "ping/payload.json")]
    [InlineData("installation", "installation/created.json")]
    [InlineData("issue_comment", "issue_comment/created.with-installation.json")] // a comment with no command
    public async Task EventsThatAreOnlyLogged_AreAcknowledgedAndLeaveNoWork(string eventName, string fixture)
    {
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();

        var response = await bot.SendAsync(eventName, Payloads.Load(fixture).ToJsonString(), delivery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DeliveryState.Ignored, (await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None))!.State);
        Assert.Contains(bot.Logs.Events, e => e.Properties.TryGetValue("DeliveryId", out var id) && id.ToString().Contains(delivery));
    }

    [SkippableFact]
    public async Task MissingDeliveryId_Is400()
    {
        var bot = await StartBotAsync();
        var body = Payloads.PullRequest("opened");
        using var request = new HttpRequestMessage(HttpMethod.Post, BotHost.WebhookPath)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-Hub-Signature-256", Payloads.Signature(body, bot.Settings.Secret));

        var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await bot.Store.QueueSnapshotAsync(CancellationToken.None)).IsIdle);
    }

    [SkippableFact]
    public async Task NothingConfigured_WebhooksAreRefusedWith503()
    {
        var bot = await StartBotAsync(s => s.Auth = BotAuth.None);
        var delivery = Guid.NewGuid().ToString();

        var response = await bot.SendAsync("pull_request", Payloads.PullRequest("opened"), delivery);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("GitHub:AppId", await response.Content.ReadAsStringAsync());
        await AssertNothingStored(bot, delivery);
    }

    [SkippableFact]
    public async Task ErrorAnswers_CarryNoStackTrace()
    {
        var bot = await StartBotAsync();

        var response = await bot.SendAsync("pull_request", "{ nope");
        var text = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain(" at ", text);
        Assert.DoesNotContain("Exception", text);
    }

    private async Task AssertNothingStored(BotUnderTest bot, string delivery)
    {
        Assert.Null(await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None));
        Assert.True((await bot.Store.QueueSnapshotAsync(CancellationToken.None)).IsIdle);
        Assert.Empty(GitHub.Requests);
    }

    private static string? Outcome(HttpResponseMessage response) =>
        response.Headers.TryGetValues(WebhookIntake.OutcomeHeader, out var values) ? values.Single() : null;
}
