using PrReviewBot.Tests.Support;
using Xunit.Abstractions;

namespace PrReviewBot.Tests.GitHub;

/// <summary>
/// The call budget: at most 4 GitHub calls on a PR's first evaluation, at most 1 on an unchanged re-evaluation — for a PR
/// whose constraint links no gate issue (a link to an issue gate mode never judged costs nothing) and that names no
/// rollback switch. Linking a gate issue or naming a switch costs one more call each on the first evaluation;
/// re-evaluations answer those from the ETag cache (304, no rate limit).
/// </summary>
public class CallBudgetTests(ITestOutputHelper output) : EndToEndTest
{
    [Fact]
    public async Task FirstEvaluationCostsAtMostFourCalls_UnchangedReevaluationAtMostOne()
    {
        // The constraint links #41, which is no gate issue: no call is spent on it.
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

    [Fact]
    public async Task LinkedGateIssue_CostsOneMoreCallFirst_AndAConditionalReadAfter()
    {
        var gateIssue = GitHub.AddIssue(new FakeIssue { Repository = Repo, Number = 41, Title = "Feed latency", Body = IssueBodies.Eval1, Labels = ["performance"] });
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("issues", IssuePayloads.Issue("opened", 41, gateIssue.Title, gateIssue.Body, gateIssue.Labels));
        await bot.WaitForIdleAsync();
        GitHub.ClearRequests();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        var first = GitHub.Requests;
        GitHub.ClearRequests();
        await bot.SendAsync("pull_request", Payloads.PullRequest("reopened"));
        await bot.WaitForIdleAsync();
        var again = GitHub.Requests;
        Log("first evaluation", first);
        Log("unchanged re-evaluation", again);

        // The installation token is warm from the issue's gate check: the snapshot, the gate issue, the check, the comment.
        Assert.Equal(4, first.Count);
        Assert.Single(first, r => r.Path == "/graphql");
        Assert.Single(first, r => r.Method == "GET" && r.Path == $"/repos/{Repo}/issues/41");
        Assert.Single(first, r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal));
        Assert.Single(first, r => r.Method == "POST" && r.Path.EndsWith("/issues/2/comments", StringComparison.Ordinal));
        Assert.Equal(2, again.Count);
        Assert.Single(again, r => r.Path == "/graphql");
        var reread = Assert.Single(again, r => r.Path == $"/repos/{Repo}/issues/41");
        Assert.True(reread.Headers.ContainsKey("If-None-Match"));
        Assert.Equal([$"/repos/{Repo}/issues/41"], GitHub.NotModified);
    }

    [Fact]
    public async Task NamedRollbackSwitch_CostsOneMoreCallFirst_AndAConditionalReadAfter()
    {
        var pr = AddOptimizationPr(Descriptions.Incomplete + Descriptions.RollbackSection);
        pr.Patches["src/Feed/FeedFlags.cs"] = "@@ -1,2 +1,3 @@\n public static class FeedFlags {\n+    public const string BatchQuery = \"feed_batch_query\";\n }";
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        var first = GitHub.Requests;
        GitHub.ClearRequests();
        await bot.SendAsync("pull_request", Payloads.PullRequest("reopened"));
        await bot.WaitForIdleAsync();
        var again = GitHub.Requests;
        Log("first evaluation", first);
        Log("unchanged re-evaluation", again);

        // A cold installation token, the snapshot, the patches, the check and the comment.
        Assert.Equal(5, first.Count);
        Assert.Single(first, r => r.Method == "GET" && r.Path == $"/repos/{Repo}/pulls/2/files");
        Assert.Equal(2, again.Count);
        Assert.True(Assert.Single(again, r => r.Path == $"/repos/{Repo}/pulls/2/files").Headers.ContainsKey("If-None-Match"));
        Assert.Equal([$"/repos/{Repo}/pulls/2/files"], GitHub.NotModified);
    }

    private void Log(string what, IReadOnlyList<ReceivedRequest> requests)
    {
        output.WriteLine($"{what}: {requests.Count} calls");
        foreach (var r in requests)
        {
            output.WriteLine($"  {r.Method} {r.Path}");
        }
    }
}
