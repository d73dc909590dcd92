using PrReviewBot.Core.Gates;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Work;

/// <summary>Gate mode on GitHub: real <c>issues</c> and <c>issue_comment</c> deliveries in, what GitHub received out.</summary>
public class GateModeTests : EndToEndTest
{
    private const int Issue = 7;
    private const string Incomplete = "perf-gates: incomplete";
    private const string Satisfied = "perf-gates: satisfied";

    private FakeIssue AddIssue(string body, params string[] labels) =>
        GitHub.AddIssue(new FakeIssue { Repository = Repo, Number = Issue, Title = "Feed API is too slow", Body = body, Labels = [.. labels] });

    /// <summary>Sends the <c>issues</c> delivery GitHub would send for the issue as it is now.</summary>
    private Task<HttpResponseMessage> SendIssueAsync(BotUnderTest bot, string action, string? label = null)
    {
        var issue = GitHub.Issue(Repo, Issue);
        return bot.SendAsync("issues", IssuePayloads.Issue(action, Issue, issue.Title, issue.Body, issue.Labels, label));
    }

    private IReadOnlyList<FakeComment> GateComments() => GitHub.Comments.Where(c => c.Number == Issue && GateCommentRenderer.IsGateComment(c.Body)).ToList();

    [Theory]
    [InlineData(IssueBodies.Eval1)]
    [InlineData(IssueBodies.Eval5)]
    public async Task IssueLabelledPerformance_WithoutMeasurements_GetsOneGateCommentAskingForTargetsHotPathAndProfile_AndTheIncompleteLabel(string body)
    {
        AddIssue(body);
        var bot = await StartBotAsync();
        await SendIssueAsync(bot, "opened");
        await bot.WaitForIdleAsync();
        Assert.Empty(GitHub.Comments);

        GitHub.UpdateIssue(Repo, Issue, i => i.Labels.Add("performance"));
        await SendIssueAsync(bot, "labeled", "performance");
        await bot.WaitForIdleAsync();

        var comment = Assert.Single(GateComments());
        Assert.Single(GitHub.Comments);
        Assert.Contains("#### ❌ Gate 1: What are the hard targets?", comment.Body);
        Assert.Contains("STOP. Measure the baseline first", comment.Body);
        Assert.Contains("#### ❌ Gate 2: Where is the hot path?", comment.Body);
        Assert.Contains("#### ❌ Gate 3: What does the profile say?", comment.Body);
        var labels = GitHub.Issue(Repo, Issue).Labels;
        Assert.Contains(Incomplete, labels);
        Assert.DoesNotContain(Satisfied, labels);
        Assert.Single(GitHub.RequestsTo("POST", $"/repos/{Repo}/issues/{Issue}/labels"));
    }

    [Fact]
    public async Task IssueWithAllFiveGatesAnswered_GetsTheSatisfiedLabel()
    {
        AddIssue(IssueBodies.Eval6, "performance");
        var bot = await StartBotAsync();

        await SendIssueAsync(bot, "opened");
        await bot.WaitForIdleAsync();

        var comment = Assert.Single(GateComments());
        Assert.Contains("Performance gates: all five answered", comment.Body);
        Assert.Equal(["performance", Satisfied], GitHub.Issue(Repo, Issue).Labels);
    }

    [Fact]
    public async Task EditingTheIssueToAnswerTheGates_FlipsTheLabelAndEditsTheSameComment()
    {
        AddIssue(IssueBodies.Eval1, "performance");
        var bot = await StartBotAsync();
        await SendIssueAsync(bot, "opened");
        await bot.WaitForIdleAsync();
        var before = Assert.Single(GateComments());

        GitHub.UpdateIssue(Repo, Issue, i => i.Body = IssueBodies.Eval6);
        await SendIssueAsync(bot, "edited");
        await bot.WaitForIdleAsync();

        var after = Assert.Single(GateComments());
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(1, after.Edits);
        Assert.Contains("all five answered", after.Body);
        Assert.Single(GitHub.RequestsTo("POST", $"/repos/{Repo}/issues/{Issue}/comments"));
        Assert.Single(GitHub.RequestsTo("PATCH", $"/repos/{Repo}/issues/comments/{before.Id}"));
        Assert.Equal(["performance", Satisfied], GitHub.Issue(Repo, Issue).Labels);
        Assert.Single(GitHub.RequestsTo("DELETE", $"/repos/{Repo}/issues/{Issue}/labels/"));
    }

