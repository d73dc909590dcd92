using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using PrReviewBot.Core.Rendering;
using PrReviewBot.GitHub;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Scale;

/// <summary>GitHub failing in every way it does, each against the fake GitHub: the work completes, or fails visibly.</summary>
public class GitHubFaultTests : EndToEndTest
{
    private const string CheckRuns = $"/repos/{Repo}/check-runs";

    [Fact]
    public async Task CallThatHangs_TimesOutAndIsRetried()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Hang("POST", "/graphql", TimeSpan.FromSeconds(20));
        var bot = await StartBotAsync(s => s.Config["GitHub:RequestTimeout"] = "00:00:00.500");
        var retries = new ConcurrentQueue<RetryScheduled>();
        bot.Traffic.RetryScheduled += retries.Enqueue;

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.Contains("did not answer", Assert.Single(retries).Reason, StringComparison.Ordinal);
        Assert.Equal(2, GitHub.GraphQL("PullRequestReview").Count);
        Assert.Single(GitHub.CheckRuns);
    }

    [Fact]
    public async Task ConnectionsResetByPeer_AreRetriedOnNewConnections()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        using var front = new TcpFront(GitHub.Url);
        var bot = await StartBotAsync(s => s.Config["GitHub:ApiBaseUrl"] = front.Url);
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        var before = GitHub.CheckRuns.Count;

        GitHub.Update(Repo, Pr, pr => pr.Body = Descriptions.Complete);
        front.Reset(connections: 2);
        await bot.SendAsync("pull_request", Payloads.PullRequest("edited"));
        await bot.WaitForIdleAsync();

        Assert.True(front.Resets >= 2, $"{front.Resets} connections reset");
        Assert.Equal(1, before);
        Assert.Equal(["failure", "success"], GitHub.CheckRuns.Select(c => c.Conclusion));
        Assert.Contains(bot.Logs.Events, e => e.RenderMessage().Contains("connection to GitHub failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GarbledAnswers_AreRetried()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        GitHub.Outage = GitHubOutage.GarbledAnswers;
        var retries = new ConcurrentQueue<RetryScheduled>();
        bot.Traffic.RetryScheduled += r =>
        {
            retries.Enqueue(r);
            GitHub.Outage = GitHubOutage.None;
        };

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.NotEmpty(retries);
        Assert.Contains("could not be read", retries.First().Reason, StringComparison.Ordinal);
        Assert.Single(GitHub.CheckRuns);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task ServerErrors_AreRetriedAndTheCheckIsPostedOnce(int status)
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Fail("POST", CheckRuns, status, times: 2);
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.Equal(3, GitHub.RequestsTo("POST", CheckRuns).Count);
        Assert.Single(GitHub.CheckRuns);
        Assert.Single(GitHub.Comments);
    }

    [Theory]
    [InlineData(403, """{"message":"You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later."}""")]
    [InlineData(429, """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""")]
    public async Task RateLimitWithoutRetryAfter_WaitsAMinuteWithoutHoldingAWorker(int status, string body)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        GitHub.Time = clock;
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Fail("POST", "/graphql", status, body);
        var bot = await StartBotAsync(s => s.Time = clock);

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await BotUnderTest.Eventually(() => bot.Store.QueueSnapshotAsync(CancellationToken.None).Result is { Jobs: 1, LeasedJobs: 0 }
            && GitHub.GraphQL("PullRequestReview").Count == 1, "the job to be handed back for a minute");

        // GitHub's advice without Retry-After: wait at least a minute.
        var snapshot = await bot.Store.QueueSnapshotAsync(CancellationToken.None);
        Assert.True(snapshot.OldestDueAt >= clock.GetUtcNow().AddSeconds(59), $"due {snapshot.OldestDueAt}, now {clock.GetUtcNow()}");
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(GitHub.GraphQL("PullRequestReview"));
        Assert.Empty(GitHub.CheckRuns);

        clock.Advance(TimeSpan.FromSeconds(40));
        // The worker may have armed its poll timer just after the advance; step fake time until it looks again.
        await BotUnderTest.StepUntilAsync(clock, () => bot.Store.QueueSnapshotAsync(CancellationToken.None).Result.IsIdle, "the job to run once its minute is up");

        Assert.Equal(2, GitHub.GraphQL("PullRequestReview").Count);
        Assert.Single(GitHub.CheckRuns);
    }

    [Fact]
    public async Task ExpiredInstallationToken_IsRefreshedOnceAndTheCallRetried()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        Assert.Single(GitHub.IssuedTokens);

        // The bot still believes its token has 55 minutes left; GitHub says otherwise.
        GitHub.ExpireTokens();
        GitHub.Update(Repo, Pr, pr => pr.Body = Descriptions.Complete);
        GitHub.ClearRequests();
        await bot.SendAsync("pull_request", Payloads.PullRequest("edited"));
        await bot.WaitForIdleAsync();

        Assert.Equal(2, GitHub.IssuedTokens.Count);
        var reads = GitHub.GraphQL("PullRequestReview");
        Assert.Equal(2, reads.Count);
        Assert.NotEqual(reads[0].Headers["Authorization"], reads[1].Headers["Authorization"]);
        Assert.Single(GitHub.RequestsTo("POST", "/app/installations/1/access_tokens"));
        Assert.Equal(["failure", "success"], GitHub.CheckRuns.Select(c => c.Conclusion));
    }

    [Fact]
    public async Task PullRequestDeletedAfterItsDeliveryWasAccepted_IsDroppedWithALogLine()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.HoldGraphQL();
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"), delivery);
        GitHub.RemovePullRequest(Repo, Pr);
        GitHub.ReleaseGraphQL();
        await bot.WaitForIdleAsync();

        Assert.Empty(GitHub.CheckRuns);
        Assert.Empty(GitHub.Comments);
        Assert.Equal(DeliveryState.Done, (await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None))!.State);
        Assert.Contains(bot.Logs.Events, e => e.RenderMessage().Contains("no longer exists", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepositoryGoneWhilePosting_FailsTheDeliveryVisiblyWithoutRetrying()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Fail("POST", CheckRuns, 404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""");
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"), delivery);
        await bot.WaitForIdleAsync();

        var stored = (await bot.Store.GetDeliveryAsync(delivery, CancellationToken.None))!;
        Assert.Equal(DeliveryState.Failed, stored.State);
        Assert.Contains("404", stored.Error, StringComparison.Ordinal);
        Assert.Single(GitHub.RequestsTo("POST", CheckRuns));
    }

    [Fact]
    public async Task CommentGitHubRefusesAsTooLong_IsShortenedAndPostedOnce()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        // GitHub counts some characters double: a comment the renderer kept under the limit can still be refused.
        GitHub.MaxCommentLength = 1_500;
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var attempts = GitHub.RequestsTo("POST", $"/repos/{Repo}/issues/2/comments");
        Assert.True(attempts.Count >= 2, $"{attempts.Count} attempts");
        var comment = Assert.Single(GitHub.Comments);
        Assert.True(comment.Body.Length <= 1_500, $"{comment.Body.Length} characters");
        Assert.StartsWith(CommentRenderer.Marker, comment.Body, StringComparison.Ordinal);
        Assert.EndsWith(CommentShortening.Note, comment.Body, StringComparison.Ordinal);
        Assert.Single(GitHub.CheckRuns);
    }

    [Fact]
    public async Task GitHubDownForTenMinutes_WorkWaitsBehindTheCircuitAndCompletesWhenItIsBack()
    {
        const int pullRequests = 20;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        GitHub.Time = clock;
        ReplicaTests.AddPullRequests(GitHub, pullRequests);
        var bot = await StartBotAsync(s => s.Time = clock);
        var policy = bot.Services.GetRequiredService<GitHubCallPolicy>();
        GitHub.Outage = GitHubOutage.ServiceUnavailable;

        for (var n = 1; n <= pullRequests; n++)
        {
            await bot.SendAsync("pull_request", Payloads.PullRequest("synchronize", ReplicaTests.Sha(n), n));
        }
        var circuitOpened = false;
        for (var second = 0; second < 600; second++)
        {
            await Task.Delay(5);
            clock.Advance(TimeSpan.FromSeconds(1));
            circuitOpened |= policy.Circuit == CircuitState.Open;
        }
        var duringOutage = GitHub.Requests.Count;

        GitHub.Outage = GitHubOutage.None;
        await BotUnderTest.StepUntilAsync(clock, () => GitHub.CheckRuns.Count == pullRequests && bot.Store.QueueSnapshotAsync(CancellationToken.None).Result.IsIdle,
            "every PR to be reviewed once GitHub is back");

        Assert.True(circuitOpened, "the circuit never opened");
        // Without the breaker each of the 20 jobs retries on its own back-off, GitHub down or not (this fails then).
        Assert.True(duringOutage <= 40, $"GitHub received {duringOutage} requests while it was down");
        Assert.Equal(pullRequests, GitHub.CheckRuns.Select(c => c.HeadSha).Distinct().Count());
        Assert.Equal(pullRequests, GitHub.CheckRuns.Count);
        for (var n = 1; n <= pullRequests; n++)
        {
            Assert.Single(await bot.Store.EvaluationsAsync(Repo, n, 10, CancellationToken.None));
        }
        Assert.Equal(CircuitState.Closed, policy.Circuit);
    }
}
