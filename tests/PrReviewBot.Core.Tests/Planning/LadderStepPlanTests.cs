using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Planning;

namespace PrReviewBot.Core.Tests.Planning;

/// <summary>The other rungs of the ladder, and bottlenecks the ladder does not address.</summary>
public class LadderStepPlanTests
{
    private const string Measured = "The timeline endpoint handles 12K RPS (90% of traffic). Target p99 < 100ms; current p99 is 380ms. ";

    private static EscalationPlan Plan(string body) => EscalationPlanner.Default.Plan(IssueDescription.FromBody(body));

    [Fact]
    public void QueriesOptimizedAndRepeatedReadsDominate_RecommendsStepTwoRedis()
    {
        var plan = Plan(Measured + "Profiling shows queries are already optimized (index-only scans), but 65% of p99 is the same rows read again and again from Postgres.");

        Assert.Equal(2, plan.Step!.Number);
        Assert.Contains(plan.Actions, a => a.Contains("TTL jitter", StringComparison.Ordinal));
        Assert.Contains(plan.Actions, a => a.Contains("circuit breaker", StringComparison.Ordinal));
        Assert.Contains(plan.Questions, q => q.StartsWith("What staleness can the data tolerate", StringComparison.Ordinal));
        Assert.Equal("timeline_redis_cache", plan.Rollback!.Name);
        Assert.Contains("bypass the cache", plan.Rollback.WhenDisabled, StringComparison.Ordinal);
    }

    [Fact]
    public void StampedeOnCacheMiss_RecommendsStepFourSingleflight()
    {
        var plan = Plan(Measured + "We already have Redis and an L1 cache (hit rate 97%). The trace shows a thundering herd: when a hot key expires, 400 concurrent requests for the same key hit the database and p99 spikes.");

        Assert.Equal(4, plan.Step!.Number);
        Assert.Contains(plan.Actions, a => a.Contains("singleflight", StringComparison.Ordinal));
    }

    [Fact]
    public void MarshalDominatesTheCpuProfile_RecommendsStepFiveZeroSerialization()
    {
        var plan = Plan(Measured + "We already run L1 + Redis with singleflight. The CPU flamegraph shows 35% of CPU in json.Marshal on the hot path.");

        Assert.Equal(5, plan.Step!.Number);
        Assert.Contains(plan.Actions, a => a.Contains("raw bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void MutexContentionAtLowTraffic_RecommendsStepSixWithACaution()
    {
        var plan = Plan("The quota endpoint handles 900 RPS (85% of traffic). Target p99 < 20ms, p99 is 75ms today. The mutex profile shows lock contention on the counters map: 55% of wall time blocked.");

        Assert.Equal(6, plan.Step!.Number);
        Assert.Contains(plan.Questions.Concat(plan.Gates.Gate(GateKind.SimplestSolution).FurtherQuestions),
            q => q.Contains("above 10K req/s per instance", StringComparison.Ordinal));
    }

    [Fact]
    public void CpuInTheApplicationsOwnCode_IsAFixOutsideTheLadderNotALadderStep()
    {
        var plan = Plan(Measured + "The CPU profile shows 70% of CPU in our own regexp-based tokenizer (hot loop in parseQuery).");

        Assert.Equal(PlanKind.OutsideLadder, plan.Kind);
        Assert.Null(plan.Step);
        Assert.Contains(plan.Actions, a => a.Contains("fix the hot function the flamegraph shows", StringComparison.Ordinal));
        Assert.Contains(plan.NotRecommended, n => n.StartsWith("No cache, singleflight or lock-free code", StringComparison.Ordinal));
        Assert.Equal(6, plan.Skipped.Count);
    }

    [Fact]
    public void SlowUpstream_IsAFixOutsideTheLadderWithTimeoutAndCircuitBreaker()
    {
        var plan = Plan(Measured + "Tracing shows the span breakdown: 80% of p99 is the call to the third-party payment provider.");

        Assert.Equal(PlanKind.OutsideLadder, plan.Kind);
        Assert.Contains(plan.Actions, a => a.Contains("circuit breaker", StringComparison.Ordinal));
    }

    [Fact]
    public void AskingForAHigherStepThanTheProfileShows_IsPushedBack()
    {
        var plan = Plan("Checkout handles 1,500 RPS (92% of traffic), p95 is 400ms, target p95 < 150ms. " +
                        "The trace shows 70% of the time in one query per cart item (N+1). Should we add an in-process L1 cache?");

        Assert.Equal(1, plan.Step!.Number);
        Assert.Contains(plan.Pushback, p => p.StartsWith("You ask about step 3, but the profile points at step 1", StringComparison.Ordinal));
        Assert.Contains(plan.Pushback, p => p.Contains("unlikely to be needed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("product listing endpoint", "l1_cache", "product_listing_l1_cache")]
    [InlineData("GET /api/v2/feed/{id}", "batched_query", "feed_batched_query")]
    [InlineData("/users/:id/orders", "redis_cache", "orders_redis_cache")]
    [InlineData(null, "singleflight", "perf_singleflight")]
    [InlineData("Ünïcode ☃ endpoint", "fix", "n_code_fix")]
    public void FlagNames_AreSnakeCaseFromTheHotEndpoint(string? endpoint, string suffix, string expected)
    {
        Assert.Equal(expected, EscalationPlanner.FlagName(endpoint, suffix));
    }

    [Fact]
    public void Ladder_HasSixStepsWithProofAndRollbackEach()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6], EscalationLadder.Steps.Select(s => s.Number));
        Assert.All(EscalationLadder.Steps, s =>
        {
            Assert.NotEmpty(s.Actions);
            Assert.False(string.IsNullOrWhiteSpace(s.MetricProofToEscalate));
            Assert.False(string.IsNullOrWhiteSpace(s.Rollback));
            Assert.False(string.IsNullOrWhiteSpace(s.WhenDisabled));
        });
        Assert.Throws<ArgumentOutOfRangeException>(() => EscalationLadder.Step(7));
    }
}
