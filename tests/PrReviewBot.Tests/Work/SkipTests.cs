using PrReviewBot.Core.Commands;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Work;

/// <summary>
/// <c>/perf-review skip &lt;reason&gt;</c>: someone allowed to override says a PR is not an optimization PR. The check
/// passes as "Not an optimization PR" with who and why, the step is audited, and <c>revoke</c> brings the review back.
/// </summary>
public class SkipTests : EndToEndTest
{
    private const string Reason = "renames the benchmark job only, no code path changes";

    private static Task Comment(BotUnderTest bot, string body, string login, long id) =>
        bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, body, login: login, onPullRequest: true, commentId: id));

    [Fact]
    public async Task SkipByAWriter_PassesAsNotAnOptimizationPr_SaysWhoAndWhy_AndRevokeBringsTheReviewBack()
    {
        GitHub.SetPermission("octo-writer", "write");
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);

        await Comment(bot, $"/perf-review skip {Reason}", "octo-writer", 2001);
        await bot.WaitForIdleAsync();

        var skipped = GitHub.CheckRuns[^1];
        Assert.Equal("success", skipped.Conclusion);
        Assert.Equal("Not an optimization PR", skipped.Title);
        Assert.True(skipped.Summary!.Contains("marked it as not an optimization PR", StringComparison.Ordinal), skipped.Summary);
        Assert.Contains("renames the benchmark job only", skipped.Summary);
        var reply = Assert.Single(GitHub.Comments, c => c.Body.StartsWith(CommandReplies.Marker, StringComparison.Ordinal));
        Assert.Contains("not an optimization PR", reply.Body);
        var audit = Assert.Single(await ((ICommandStore)bot.Store).OverrideEventsAsync(Repo, Pr, 10, CancellationToken.None));
        Assert.Equal((OverrideAction.Skip, "octo-writer", Reason), (audit.Action, audit.Actor, audit.Reason));

        await Comment(bot, "/perf-review revoke", "octo-writer", 2002);
        await bot.WaitForIdleAsync();
        Assert.Equal("failure", GitHub.CheckRuns[^1].Conclusion);
    }

    [Fact]
    public async Task SkipByAReader_IsRefused_AndTheCheckStays()
    {
        GitHub.SetPermission("octo-reader", "read");
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        await Comment(bot, $"/perf-review skip {Reason}", "octo-reader", 2003);
        await bot.WaitForIdleAsync();

        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);
        var reply = Assert.Single(GitHub.Comments, c => c.Body.StartsWith(CommandReplies.Marker, StringComparison.Ordinal));
        Assert.Contains("to mark a pull request as not an optimization PR you need", reply.Body);
        Assert.Empty(await ((ICommandStore)bot.Store).OverrideEventsAsync(Repo, Pr, 10, CancellationToken.None));
    }
}
