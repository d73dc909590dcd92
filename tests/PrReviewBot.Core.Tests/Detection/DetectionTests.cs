using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Detection;

public class DetectionTests
{
    [Theory]
    [InlineData("performance")]
    [InlineData("Type: Performance")]
    [InlineData("perf")]
    [InlineData("OPTIMIZATION")]
    public void OptimizationLabel_MakesAnOptimizationPr(string label)
    {
        var verdict = Review.Of("Some change.", title: "Tidy the feed", labels: [label]);
        Assert.True(verdict.IsOptimization);
        Assert.Contains(label, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("perf: batch feed queries")]
    [InlineData("perf(feed): batch queries")]
    public void PerfTitlePrefix_MakesAnOptimizationPr(string title) => Assert.True(Review.Of("x", title: title).IsOptimization);

    [Fact]
    public void TwoItemHeadings_WhileTalkingAboutPerformance_MakeAnOptimizationPr()
    {
        Assert.True(Review.Of("The export is slow on large accounts.\n\n## Rollback\nN/A\n\n## Monitoring\nN/A", title: "Update things").IsOptimization);
    }

    [Fact]
    public void TwoItemHeadings_OnAFeature_DoNotMakeAnOptimizationPr()
    {
        var verdict = Review.Of("Adds a one-click checkout button.\n\n## Rollback\nTurn off `one_click`.\n\n## Monitoring\nThe usual board.", title: "Add one-click checkout");
        Assert.False(verdict.IsOptimization);
    }

    [Fact]
    public void TemplateFilledInAsATable_CountsItsItemRowsAsHeadings()
    {
        const string body = "Rows are now read one page at a time.\n\n| Item | |\n|---|---|\n| Target | - |\n| Profile | - |\n" +
                            "| Rollback | set `paging.enabled` to false and rows load in one go again |\n| Dashboards | none yet |";
        var verdict = Review.Of(body, title: "Read rows page by page");
        Assert.True(verdict.IsOptimization);
        Assert.Contains("item headings", verdict.DetectionReason);
        Assert.True(verdict.Item(ItemKind.Rollback).Present);
        Assert.False(verdict.Item(ItemKind.Constraint).Present);
    }

    [Fact]
    public void OneTargetRowInAResultsTable_IsNotATemplate()
    {
        const string body = "Reworked the export.\n\n| Metric | Value |\n|---|---|\n| Target | 120 ms |\n| Rows | 40 |";
        Assert.False(Review.Of(body, title: "Rework the export").IsOptimization);
    }

    [Fact]
    public void OtherPr_IsSkipped()
    {
        var verdict = Review.Of("Fixes the typo in the README.", title: "docs: fix typo");
        Assert.False(verdict.IsOptimization);
        Assert.Equal(Conclusion.Skipped, verdict.Conclusion);
        Assert.Empty(verdict.Findings);
    }

    [Theory]
    [InlineData("Reduce allocations in the optimizer")]
    [InlineData("Speed up /api/person/properties")]
    [InlineData("Lazy-load chat transports")]
    public void OptimizationWording_InTitle_IsInferred(string title) => Assert.True(Review.Of("No details.", title: title).IsOptimization);

    [Theory]
    [InlineData("feat(performance): add feature flag for perf work")]
    [InlineData("chore(observability): add frontend control-plane latency dashboard")]
    [InlineData("Add benchmark tests")]
    [InlineData("Remove performance issues options and flags")]
    [InlineData("Optimize imports across the billing module")]
    [InlineData("Setup a Macrobenchmark for the sample app")]
    public void PerformanceVocabularyWithoutAnOptimization_IsNotInferred(string title) => Assert.False(Review.Of("Adds it.", title: title).IsOptimization);

    [Fact]
    public void MeasurementsWithPerformanceWording_InBody_AreInferred()
    {
        Assert.True(Review.Of("Replica mutex contention drops: 786.9ms → 614.3ms.", title: "kvserver: narrow the mutex").IsOptimization);
    }

    [Fact]
    public void InferenceCanBeTurnedOff()
    {
        var config = ReviewConfig.Default with { Detection = new DetectionConfig { Infer = false } };
        Assert.False(Review.Of("Replica mutex contention drops: 786.9ms → 614.3ms.", title: "Speed up the kvserver", config: config).IsOptimization);
    }

    [Fact]
    public void ItemsAreJudgedEvenWhenNotAnOptimizationPr()
    {
        var verdict = Review.Of("p95 240 ms → 80 ms", title: "docs: typo", config: ReviewConfig.Default with { Detection = new DetectionConfig { Infer = false } });
        Assert.False(verdict.IsOptimization);
        Assert.True(verdict.Item(ItemKind.BeforeAfter).Present);
    }
}
