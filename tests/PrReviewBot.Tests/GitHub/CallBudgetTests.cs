using PrReviewBot.Tests.Support;
using Xunit.Abstractions;

namespace PrReviewBot.Tests.GitHub;

/// <summary>PRODUCT §11: at most 4 GitHub calls on a PR's first evaluation, at most 1 on an unchanged re-evaluation.</summary>
public class CallBudgetTests(ITestOutputHelper output) : EndToEndTest
{
    [Fact]
    public async Task FirstEvaluationCostsAtMostFourCalls_UnchangedReevaluationAtMostOne()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        var first = GitHub.Requests;
        output.WriteLine($"first evaluation: {first.Count} calls");
        foreach (var r in first)
        {
            output.WriteLine($"  {r.Method} {r.Path}");
        }

        // A label that changes nothing the review looks at: the verdict stays the same.
        GitHub.Update(Repo, Pr, pr => pr.Labels.Add("documentation"));
        GitHub.ClearRequests();
        await bot.SendAsync("pull_request", Payloads.PullRequest("reopened"));
        await bot.WaitForIdleAsync();
        var again = GitHub.Requests;
        output.WriteLine($"unchanged re-evaluation: {again.Count} calls");
        foreach (var r in again)
        {
            output.WriteLine($"  {r.Method} {r.Path}");
        }

        Assert.True(first.Count <= 4, $"first evaluation made {first.Count} calls");
        Assert.Single(first, r => r.Path == "/app/installations/1/access_tokens");
        Assert.Single(first, r => r.Path == "/graphql");
        Assert.Single(first, r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal));
        Assert.Single(first, r => r.Method == "POST" && r.Path.EndsWith("/issues/2/comments", StringComparison.Ordinal));
        var only = Assert.Single(again);
        Assert.Equal("/graphql", only.Path);
        Assert.Single(GitHub.CheckRuns);
        Assert.Equal(0, Assert.Single(GitHub.Comments).Edits);
        Assert.Equal(2, (await bot.Store.EvaluationsAsync(Repo, Pr, 10, CancellationToken.None)).Count);
    }
}
