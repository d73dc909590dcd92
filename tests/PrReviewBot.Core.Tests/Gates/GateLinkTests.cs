using PrReviewBot.Core.Config;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Gates;

namespace PrReviewBot.Core.Tests.Gates;

/// <summary>Which issues gate mode runs on, and how a PR inherits its gate issue's status.</summary>
public class GateLinkTests
{
    [Theory]
    [InlineData(new[] { "performance" }, true)]
    [InlineData(new[] { "bug", "Perf" }, true)]
    [InlineData(new[] { "optimization " }, true)]
    [InlineData(new[] { "bug" }, false)]
    [InlineData(new[] { "perf-gates: incomplete" }, false)]
    [InlineData(new string[0], false)]
    public void GateMode_RunsOnIssuesLabelledAsOptimizationWork(string[] labels, bool applies)
    {
        Assert.Equal(applies, GateTrigger.AppliesTo(labels, new GateConfig()));
    }

    [Fact]
    public void TheBotsOwnLabels_NeverTriggerGateMode_EvenIfConfiguredAsTriggers()
    {
        var config = new GateConfig { Labels = ["perf-gates: incomplete", "speed"] };

        Assert.False(GateTrigger.AppliesTo(["perf-gates: incomplete"], config));
        Assert.True(GateTrigger.AppliesTo(["speed"], config));
    }

    [Fact]
    public void LinkedIssues_AreThoseOfThisRepository()
    {
        var links = new[]
        {
            "#42", "acme/shop#43", "ACME/Shop#44", "other/repo#45", "https://github.com/acme/shop/issues/46",
            "https://ghe.acme.internal/acme/shop/issues/47#issuecomment-1", "https://github.com/acme/shop/pull/48",
            "https://grafana.example.com/d/abc", "#42", "https://github.com/other/shop/issues/49",
        };

        Assert.Equal([42, 43, 44, 46, 47], GateIssueFinding.LinkedIssues(links, "acme", "shop"));
    }

    [Fact]
    public void AnIssueWithOpenGates_BecomesAFindingNamingThem()
    {
        var verdict = GateReviewer.Default.Judge(IssueDescription.FromBody(IssueBodies.Eval3Prompt));

        var finding = GateIssueFinding.For(42, verdict)!;

        Assert.Equal(FindingIds.GateIssueIncomplete, finding.Rule);
        Assert.Equal("The constraint links #42, whose performance gates are not all answered: gates 4 (simplest sufficient solution), 5 (rollback plan) still open.", finding.Message);
    }

    [Fact]
    public void AnIssueWithEveryGateAnswered_GivesNoFinding()
    {
        var verdict = GateReviewer.Default.Judge(IssueDescription.FromBody(IssueBodies.Eval6Prompt));

        Assert.Null(GateIssueFinding.For(42, verdict));
    }

    [Fact]
    public void TheFinding_IsWeighedByTheReviewConfig()
    {
        var pr = new PrReviewBot.Core.Model.PullRequestDescription("perf: batch feed queries", "Batch the feed queries. See #42.", ["performance"]);
        var config = ReviewConfig.Default with
        {
            Findings = new Dictionary<string, PrReviewBot.Core.Model.Severity>(FindingIds.DefaultSeverities) { [FindingIds.GateIssueIncomplete] = PrReviewBot.Core.Model.Severity.Error },
        };
        var review = Reviewer.Default.Review(pr, config);
        var finding = GateIssueFinding.For(42, GateReviewer.Default.Judge(IssueDescription.FromBody(IssueBodies.Eval1Prompt)))!;

        var weighed = Reviewer.WithFindings(review, [finding], config);

        Assert.Contains(weighed.Findings, f => f.Rule == FindingIds.GateIssueIncomplete && f.Severity == PrReviewBot.Core.Model.Severity.Error);
        Assert.Equal(PrReviewBot.Core.Model.Conclusion.Failure, weighed.Conclusion);
    }
}
