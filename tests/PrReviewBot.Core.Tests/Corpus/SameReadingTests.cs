using PrReviewBot.Core.Config;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Planning;

namespace PrReviewBot.Core.Tests.Corpus;

/// <summary>
/// One sentence, one reading: the same sentence in a PR description, an issue (gate mode) and a plan request means the
/// same thing — a circuit breaker, a target, a profile, a set of techniques.
/// </summary>
public class SameReadingTests
{
    private static Verdict Review(string body) =>
        Reviewer.Default.Review(new PullRequestDescription("perf: cache the catalog reads", body, ["performance"]), ReviewConfig.Default);

    private static GateVerdict Gates(string body) => GateReviewer.Default.Judge(new IssueDescription("Catalog reads", body));

    [Fact]
    public void APollyPolicyThatOpensAfterFailures_IsACircuitBreakerInEveryMode()
    {
        const string sentence = "Calls to the new Redis cache go through a Polly policy that opens after 5 failures.";

        Assert.DoesNotContain(Review(sentence).Findings, f => f.Rule == FindingIds.DependencyWithoutCircuitBreaker);
        Assert.True(Gates(sentence).Reading.Rollback.CircuitBreaker);
        Assert.DoesNotContain(Gates(sentence).Gate(GateKind.Rollback).Questions, q => q.Contains("circuit breaker", StringComparison.Ordinal));
    }

    [Fact]
    public void ATargetSentence_GivesTheSameTargetInBothModes()
    {
        const string sentence = "Target: p95 under 120 ms for the catalog endpoint, see #88.";

        var target = Assert.Single(Gates(sentence).Reading.Targets);
        var described = PrReviewBot.Core.Items.Constraint.ConstraintItem.Describe(target);
        Assert.Contains(Review(sentence).Item(ItemKind.Constraint).Evidence, e => e.Contains(described, StringComparison.Ordinal));
        Assert.Contains(Gates(sentence).Gate(GateKind.HardTargets).Answers, a => a.Contains(described, StringComparison.Ordinal));
    }

    [Fact]
    public void AProfilerLink_IsProfileEvidenceInBothModes()
    {
        const string sentence = "CPU profile under load: https://share.firefox.dev/public/3k9xq2 (the flame graph is dominated by JSON encoding).";

        Assert.True(Review(sentence).Item(ItemKind.Profile).Present);
        Assert.Equal(GateStatus.Satisfied, Gates(sentence).Gate(GateKind.Profile).Status);
    }

    [Fact]
    public void TheSameTechniques_AreReadFromOneCatalogueInAPrAndAnIssue()
    {
        const string sentence = "This change adds an in-process LRU cache and singleflight for the catalog reads.";

        var pr = Review(sentence).Findings.FirstOrDefault(f => f.Rule == FindingIds.BundledOptimizations);
        Assert.NotNull(pr);
        var plan = EscalationPlanner.Default.Plan(new IssueDescription("Catalog reads", sentence));
        Assert.Equal(PlanKind.PushBack, plan.Kind);
        var pushback = string.Join("\n", plan.Pushback);
        Assert.Contains("in-process L1 cache", pushback, StringComparison.Ordinal);
        Assert.Contains("singleflight", pushback, StringComparison.Ordinal);
    }
}
