using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.GitHub;

/// <summary>With a plain token (no App) the bot posts commit statuses, not check runs.</summary>
public class TokenModeTests : EndToEndTest
{
    [Fact]
    public async Task TokenMode_PostsACommitStatusInsteadOfACheckRun()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Auth = BotAuth.Token);

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.Empty(GitHub.CheckRuns);
        var status = Assert.Single(GitHub.Statuses);
        Assert.Equal(Payloads.HeadSha, status.Sha);
        Assert.Equal("perf-review", status.Context);
        Assert.Equal("failure", status.State);
        Assert.False(string.IsNullOrWhiteSpace(status.Description));
        Assert.True(status.Description!.Length <= 140);
        Assert.Single(GitHub.Comments);
        Assert.Empty(GitHub.RequestsTo("POST", "/app/"));
        Assert.All(GitHub.Requests, r => Assert.Equal($"token {bot.Settings.PersonalToken}", r.Headers["Authorization"], ignoreCase: true));
    }

    [Fact]
    public async Task TokenMode_UnchangedReevaluationPostsNoSecondStatus()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Auth = BotAuth.Token);

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("reopened"));
        await bot.WaitForIdleAsync();

        Assert.Single(GitHub.Statuses);
        Assert.Equal(0, Assert.Single(GitHub.Comments).Edits);
    }
}
