using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Planning;
using PrReviewBot.Core.Tests.Gates;

namespace PrReviewBot.Core.Tests.Planning;

/// <summary>The plan side of the process's acceptance scenarios (seed evals.json 1, 2, 3, 5 and 6).</summary>
public class EvalScenarioPlanTests
{
    private static EscalationPlan Plan(string body) => EscalationPlanner.Default.Plan(IssueDescription.FromBody(body));

    private static string All(IEnumerable<string> lines) => string.Join("\n", lines);

    private static string Everything(EscalationPlan plan) =>
        All(plan.Measure.Select(m => m.What + " " + m.How).Concat(plan.Actions).Concat(plan.Pushback).Concat(plan.NotRecommended)
            .Concat(plan.Questions).Concat(plan.Then).Concat(plan.Evidence).Concat(plan.Skipped.Select(s => s.Reason))
            .Concat(plan.LoadTest?.Procedure ?? []).Append(plan.MetricProofToEscalate ?? string.Empty));

    [Theory]
    [InlineData(IssueBodies.Eval1Prompt, PlanKind.MeasureFirst)]
    [InlineData(IssueBodies.Eval1Casual, PlanKind.MeasureFirst)]
    [InlineData(IssueBodies.Eval1EmptyTemplate, PlanKind.MeasureFirst)]
    // Eval 5 proposes L1 + L2 + singleflight at once: the bundle is pushed back first, and the plan still only measures.
    [InlineData(IssueBodies.Eval5Prompt, PlanKind.PushBack)]
    [InlineData(IssueBodies.Eval5Design, PlanKind.PushBack)]
    public void WithoutTargetsHotPathAndProfile_ThePlanIsToMeasureNotToCode(string body, PlanKind kind)
    {
        var plan = Plan(body);

        Assert.Equal(kind, plan.Kind);
        Assert.Null(plan.Step);
        Assert.Empty(plan.Actions);
        Assert.Null(plan.Rollback);
        Assert.Equal([GateKind.HardTargets, GateKind.HotPath, GateKind.Profile], plan.Measure.Select(m => m.Gate).Distinct().Take(3));
        Assert.Contains("No cache, no singleflight and no lock-free code yet", All(plan.NotRecommended), StringComparison.Ordinal);
        Assert.Contains(plan.Questions, q => q.Contains("Which endpoints account for >80% of traffic?", StringComparison.Ordinal));
        Assert.Contains(plan.Questions, q => q.StartsWith("Latency: what must p95/p99 be", StringComparison.Ordinal));
        Assert.Contains(plan.Questions, q => q.StartsWith("Profile the hot path", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IssueBodies.Eval1Prompt)]
    [InlineData(IssueBodies.Eval1Casual)]
    public void MeasureFirst_StillExplainsRollbackAndLoadTestingForLater(string body)
    {
        var plan = Plan(body);

        Assert.Contains("own feature flag", All(plan.Then), StringComparison.Ordinal);
        Assert.Contains("at least 60 s sustained", All(plan.Then), StringComparison.Ordinal);
        Assert.Contains("step 1 of the escalation ladder", All(plan.Then), StringComparison.Ordinal);
        Assert.NotNull(plan.LoadTest);
        Assert.True(plan.LoadTest!.MinimumSeconds >= 60);
    }

    [Fact]
    public void MakeItFasterWithACachingIdea_PushesTheCacheBack()
    {
        var plan = Plan(IssueBodies.Eval1Casual);

        Assert.Contains(plan.NotRecommended, n => n.StartsWith("Not now: Redis / shared cache", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IssueBodies.Eval2Prompt)]
    [InlineData(IssueBodies.Eval2Proposal)]
    public void BundledCacheRequest_PushesBackOnDoingAllAtOnce(string body)
    {
        var plan = Plan(body);

        // Bundling is answered first: split the change, start with one technique, measure before it.
        Assert.Equal(PlanKind.PushBack, plan.Kind);
        Assert.Contains(plan.Measure, m => m.Gate == GateKind.Profile);
        var pushback = All(plan.Pushback);
        Assert.Contains("Not all at once", pushback, StringComparison.Ordinal);
        Assert.Contains("in-process L1 cache", pushback, StringComparison.Ordinal);
        Assert.Contains("Redis / shared cache (L2)", pushback, StringComparison.Ordinal);
        Assert.Contains("singleflight", pushback, StringComparison.Ordinal);
        Assert.Contains("zero-serialization", pushback, StringComparison.Ordinal);
        Assert.Contains("Start from the ladder's step 1", pushback, StringComparison.Ordinal);
        Assert.Contains("each with metric proof", pushback, StringComparison.Ordinal);
        Assert.Contains("the Redis round-trip is the bottleneck despite a high hit rate", pushback, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IssueBodies.Eval2Prompt)]
    [InlineData(IssueBodies.Eval2Proposal)]
    public void BundledCacheRequest_AsksForProfileCurrentNumbersAndThroughput(string body)
    {
        var questions = All(Plan(body).Questions);

        Assert.Contains("Profile the hot path", questions, StringComparison.Ordinal);
        Assert.Contains("current latency distribution (p50, p95, p99)", questions, StringComparison.Ordinal);
        Assert.Contains("Throughput: at what load", questions, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IssueBodies.Eval3Prompt)]
    [InlineData(IssueBodies.Eval3Template)]
    [InlineData(IssueBodies.Eval3Apm)]
    public void NPlusOneWithNumbers_RecommendsStepOneBatchedQueryAndIndexes(string body)
    {
        var plan = Plan(body);

        Assert.Equal(PlanKind.LadderStep, plan.Kind);
        Assert.Equal(1, plan.Step!.Number);
        Assert.Equal("Fix the query", plan.Step.Name);
        Assert.StartsWith("Replace the N+1 fetch loop", plan.Actions[0], StringComparison.Ordinal);
        Assert.Contains("`WHERE id = ANY($1)`", plan.Actions[0], StringComparison.Ordinal);
        Assert.Contains(plan.Actions, a => a.Contains("indexes", StringComparison.Ordinal) && a.Contains("EXPLAIN", StringComparison.Ordinal));
        Assert.Contains(plan.Evidence, e => e.Contains("60%", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IssueBodies.Eval3Prompt)]
    [InlineData(IssueBodies.Eval3Template)]
    [InlineData(IssueBodies.Eval3Apm)]
    public void NPlusOneWithNumbers_ComesWithALoadTestAndAFeatureFlag_AndExplicitlyNoCache(string body)
    {
        var plan = Plan(body);

        var load = plan.LoadTest!;
        Assert.True(load.MinimumSeconds >= 60);
        Assert.Contains("2,500", load.Rate, StringComparison.Ordinal);
        Assert.Contains("p50, p95 and p99 latency", load.Metrics);
        Assert.Contains("throughput", load.Metrics);
        Assert.Contains("error rate", load.Metrics);
        Assert.Contains(load.Procedure, p => p.Contains("flag off (baseline) and flag on", StringComparison.Ordinal));
        Assert.Equal("feed_batched_query", plan.Rollback!.Name);
        Assert.True(plan.Rollback.Suggested);
        Assert.Contains(plan.NotRecommended, n => n.Contains("no cache", StringComparison.Ordinal));
        var cache = plan.Skipped.Single(s => s.Step == 2);
        Assert.StartsWith("No cache: the profile shows the cost in the queries themselves", cache.Reason, StringComparison.Ordinal);
        Assert.Equal([2, 3, 4, 5, 6], plan.Skipped.Select(s => s.Step));
    }

    [Fact]
    public void NPlusOneWithNumbers_EscalationNeedsEXPLAINAndTheQueryHistogram()
    {
        var plan = Plan(IssueBodies.Eval3Prompt);

        Assert.Contains("Show the EXPLAIN output and the query latency histogram", plan.MetricProofToEscalate, StringComparison.Ordinal);
        Assert.Contains("Only then consider step 2", plan.MetricProofToEscalate, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IssueBodies.Eval5Prompt)]
    [InlineData(IssueBodies.Eval5Design)]
    public void NewLowTrafficService_AdvisesAgainstPrematureDesign(string body)
    {
        var plan = Plan(body);

        var pushback = All(plan.Pushback);
        Assert.Contains("Premature design: at 200–1,000 RPS a properly indexed database and possibly one Redis cache layer is likely enough", pushback, StringComparison.Ordinal);
        Assert.Contains("L1 caches and singleflight are for 10K–50K RPS", pushback, StringComparison.Ordinal);
        Assert.Contains("observability from day one", pushback, StringComparison.Ordinal);
        Assert.Contains("add one Redis layer only when metrics show", pushback, StringComparison.Ordinal);
        Assert.Contains("Circuit breakers belong with each new external dependency", pushback, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IssueBodies.Eval5Prompt)]
    [InlineData(IssueBodies.Eval5Design)]
    public void NewLowTrafficService_MeasuresWithObservabilityAndALoadTestOfTheSimpleDesign(string body)
    {
        var plan = Plan(body);

        Assert.Contains(plan.Measure, m => m.What.StartsWith("Observability before optimization", StringComparison.Ordinal));
        Assert.Contains(plan.Measure, m => m.How.StartsWith("Load test the simple design at 1,000 RPS", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IssueBodies.Eval6Prompt)]
    [InlineData(IssueBodies.Eval6Gates)]
    public void EverythingAnswered_RecommendsStepThreeL1Cache(string body)
    {
        var plan = Plan(body);

        Assert.True(plan.Gates.AllSatisfied);
        Assert.Equal(PlanKind.LadderStep, plan.Kind);
        Assert.Equal(3, plan.Step!.Number);
        Assert.Empty(plan.Pushback);
        Assert.Contains(plan.Evidence, e => e.Contains("cache hit rate 95%", StringComparison.Ordinal));
        Assert.Contains(plan.Evidence, e => e.Contains("70%", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IssueBodies.Eval6Prompt)]
    [InlineData(IssueBodies.Eval6Gates)]
    public void EverythingAnswered_GivesL1AdviceOnTtlSizeAndInvalidation_AndALoadTestAfter(string body)
    {
        var plan = Plan(body);

        Assert.Contains(plan.Actions, a => a.Contains("TTL short (seconds)", StringComparison.Ordinal) && a.Contains("pub/sub", StringComparison.Ordinal));
        Assert.Contains(plan.Actions, a => a.StartsWith("Size L1 to fit the memory budget", StringComparison.Ordinal));
        Assert.Contains(plan.Actions, a => a.Contains("stale write-back", StringComparison.Ordinal));
        Assert.Contains("15,000 RPS", plan.LoadTest!.Rate, StringComparison.Ordinal);
        Assert.Contains("L1 hit and miss rates, Redis hit rate, memory use", plan.LoadTest.Metrics);
        Assert.Contains("All reads go to Redis", plan.Rollback!.WhenDisabled, StringComparison.Ordinal);
        Assert.Contains(plan.Skipped, s => s.Step == 1 && s.Reason.StartsWith("Already in place", StringComparison.Ordinal));
        Assert.Contains(plan.Skipped, s => s.Step == 2 && s.Reason.StartsWith("Already in place", StringComparison.Ordinal));
        Assert.Contains(plan.NotRecommended, n => n.Contains("no singleflight", StringComparison.Ordinal));
    }

    [Fact]
    public void EverythingAnswered_WithoutAMemoryBudget_AsksForItToSizeL1()
    {
        var plan = Plan(IssueBodies.Eval6Prompt);

        Assert.Contains(plan.Questions, q => q.StartsWith("What is the memory budget", StringComparison.Ordinal));
        Assert.Contains(plan.Questions, q => q.StartsWith("What staleness can the data tolerate", StringComparison.Ordinal));
    }

    [Fact]
    public void EverythingAnswered_WithAMemoryBudgetAndStaleness_UsesThem()
    {
        var plan = Plan(IssueBodies.Eval6Gates);

        Assert.Contains(plan.Actions, a => a.Contains("memory budget (memory <= 512 MB)", StringComparison.Ordinal));
        Assert.Contains(plan.Actions, a => a.Contains("30 seconds stale", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Questions, q => q.StartsWith("What is the memory budget", StringComparison.Ordinal));
        Assert.Equal("products_l1_cache", plan.Rollback!.Name);
        Assert.False(plan.Rollback.Suggested);
    }
}
