using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Work;

/// <summary>"Re-run" buttons and the merge queue: the check is posted again where GitHub waits for it.</summary>
public class RerunTests : EndToEndTest
{
    [SkippableFact]
    public async Task CheckRunRerequested_PostsTheCheckAgainEvenWhenNothingChanged()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        await bot.SendAsync("check_run", Payloads.CheckRunRerequested(externalId: "2"));
        await bot.WaitForIdleAsync();

        Assert.Equal(2, GitHub.CheckRuns.Count);
        Assert.All(GitHub.CheckRuns, c => Assert.Equal(Payloads.HeadSha, c.HeadSha));
        Assert.Equal(0, Assert.Single(GitHub.Comments).Edits);
    }

    [SkippableFact]
    public async Task CheckSuiteRerequested_ReviewsItsPullRequestAgain()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();

        await bot.SendAsync("check_suite", Payloads.CheckSuiteRerequested(fork: false));
        await bot.WaitForIdleAsync();

        var check = Assert.Single(GitHub.CheckRuns);
        Assert.Equal(Payloads.HeadSha, check.HeadSha);
        Assert.Equal("2", check.ExternalId);
    }

    [SkippableFact]
    public async Task CheckSuiteRerequestedOnAFork_FindsThePullRequestByItsHeadSha()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();

        await bot.SendAsync("check_suite", Payloads.CheckSuiteRerequested(fork: true));
        await bot.WaitForIdleAsync();

        Assert.Single(GitHub.RequestsTo("GET", $"/repos/{Repo}/commits/{Payloads.HeadSha}/pulls"));
        var check = Assert.Single(GitHub.CheckRuns);
        Assert.Equal(Payloads.HeadSha, check.HeadSha);
    }

    [SkippableFact]
    public async Task CheckSuiteRerequestedOnAForkSeenBefore_NeedsNoLookup()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        await bot.SendAsync("check_suite", Payloads.CheckSuiteRerequested(fork: true));
        await bot.WaitForIdleAsync();

        Assert.Empty(GitHub.RequestsTo("GET", $"/repos/{Repo}/commits/"));
        Assert.Equal(2, GitHub.CheckRuns.Count);
    }

    [SkippableFact]
    public async Task MergeGroup_GetsThePrsLastVerdictOnItsHeadSha()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        GitHub.ClearRequests();

        await bot.SendAsync("merge_group", Payloads.MergeGroup());
        await bot.WaitForIdleAsync();

        Assert.Equal(2, GitHub.CheckRuns.Count);
        var queued = GitHub.CheckRuns[1];
        Assert.Equal("4f1c9b2e8d7a6c5b4a3f2e1d0c9b8a7f6e5d4c3b", queued.HeadSha);
        Assert.Equal("perf-review", queued.Name);
        Assert.Equal(GitHub.CheckRuns[0].Conclusion, queued.Conclusion);
        Assert.Equal(GitHub.CheckRuns[0].Title, queued.Title);
        Assert.Equal("2", queued.ExternalId);
        // From the stored verdict: nothing read from GitHub.
        Assert.Empty(GitHub.RequestsTo("POST", "/graphql"));
    }

    [SkippableFact]
    public async Task MergeGroupForAPrNeverSeen_EvaluatesItFirst()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();

        await bot.SendAsync("merge_group", Payloads.MergeGroup());
        await bot.WaitForIdleAsync();

        Assert.Contains(GitHub.CheckRuns, c => c.HeadSha == "4f1c9b2e8d7a6c5b4a3f2e1d0c9b8a7f6e5d4c3b");
        Assert.Contains(GitHub.CheckRuns, c => c.HeadSha == Payloads.HeadSha);
    }
}
