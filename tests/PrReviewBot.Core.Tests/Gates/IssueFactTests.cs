using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Planning;

namespace PrReviewBot.Core.Tests.Gates;

/// <summary>
/// The gate readers on the forms people write, each in a sentence of our own: goals that are not "metric comparator
/// value", today's load in words, measured artifacts against reasoning, proposals with and without their evidence,
/// switches with a load test — and the measurements that must never pass for a target.
/// </summary>
public class IssueFactTests
{
    private static GateVerdict Judge(string body, string title = "") => GateReviewer.Default.Judge(new IssueDescription(title, body));

    private static EscalationPlan Plan(string body, string title = "") => EscalationPlanner.Default.Plan(new IssueDescription(title, body));

    private static GateStatus Status(string body, GateKind gate) => Judge(body).Gate(gate).Status;

    // Gate 1 ------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("Nothing in the checkout flow may take longer than 3 s, even on a bad day.")]
    [InlineData("We need fewer than one in 5,000 uploads to fail.")]
    [InlineData("The thumbnailer has to fit in a 512 MB pod.")]
    [InlineData("The 1.4 upgrade pushed p95 to 90 ms; we want it back under 35 ms.")]
    [InlineData("p99 back to the 40 ms we had before the driver change.")]
    [InlineData("The release gate fails any build whose median import time is above 2 s.")]
    [InlineData("It is held to the agreed 800 ms threshold for the export job.")]
    [InlineData("99.5% of report renders should finish in under 4 seconds.")]
    public void GoalsWrittenInWords_AnswerGateOne(string body)
    {
        var gate = Judge(body).Gate(GateKind.HardTargets);

        Assert.Equal(GateStatus.Satisfied, gate.Status);
        Assert.NotEmpty(gate.Answers);
    }

    [Theory]
    [InlineData("Search p95 is 900 ms today.")]
    [InlineData("The asset bundle has grown back to 3 MB since spring.")]
    [InlineData("""
        | | before | after |
        |---|---:|---:|
        | p95 latency | 410 ms | 260 ms |
        | throughput | 1,200 rps | 1,900 rps |
        """)]
    [InlineData("""
        | metric | value |
        |---|---|
        | p99 | 1,250 ms |
        | requests | 8.1M |
        """)]
    public void MeasurementsAlone_NeverAnswerGateOne(string body) =>
        Assert.Equal(GateStatus.Open, Status(body, GateKind.HardTargets));

    // Gate 2 ------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("`/v2/search` serves about 4,000 requests per minute at the evening peak.")]
    [InlineData("The invoice lookup is 64% of all API calls.")]
    [InlineData("Over the past week, about 120 of more than 90,000 calls to /export took over 10 seconds.")]
    [InlineData("The listing page: median 180 ms, p99 2.4 s, from the access logs.")]
    [InlineData("At the evening peak the checkout takes ~1,900 orders/min.")]
    public void APathWithItsLoadShareOrDistribution_AnswersGateTwo(string body) =>
        Assert.Equal(GateStatus.Satisfied, Status(body, GateKind.HotPath));

    [Theory]
    [InlineData("The search endpoint is slow, p95 is 900 ms.")]
    [InlineData("The service must handle 500 req/s with p99 < 300 ms.")]
    [InlineData("Before the upgrade the gateway used to do 20k requests/second.")]
    [InlineData("We expect around 300 RPS at launch for the new pricing API.")]
    public void ACurrentFigureAGoalRateOrAForecast_DoesNotAnswerGateTwo(string body) =>
        Assert.Equal(GateStatus.Open, Status(body, GateKind.HotPath));