    [Fact]
    public async Task AnEditThatChangesNoGate_WritesNothing()
    {
        AddIssue(IssueBodies.Eval1, "performance");
        var bot = await StartBotAsync();
        await SendIssueAsync(bot, "opened");
        await bot.WaitForIdleAsync();
        GitHub.ClearRequests();

        GitHub.UpdateIssue(Repo, Issue, i => i.Body += "\n\n(also on mobile)");
        await SendIssueAsync(bot, "edited");
        await bot.WaitForIdleAsync();

        var only = Assert.Single(GitHub.Requests);
        Assert.Equal("/graphql", only.Path);
        Assert.Equal(0, Assert.Single(GateComments()).Edits);
    }

    [Fact]
    public async Task IssueWithoutAnOptimizationLabel_IsNotJudged_UntilSomeoneAsks()
    {
        AddIssue(IssueBodies.Eval1, "bug");
        var bot = await StartBotAsync();
        await SendIssueAsync(bot, "opened");
        await bot.WaitForIdleAsync();
        Assert.Empty(GitHub.Comments);
        Assert.Equal(["bug"], GitHub.Issue(Repo, Issue).Labels);

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Issue, "/perf-review gates"));
        await bot.WaitForIdleAsync();

        Assert.Single(GateComments());
        Assert.Contains(Incomplete, GitHub.Issue(Repo, Issue).Labels);
        var stored = await ((IGateStore)bot.Store).GetGatesAsync(Repo, Issue, CancellationToken.None);
        Assert.True(stored!.Requested);
    }

    [Fact]
    public async Task LabelsFromTheConfig_TriggerGateMode()
    {
        GitHub.PutFile(Repo, "master", ".github/perf-review.yml", "gates:\n  labels: [latency]\n");
        AddIssue(IssueBodies.Eval1, "performance");
        var bot = await StartBotAsync();
        await SendIssueAsync(bot, "opened");
        await bot.WaitForIdleAsync();
        Assert.Empty(GitHub.Comments);

        GitHub.UpdateIssue(Repo, Issue, i => i.Labels.Add("latency"));
        await SendIssueAsync(bot, "labeled", "latency");
        await bot.WaitForIdleAsync();

        Assert.Single(GateComments());
    }

    [Fact]
    public async Task RemovingTheOptimizationLabel_RemovesTheGateLabel_AndKeepsTheComment()
    {
        AddIssue(IssueBodies.Eval1, "performance");
        var bot = await StartBotAsync();
        await SendIssueAsync(bot, "opened");
        await bot.WaitForIdleAsync();

        GitHub.UpdateIssue(Repo, Issue, i => i.Labels.Remove("performance"));
        await SendIssueAsync(bot, "unlabeled", "performance");
        await bot.WaitForIdleAsync();

        Assert.Empty(GitHub.Issue(Repo, Issue).Labels);
        Assert.Equal(0, Assert.Single(GateComments()).Edits);
    }

    [Fact]
    public async Task TheBotsOwnGateLabel_CostsNoCall()
    {
        AddIssue(IssueBodies.Eval1, "performance", Incomplete);
        var bot = await StartBotAsync();

        var response = await SendIssueAsync(bot, "labeled", Incomplete);
        await bot.WaitForIdleAsync();

        Assert.Equal("ignored", response.Headers.GetValues("X-PrReviewBot-Delivery").Single());
        Assert.Empty(GitHub.Requests);
    }

    [Fact]
    public async Task ClosedIssue_IsNotJudged()
    {
        AddIssue(IssueBodies.Eval1, "performance").State = "CLOSED";
        var bot = await StartBotAsync();

        await SendIssueAsync(bot, "edited");
        await bot.WaitForIdleAsync();

        Assert.Empty(GitHub.Comments);
        Assert.Empty(GitHub.RequestsTo("POST", $"/repos/{Repo}/issues/{Issue}/labels"));
    }

    [Fact]
    public async Task GatesOnAPullRequest_PostsAGateCommentThere_WithoutLabels_AndKeepsItCurrent()
    {
        AddOptimizationPr(IssueBodies.Eval1);
        var bot = await StartBotAsync();

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, "/perf-review gates", onPullRequest: true));
        await bot.WaitForIdleAsync();

        var gate = Assert.Single(GitHub.Comments, c => GateCommentRenderer.IsGateComment(c.Body));
        Assert.Equal(Pr, gate.Number);
        Assert.Equal(["performance"], GitHub.PullRequest(Repo, Pr).Labels);
        Assert.Empty(GitHub.CheckRuns);

        GitHub.Update(Repo, Pr, pr => pr.Body = IssueBodies.Eval6);
        await bot.SendAsync("pull_request", Payloads.PullRequest("edited"));
        await bot.WaitForIdleAsync();

        var after = Assert.Single(GitHub.Comments, c => GateCommentRenderer.IsGateComment(c.Body));
        Assert.Equal(gate.Id, after.Id);
        Assert.Contains("all five answered", after.Body);
    }
}
