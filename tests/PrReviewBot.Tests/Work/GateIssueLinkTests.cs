using PrReviewBot.Core.Rendering;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Work;

/// <summary>
/// A PR's <c>gate_issue_incomplete</c> finding follows its gate issue: when gate mode changes the issue's status, the
/// PRs whose constraint links it are evaluated again, with no PR event; when the status stays, nothing more is read.
/// </summary>
public class GateIssueLinkTests : EndToEndTest
{
    private const int GateIssue = 41;

    private async Task<BotUnderTest> StartWithLinkedGateIssueAsync(string issueBody, params string[] labels)
    {
        // The finding as an error, so the check's conclusion shows it; the PR's constraint links #41 (Descriptions.Complete).
        GitHub.PutFile(Repo, "master", ".github/perf-review.yml", "findings:\n  gate_issue_incomplete: error\n");
        GitHub.AddIssue(new FakeIssue { Repository = Repo, Number = GateIssue, Title = "Feed latency", Body = issueBody, Labels = [.. labels] });
        AddOptimizationPr(Descriptions.Complete);
        var bot = await StartBotAsync();
        await SendIssueAsync(bot, "opened");
        await bot.WaitForIdleAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        return bot;
    }

    private Task<HttpResponseMessage> SendIssueAsync(BotUnderTest bot, string action, string? label = null)
    {
        var issue = GitHub.Issue(Repo, GateIssue);
        return bot.SendAsync("issues", IssuePayloads.Issue(action, GateIssue, issue.Title, issue.Body, issue.Labels, label));
    }

    private async Task EditIssueAsync(BotUnderTest bot, string body)
    {
        GitHub.UpdateIssue(Repo, GateIssue, i => i.Body = body);
        await SendIssueAsync(bot, "edited");
        await bot.WaitForIdleAsync();
    }

    private FakeComment Sticky() => Assert.Single(GitHub.Comments, c => c.Number == Pr && c.Body.StartsWith(CommentRenderer.Marker, StringComparison.Ordinal));

    private Task<IReadOnlyList<EvaluationRecord>> EvaluationsAsync(BotUnderTest bot) => bot.Store.EvaluationsAsync(Repo, Pr, 20, CancellationToken.None);

    [Fact]
    public async Task GateIssueEditedToSatisfyEveryGate_ThePrCheckPassesAndItsCommentDropsTheFinding_WithoutAnyPrEvent()
    {
        var bot = await StartWithLinkedGateIssueAsync(IssueBodies.Eval1, "performance");
        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);
        Assert.Contains("`gate_issue_incomplete`", GitHub.CheckRuns[0].Text);
        Assert.Contains("gate_issue_incomplete", Sticky().Body);

        await EditIssueAsync(bot, IssueBodies.Eval6);

        Assert.Equal(["failure", "success"], GitHub.CheckRuns.Select(c => c.Conclusion));
        Assert.Equal(Payloads.HeadSha, GitHub.CheckRuns[^1].HeadSha);
        Assert.DoesNotContain("gate_issue_incomplete", GitHub.CheckRuns[^1].Text ?? "");
        Assert.DoesNotContain("gate_issue_incomplete", Sticky().Body);
        Assert.Equal(1, Sticky().Edits);
        var evaluations = await EvaluationsAsync(bot);
        Assert.Equal(2, evaluations.Count);
        // Started by the issue, not by a delivery about the PR.
        Assert.Empty(evaluations[0].DeliveryIds);
        Assert.Equal("success", evaluations[0].Conclusion);
    }

    [Fact]
    public async Task GateIssueIncompleteAgain_ThePrFailsAgain_AndAPartlyAnsweredIssueUpdatesTheOpenGatesItNames()
    {
        var bot = await StartWithLinkedGateIssueAsync(IssueBodies.Eval6, "performance");
        Assert.Equal("success", Assert.Single(GitHub.CheckRuns).Conclusion);

        await EditIssueAsync(bot, IssueBodies.Eval1);
        Assert.Equal(["success", "failure"], GitHub.CheckRuns.Select(c => c.Conclusion));
        var allOpen = GitHub.CheckRuns[^1].Text!;
        Assert.Contains("`gate_issue_incomplete`", allOpen);

        await EditIssueAsync(bot, IssueBodies.Eval3);
        var fewerOpen = GitHub.CheckRuns[^1].Text!;
        Assert.Equal(3, GitHub.CheckRuns.Count);
        Assert.NotEqual(allOpen, fewerOpen);
        Assert.Contains("`gate_issue_incomplete`", fewerOpen);
    }

    [Fact]
    public async Task AnIssueEditThatLeavesTheGateStatusAsItWas_ReadsAndPostsNothingForThePr()
    {
        var bot = await StartWithLinkedGateIssueAsync(IssueBodies.Eval1, "performance");
        var sticky = Sticky();
        GitHub.ClearRequests();

        await EditIssueAsync(bot, IssueBodies.Eval1 + "\n\n(also on mobile)");

        Assert.Single(GitHub.CheckRuns);
        Assert.Equal(sticky, Sticky());
        Assert.Single(await EvaluationsAsync(bot));
        // The issue's own gate check is all that ran: no read of the PR, no read of #41 for it.
        Assert.Single(GitHub.Requests, r => r.Path == "/graphql");
        Assert.Empty(GitHub.RequestsTo("GET", $"/repos/{Repo}/issues/{GateIssue}"));
    }

    [Fact]
    public async Task AnIssueLabelledAsOptimizationWorkAfterThePrLinkedIt_GivesThePrTheFinding()
    {
        var bot = await StartWithLinkedGateIssueAsync(IssueBodies.Eval1);
        Assert.Equal("success", Assert.Single(GitHub.CheckRuns).Conclusion);

        GitHub.UpdateIssue(Repo, GateIssue, i => i.Labels.Add("performance"));
        await SendIssueAsync(bot, "labeled", "performance");
        await bot.WaitForIdleAsync();
        Assert.Equal(["success", "failure"], GitHub.CheckRuns.Select(c => c.Conclusion));

        GitHub.UpdateIssue(Repo, GateIssue, i => i.Labels.Remove("performance"));
        await SendIssueAsync(bot, "unlabeled", "performance");
        await bot.WaitForIdleAsync();
        Assert.Equal(["success", "failure", "success"], GitHub.CheckRuns.Select(c => c.Conclusion));
    }

    [Fact]
    public async Task AClosedPr_IsReadOnceMore_ThenForgotten()
    {
        var bot = await StartWithLinkedGateIssueAsync(IssueBodies.Eval1, "performance");
        var gates = (IGateStore)bot.Store;
        Assert.Equal([Pr], await gates.LinkingPullRequestsAsync(Repo, GateIssue, CancellationToken.None));
        GitHub.Update(Repo, Pr, pr => pr.State = "CLOSED");

        await EditIssueAsync(bot, IssueBodies.Eval6);

        Assert.Single(GitHub.CheckRuns);
        Assert.Empty(await gates.LinkingPullRequestsAsync(Repo, GateIssue, CancellationToken.None));
        GitHub.ClearRequests();
        await EditIssueAsync(bot, IssueBodies.Eval1);
        Assert.Single(GitHub.Requests, r => r.Path == "/graphql");
    }
}

// The same on PostgreSQL (skipped only without a server and outside scripts/test.sh), as in Scale/OnPostgres.cs.
public sealed class GateIssueLinkTestsOnPostgres : GateIssueLinkTests
{
    protected override bool OnPostgres => true;
}
