using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using PrReviewBot.GitHub;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.GitHub;

/// <summary>GitHub failing: 5xx, rate limits with Retry-After and x-ratelimit-reset, GraphQL RATE_LIMITED.</summary>
public class RetryTests : EndToEndTest
{
    private const string CheckRuns = $"/repos/{Repo}/check-runs";

    [Fact]
    public async Task GitHub500ThenOk_CheckIsPosted()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Fail("POST", CheckRuns, 500);
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.Equal(2, GitHub.RequestsTo("POST", CheckRuns).Count);
        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);
        Assert.Single(GitHub.Comments);
    }

    [Fact]
    public async Task RateLimited429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Fail("POST", CheckRuns, 429, """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""",
            new Dictionary<string, string> { ["Retry-After"] = "1" });
        var bot = await StartBotAsync();
        var waits = new ConcurrentQueue<RetryScheduled>();
        bot.Traffic.RetryScheduled += waits.Enqueue;

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var wait = Assert.Single(waits);
        Assert.Equal("create check run", wait.Operation);
        Assert.True(wait.Delay >= TimeSpan.FromSeconds(1), $"waited {wait.Delay}, GitHub asked for 1 s");
        Assert.Equal(2, GitHub.RequestsTo("POST", CheckRuns).Count);
        Assert.Single(GitHub.CheckRuns);
    }

    [Fact]
    public async Task SecondaryRateLimit403WithRetryAfter_IsHonoured()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Fail("POST", "/graphql", 403,
            """{"message":"You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#secondary-rate-limits"}""",
            new Dictionary<string, string> { ["Retry-After"] = "1" });
        var bot = await StartBotAsync();
        var waits = new ConcurrentQueue<RetryScheduled>();
        bot.Traffic.RetryScheduled += waits.Enqueue;

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.True(Assert.Single(waits).Delay >= TimeSpan.FromSeconds(1));
        Assert.Single(GitHub.CheckRuns);
    }

    [Fact]
    public async Task GraphQLRateLimitedWithStatus200_IsRetriedAfterTheReset()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var reset = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        GitHub.Fail("POST", "/graphql", 200,
            """{"errors":[{"type":"RATE_LIMITED","message":"API rate limit exceeded for installation ID 1."}]}""",
            new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = reset, ["x-ratelimit-limit"] = "5000" });
        var bot = await StartBotAsync();
        var waits = new ConcurrentQueue<RetryScheduled>();
        bot.Traffic.RetryScheduled += waits.Enqueue;

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var wait = Assert.Single(waits);
        Assert.Equal("read pull request", wait.Operation);
        Assert.Contains("GraphQL rate limit", wait.Reason, StringComparison.Ordinal);
        Assert.Single(GitHub.CheckRuns);
    }

    [Fact]
    public async Task CommentCreationTimingOut_IsNotRepeatedBlindly()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        // GitHub may have created the comment before failing: a blind retry could post it twice.
        GitHub.Fail("POST", $"/repos/{Repo}/issues/2/comments", 502);
        var bot = await StartBotAsync(s => s.Config["Queue:RetryBaseDelay"] = "00:00:00.100");

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, GitHub.RequestsTo("POST", $"/repos/{Repo}/issues/2/comments").Count);
        Assert.Equal(2, GitHub.GraphQL("PullRequestReview").Count);
        Assert.Single(GitHub.Comments);
        Assert.Single(GitHub.CheckRuns);
    }
}

/// <summary>A wait longer than the in-process bound frees the worker; the job comes back when GitHub allows.</summary>
public class LongRateLimitTests : EndToEndTest
{
    [Fact]
    public async Task PrimaryRateLimitUntilReset_ReleasesTheJobAndCompletesAfterTheReset()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        GitHub.Time = clock;
        AddOptimizationPr(Descriptions.Incomplete);
        var reset = clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        GitHub.Fail("POST", "/graphql", 403, """{"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""",
            new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-limit"] = "5000", ["x-ratelimit-reset"] = reset });
        var bot = await StartBotAsync(s => s.Time = clock);

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await BotUnderTest.Eventually(() => bot.Store.QueueSnapshotAsync(CancellationToken.None).Result is { Jobs: 1, LeasedJobs: 0 }
            && GitHub.GraphQL("PullRequestReview").Count == 1, "the job to be handed back until the reset");

        var snapshot = await bot.Store.QueueSnapshotAsync(CancellationToken.None);
        Assert.True(snapshot.OldestDueAt >= clock.GetUtcNow().AddMinutes(9), $"due {snapshot.OldestDueAt}, now {clock.GetUtcNow()}");
        Assert.Empty(GitHub.CheckRuns);

        clock.Advance(TimeSpan.FromMinutes(11));
        await BotUnderTest.StepUntilAsync(clock, () => bot.Store.QueueSnapshotAsync(CancellationToken.None).Result.IsIdle, "the job to run after the reset");

        Assert.Equal(2, GitHub.GraphQL("PullRequestReview").Count);
        Assert.Single(GitHub.CheckRuns);
    }
}