    // Gate 3 ------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("""
        EXPLAIN ANALYZE of the report query:
        ```
        Seq Scan on line_items (cost=0.00..48211.00 rows=1200000 width=64) (actual time=0.02..912.4 rows=1187311 loops=1)
        ```
        """)]
    [InlineData("""
        Stack sampler during the spike, 31 threads parked here:
        ```
        futex_wait, __lll_lock_wait, pthread_mutex_lock, cache_lookup, handle_request
        ```
        """)]
    [InlineData("The SQL log counts 2,400 queries for one dashboard page view.")]
    [InlineData("In the APM, the order sync accounts for 71% of DB time.")]
    public void MeasuredArtifacts_AnswerGateThree(string body) =>
        Assert.Equal(GateStatus.Satisfied, Status(body, GateKind.Profile));

    [Theory]
    [InlineData("The write path takes `mu.Lock()` in 22 call sites, so it must be contended.")]
    [InlineData("Next sprint we will take a CPU profile of the importer.")]
    [InlineData("I think the ORM is the problem here.")]
    [InlineData("The profile page query should respond in 300 ms.")]
    public void ReasoningPlansAndGuesses_DoNotAnswerGateThree(string body) =>
        Assert.Equal(GateStatus.Open, Status(body, GateKind.Profile));

    // Gate 4 ------------------------------------------------------------------------------------------------------

    [Fact]
    public void AQueryFixBackedByCountedQueries_AnswersGateFourAtStepOne()
    {
        var gate = Judge("The SQL log counts 1,900 queries for one order page. Plan: load the line items with prefetch_related so they come in one query.")
            .Gate(GateKind.SimplestSolution);

        Assert.Equal(GateStatus.Satisfied, gate.Status);
        Assert.Contains(gate.Answers, a => a.Contains("step 1", StringComparison.Ordinal));
    }

    [Fact]
    public void AStepWithoutItsTriggerEvidence_KeepsGateFourOpen()
    {
        var gate = Judge("Proposal: add an in-process LRU in front of the pricing service.").Gate(GateKind.SimplestSolution);

        Assert.Equal(GateStatus.Open, gate.Status);
        Assert.Contains(gate.Questions, q => q.StartsWith("Step 3", StringComparison.Ordinal));
    }

    [Fact]
    public void ContentionInABlockProfileAboveTenThousandRps_BacksAStepSixProposal()
    {
        var gate = Judge("The block profile shows 55% of blocking in the RWMutex of the token store at 25k rps. Suggest sharding the token map by key hash.")
            .Gate(GateKind.SimplestSolution);

        Assert.Equal(GateStatus.Satisfied, gate.Status);
        Assert.Contains(gate.Answers, a => a.Contains("step 6", StringComparison.Ordinal));
    }

    [Fact]
    public void ACacheNamedInOneClauseAndItsRoundTripInTheNext_PointsAtStepThree()
    {
        var plan = Plan("Memcached hit rate on the rates cache is 96%, but the GET round trip (~2 ms) is still 65% of p99 according to the trace breakdown. " +
                        "The rates endpoint serves 12k rps (75% of traffic) and the data may be 20 s stale. Target p99 < 20 ms. Proposal: add an in-process L1 with a 5 s TTL.");

        Assert.Equal(PlanKind.LadderStep, plan.Kind);
        Assert.Equal(3, plan.Step!.Number);
    }

    // Gate 5 ------------------------------------------------------------------------------------------------------

    [Fact]
    public void ASwitchWithALoadTest_AnswersGateFive()
    {
        var gate = Judge("The new path sits behind the `fast_search` feature flag, and a 10-minute k6 run compares both paths.").Gate(GateKind.Rollback);

        Assert.Equal(GateStatus.Satisfied, gate.Status);
        Assert.Contains(gate.Answers, a => a.StartsWith("switch:", StringComparison.Ordinal));
    }

    [Fact]
    public void AFallbackOnErrorAlone_DoesNotAnswerGateFive() =>
        Assert.Equal(GateStatus.Open, Status("If the cache errors, reads fall back to the primary database.", GateKind.Rollback));

    // Plans -------------------------------------------------------------------------------------------------------

    [Fact]
    public void TwoTechniquesInOneChange_ArePushedBackFirst()
    {
        var plan = Plan("This change adds an in-process LRU for the price lists and switches the payload to protobuf.");

        Assert.Equal(PlanKind.PushBack, plan.Kind);
        Assert.Contains(plan.Pushback, p => p.StartsWith("Not all at once", StringComparison.Ordinal));
    }

    [Fact]
    public void AlternativesOfOneKind_AreNotABundle() =>
        Assert.NotEqual(PlanKind.PushBack, Plan("Fix: add a composite index on (tenant, created_at) and batch the per-row lookups.").Kind);

    [Theory]
    [InlineData("The main JS bundle is 1.2 MB; it has to go below 400 kB.", OutsideWork.FrontEnd)]
    [InlineData("Cold start on a mid-range Android phone takes 3.1 s.", OutsideWork.Startup)]
    [InlineData("Since v2.3 the parser is 30% slower; bisect between v2.2 and v2.3.", OutsideWork.Regression)]
    [InlineData("The invoice render got slow after we moved to the new template engine: p95 went from 1.1 s to 2.9 s.", OutsideWork.Regression)]
    public void WorkTheLadderDoesNotCover_GetsAnOutsideTheLadderPlan(string body, OutsideWork kind)
    {
        var plan = Plan(body);

        Assert.Equal(PlanKind.OutsideLadder, plan.Kind);
        Assert.Equal(kind, plan.Outside);
        Assert.NotEmpty(plan.Measure);
        Assert.NotNull(plan.Rollback);
    }

    [Fact]
    public void RegressionTooling_IsNotARegressionToBisect() =>
        Assert.Equal(PlanKind.MeasureFirst, Plan("Add a parser benchmark to CI for regression tracking.").Kind);

    [Fact]
    public void EveryOpenGate_SaysWhyTheProcessAsksForIt()
    {
        var comment = GateCommentRenderer.Render(Judge("Make the reports page faster please."));

        foreach (var gate in Enum.GetValues<GateKind>())
        {
            Assert.Contains(gate.Why(), comment, StringComparison.Ordinal);
        }
    }
}
