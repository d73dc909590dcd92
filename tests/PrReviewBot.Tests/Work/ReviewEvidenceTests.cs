using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Work;

/// <summary>
/// Findings the PR description alone cannot give: the gate status of the issue its constraint links
/// (<c>gate_issue_incomplete</c>), and whether its changed files mention the rollback flag (<c>flag_not_in_diff</c>).
/// </summary>
public class ReviewEvidenceTests : EndToEndTest
{
    private const string FlagPatch = "@@ -10,6 +10,9 @@ public sealed class FeedRepository\n     public async Task<IReadOnlyList<Item>> LoadItems(IReadOnlyList<long> ids)\n     {\n+        if (flags.IsEnabled(\"feed_batch_query\"))\n+        {\n+            return await LoadItemsBatched(ids);\n+        }\n         var items = new List<Item>();";

    private const string UnrelatedPatch = "@@ -1,3 +1,4 @@\n using System;\n+using System.Linq;\n namespace Feed;\n";

    private async Task<FakeCheckRun> ReviewAsync(FakeIssue? gateIssue = null)
    {
        var bot = await StartBotAsync();
        if (gateIssue is not null)
        {
            // Gate mode judges the issue first: that is what makes it a gate issue the PR's finding reads.
            GitHub.AddIssue(gateIssue);
            await bot.SendAsync("issues", IssuePayloads.Issue("opened", gateIssue.Number, gateIssue.Title, gateIssue.Body, gateIssue.Labels));
            await bot.WaitForIdleAsync();
        }
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        return GitHub.CheckRuns[^1];
    }

    [Fact]
    public async Task PrLinkingAnIncompleteGateIssue_GetsTheGateIssueIncompleteFinding()
    {
        AddOptimizationPr(Descriptions.Complete);

        var check = await ReviewAsync(new FakeIssue { Repository = Repo, Number = 41, Title = "Make the feed faster", Body = IssueBodies.Eval1, Labels = ["performance"] });

        Assert.Contains("`gate_issue_incomplete`", check.Text);
        Assert.Contains("The constraint links \\#\u200B41, whose performance gates are not all answered", check.Text);
        Assert.Single(GitHub.RequestsTo("GET", $"/repos/{Repo}/issues/41"));
        // A warning by default: the check still passes on the five items.
        Assert.Equal("success", check.Conclusion);
    }

    [Fact]
    public async Task PrLinkingAnIssueWithEveryGateAnswered_HasNoSuchFinding()
    {
        AddOptimizationPr(Descriptions.Complete);

        var check = await ReviewAsync(new FakeIssue { Repository = Repo, Number = 41, Title = "Products p99", Body = IssueBodies.Eval6, Labels = ["performance"] });

        Assert.DoesNotContain("gate_issue_incomplete", check.Text);
        Assert.Single(GitHub.RequestsTo("GET", $"/repos/{Repo}/issues/41"));
    }

    [Fact]
    public async Task PrLinkingAnIssueGateModeNeverJudged_HasNoSuchFinding_AndCostsNoCall()
    {
        // #41 is an ordinary issue (no optimization label): not a gate issue.
        GitHub.AddIssue(new FakeIssue { Repository = Repo, Number = 41, Title = "Feed is slow on mobile", Body = IssueBodies.Eval1 });
        AddOptimizationPr(Descriptions.Complete);

        var check = await ReviewAsync();

        Assert.DoesNotContain("gate_issue_incomplete", check.Text);
        Assert.Empty(GitHub.RequestsTo("GET", $"/repos/{Repo}/issues/41"));
    }

    [Fact]
    public async Task GateIssueIncomplete_AsAnErrorInTheConfig_FailsTheCheck()
    {
        GitHub.PutFile(Repo, "master", ".github/perf-review.yml", "findings:\n  gate_issue_incomplete: error\n");
        AddOptimizationPr(Descriptions.Complete);

        var check = await ReviewAsync(new FakeIssue { Repository = Repo, Number = 41, Title = "Make the feed faster", Body = IssueBodies.Eval5, Labels = ["optimization"] });

        Assert.Equal("failure", check.Conclusion);
        Assert.Contains("`gate_issue_incomplete`", check.Text);
    }

    [Fact]
    public async Task PrNamingAFlagAbsentFromItsPatches_GetsFlagNotInDiff()
    {
        var pr = AddOptimizationPr(Descriptions.Complete);
        pr.Patches["src/Feed/FeedRepository.cs"] = UnrelatedPatch;

        var check = await ReviewAsync();

        Assert.Contains("`flag_not_in_diff`", check.Text);
        Assert.Contains("`feed_batch_query` is named in the description but appears in none of the changed files", check.Text);
        Assert.Single(GitHub.RequestsTo("GET", $"/repos/{Repo}/pulls/2/files"));
    }

    [Fact]
    public async Task PrWhosePatchesAddTheFlag_HasNoFlagNotInDiff()
    {
        var pr = AddOptimizationPr(Descriptions.Complete);
        pr.Patches["src/Feed/FeedRepository.cs"] = FlagPatch;

        var check = await ReviewAsync();

        Assert.DoesNotContain("flag_not_in_diff", check.Text);
    }

    [Fact]
    public async Task AFlagOnlyOnARemovedLine_IsNotInTheChange()
    {
        var pr = AddOptimizationPr(Descriptions.Complete);
        pr.Patches["src/Feed/FeedRepository.cs"] = "@@ -1,2 +1,1 @@\n-// feed_batch_query was here\n namespace Feed;";

        var check = await ReviewAsync();

        Assert.Contains("`flag_not_in_diff`", check.Text);
    }

    [Fact]
    public async Task ATextDiffGitHubDoesNotReturn_KeepsTheFindingSilent()
    {
        var pr = AddOptimizationPr(Descriptions.Complete);
        pr.Patches["src/Feed/FeedRepository.cs"] = UnrelatedPatch;
        // A large diff: GitHub counts its lines but sends no patch; the flag may be in it.
        pr.Files.Add("src/Feed/Generated.cs");
        pr.Patches["src/Feed/Generated.cs"] = null;

        var check = await ReviewAsync();

        Assert.DoesNotContain("flag_not_in_diff", check.Text);
    }

    [Fact]
    public async Task PrNamingNoFlag_DoesNotReadItsPatches()
    {
        AddOptimizationPr(Descriptions.Incomplete);

        await ReviewAsync();

        Assert.Empty(GitHub.RequestsTo("GET", $"/repos/{Repo}/pulls/2/files"));
    }
}
