using PrReviewBot.Core.Gates;

namespace PrReviewBot.Core.Tests.Gates;

/// <summary>How each gate reads the ways people actually write an issue: prose, labels, tables, partial answers.</summary>
public class GateReadingTests
{
    private static GateVerdict Judge(string body) => GateReviewer.Default.Judge(IssueDescription.FromBody(body));

    // Gate 1 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void LatencyTargetWithoutLoad_AnswersGateOneAndAsksAtWhatThroughput()
    {
        // A target answers Gate 1 on its own; the load it must hold at is worth adding, not a reason to keep it open.
        var gate = Judge("Goal: p95 < 100ms for the search endpoint.").Gate(GateKind.HardTargets);

        Assert.Equal(GateStatus.Satisfied, gate.Status);
        Assert.Contains(gate.FurtherQuestions, q => q.StartsWith("Throughput: at what load must the target hold", StringComparison.Ordinal));
        Assert.Contains(gate.Answers, a => a.Contains("p95 latency < 100 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void ThroughputTargetAlone_IsSatisfiedButAsksForALatencyTarget()
    {
        var gate = Judge("The ingest API must sustain at least 5,000 req/s with < 0.5% errors.").Gate(GateKind.HardTargets);

        Assert.Equal(GateStatus.Satisfied, gate.Status);
        Assert.Contains(gate.FurtherQuestions, q => q.StartsWith("Latency: no latency target", StringComparison.Ordinal));
        Assert.DoesNotContain(gate.FurtherQuestions, q => q.StartsWith("Error budget", StringComparison.Ordinal));
    }

    [Fact]
    public void GateOneTable_WithTbdRows_ReadsTheFilledRowsOnly()
    {
        const string body = """
            | Constraint | Target | Current |
            |---|---|---|
            | Latency | p99 < 180ms | p99 450ms |
            | Throughput | TBD | 1,200 RPS |
            | Error budget | ? | |
            | CPU budget | avg < 65% | 80% |
            | Memory budget | TBD | |
            | Infra constraint | no new paid infrastructure | |
            """;

        var verdict = Judge(body);
        var r = verdict.Reading;

        Assert.Contains(r.Targets, t => t.Metric == "latency" && t.Percentile == "p99" && t.Value == 180);
        Assert.Contains(r.Targets, t => t.Metric == "CPU" && t.Value == 65);
        Assert.DoesNotContain(r.Targets, t => t.Metric is "memory" or "error rate");
        Assert.Contains(r.Traffic, t => t.Value == 1200 && t.Kind == RateKind.Current);
        Assert.Contains(r.Latency, l => l.Percentile == "p99" && l.Value == 450);
        Assert.Equal("no new paid infrastructure", r.InfraConstraint);
        Assert.Equal(GateStatus.Satisfied, verdict.Gate(GateKind.HardTargets).Status);
        Assert.Contains(verdict.Gate(GateKind.HardTargets).FurtherQuestions, q => q.StartsWith("Memory budget", StringComparison.Ordinal));
    }

    [Fact]
    public void CurrentLatency_IsNotMistakenForATarget()
    {
        var r = Judge("p95 is 240ms today; the target is p95 under 80ms at 2,500 RPS.").Reading;

        Assert.Single(r.Targets);
        Assert.Equal(80, r.Targets[0].Value);
        Assert.Contains(r.Latency, l => l.Percentile == "p95" && l.Value == 240);
        Assert.DoesNotContain(r.Latency, l => l.Value == 80);
    }

    [Fact]
    public void ForecastTraffic_IsExpectedNotCurrent()
    {
        var r = Judge("We serve 800 RPS now and expect 3,000 RPS after the launch in 3 months.").Reading;

        Assert.Contains(r.Traffic, t => t.Value == 800 && t.Kind == RateKind.Current);
        Assert.Contains(r.Traffic, t => t.Value == 3000 && t.Kind == RateKind.Expected);
    }

    [Fact]
    public void ATargetWithoutDashboard_IsCalledAWish()
    {
        var gate = Judge("Target p95 < 80ms at 2,500 RPS.").Gate(GateKind.HardTargets);

        Assert.Contains(gate.FurtherQuestions, q => q.EndsWith("A target without a dashboard is a wish.", StringComparison.Ordinal));
    }

    // Gate 2 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void EndpointNamedWithoutShare_AsksForItsShareByName()
    {
        var gate = Judge("The search endpoint is slow, p95 is 900ms.").Gate(GateKind.HotPath);

        Assert.Equal(GateStatus.Open, gate.Status);
        Assert.Contains(gate.Questions, q => q.StartsWith("What share of traffic does the search endpoint take", StringComparison.Ordinal));
        // One percentile is today's figure, not the distribution Gate 2 asks for: the question names it and asks for the rest.
        Assert.Contains(gate.Questions, q => q.StartsWith("One figure (today's p95 of 900 ms) is not a distribution", StringComparison.Ordinal));
    }

    [Fact]
    public void PathWithShareAndCompactPercentiles_SatisfiesTheHotPath()
    {
        var verdict = Judge("`GET /api/orders/{id}` takes 91% of all requests. p50/p95/p99 = 20ms/140ms/600ms.");

        var gate = verdict.Gate(GateKind.HotPath);
        Assert.Equal(GateStatus.Satisfied, gate.Status);
        Assert.Contains(verdict.Reading.Endpoints, e => e.Name == "GET /api/orders/{id}" && e.SharePercent == 91);
        Assert.Equal(["p50", "p95", "p99"], verdict.Reading.Latency.Select(l => l.Percentile).Order());
        Assert.DoesNotContain(gate.FurtherQuestions, q => q.StartsWith("Give the whole distribution", StringComparison.Ordinal));
    }

    [Fact]
    public void EndpointTable_ReadsNamesSharesAndLatency()
    {
        const string body = """
            ## Traffic
            | Endpoint | Share of traffic | p95 |
            |---|---|---|
            | /feed | 72% | 310 ms |
            | /profile | 15% | 90 ms |
            """;

        var verdict = Judge(body);

        Assert.Contains(verdict.Reading.Endpoints, e => e.Name == "/feed" && e.SharePercent == 72);
        Assert.Contains(verdict.Reading.Latency, l => l.Percentile == "p95" && l.Value == 310);
        Assert.Equal(GateStatus.Satisfied, verdict.Gate(GateKind.HotPath).Status);
    }

    [Fact]
    public void SharesBelowEightyPercent_AskWhichOtherEndpointsMakeUpTheRest()
    {
        var gate = Judge("/checkout is 45% of traffic; p99 is 1.2s.").Gate(GateKind.HotPath);

        Assert.Contains(gate.FurtherQuestions, q => q.Contains("cover 45% of traffic", StringComparison.Ordinal));
    }

    [Fact]
    public void ShareOfProfileTime_IsNotAShareOfTraffic()
    {
        var r = Judge("Profiling shows 60% of p99 time is in database queries.").Reading;

        Assert.DoesNotContain(r.Endpoints, e => e.SharePercent == 60);
    }

    [Fact]
    public void StalenessAndReadWriteRatio_AreReadFromProse()
    {
        var r = Judge("Prices may be up to 5 minutes stale. Reads outnumber writes 50:1.").Reading;

        Assert.Equal("Prices may be up to 5 minutes stale.", r.Staleness);
        Assert.Equal("Reads outnumber writes 50:1.", r.ReadWriteRatio);
    }

    [Fact]
    public void UnknownStaleness_IsNotAnAnswer()
    {
        var r = Judge("Not sure how stale the data may be, TBD with product.").Reading;

        Assert.Null(r.Staleness);
    }

    // Gate 3 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void AGuessAboutTheBottleneck_IsQuotedAsAGuess()
    {
        var gate = Judge("I think it's the database, probably the joins on the orders table.").Gate(GateKind.Profile);

        Assert.Equal(GateStatus.Open, gate.Status);
        Assert.Contains(gate.Questions, q => q.Contains("is a guess, not a profile. Do not guess the bottleneck. Profile it.", StringComparison.Ordinal));
    }

    [Fact]
    public void ProfilingNotDoneYet_IsNoProfile()
    {
        var gate = Judge("We haven't profiled yet, but the flamegraph will probably show JSON encoding at 40%.").Gate(GateKind.Profile);

        Assert.Equal(GateStatus.Open, gate.Status);
    }

    [Fact]
    public void FlamegraphWithoutABottleneckType_AnswersGateThreeAndAsksForTheType()
    {
        // The artifact is the measured answer; naming the bottleneck type is worth adding.
        var gate = Judge("Flamegraph: ![flamegraph](https://user-images.githubusercontent.com/1/flame.svg)").Gate(GateKind.Profile);

        Assert.Equal(GateStatus.Satisfied, gate.Status);
        Assert.Contains(gate.FurtherQuestions, q => q.StartsWith("What type of bottleneck", StringComparison.Ordinal));
    }

    [Fact]
    public void ProfilerListAfterALeadIn_IsTheProfileFinding()
    {
        const string body = """
            pprof (30 s CPU profile under 3k RPS) shows:
            - 41% in encoding/json.Marshal
            - 12% in runtime.mallocgc
            """;

        var verdict = Judge(body);

        Assert.Equal(GateStatus.Satisfied, verdict.Gate(GateKind.Profile).Status);
        Assert.Contains(PrReviewBot.Core.Model.BottleneckClass.Cpu, verdict.Reading.Bottlenecks);
    }

    // Gate 4 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void CacheRequestedWhileTheProfileShowsNPlusOne_PointsBackAtStepOne()
    {
        const string body = "Checkout handles 1,500 RPS (92% of traffic), p95 is 400ms, target p95 < 150ms. " +
                            "The trace shows 70% of the time in one query per cart item (N+1). We want to add a Redis cache.";

        var gate = Judge(body).Gate(GateKind.SimplestSolution);

        Assert.Equal(GateStatus.Open, gate.Status);
        Assert.Contains(gate.Questions, q => q.Contains("You ask for step 2", StringComparison.Ordinal) && q.Contains("points at step 1", StringComparison.Ordinal));
    }

    [Fact]
    public void TheStepTheProfilePointsAt_SatisfiesGateFour()
    {
        const string body = "Checkout handles 1,500 RPS (92% of traffic), p95 is 400ms, target p95 < 150ms. " +
                            "The trace shows 70% of the time in one query per cart item (N+1). Plan: batch the queries into one WHERE id = ANY($1).";

        var gate = Judge(body).Gate(GateKind.SimplestSolution);

        Assert.Equal(GateStatus.Satisfied, gate.Status);
    }

    [Fact]
    public void ExistingCacheMentionedAsInPlace_IsNotAProposal()
    {
        var r = Judge("We already have a Redis cache in front of the catalog; hit rate 97%.").Reading;

        Assert.Empty(r.ProposedSteps);
        Assert.Contains(2, r.StepsInPlace);
        Assert.Equal(97, r.CacheHitRatePercent);
    }

    [Fact]
    public void ACacheTheIssueRulesOut_IsNotAProposal()
    {
        var r = Judge("We do not want to add Redis: no new paid infrastructure.").Reading;

        Assert.DoesNotContain(2, r.ProposedSteps);
        Assert.NotNull(r.InfraConstraint);
    }

    // Gate 5 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void DeniedFlagAndLoadTest_KeepGateFiveOpen()
    {
        var gate = Judge("We don't have feature flags for this service, and there are no load tests yet.").Gate(GateKind.Rollback);

        Assert.Equal(GateStatus.Open, gate.Status);
        Assert.Equal(2, gate.Questions.Count);
    }

    [Fact]
    public void NamedFlagAndK6Script_SatisfyGateFive()
    {
        const string body = """
            ## Rollback
            Kill switch `feed_batch_query` in our flag service; off = the old per-item queries.
            Load test: k6 script `load/feed.js`, 5 min at 2,500 RPS.
            """;

        var verdict = Judge(body);

        Assert.Equal(GateStatus.Satisfied, verdict.Gate(GateKind.Rollback).Status);
        Assert.Contains("feed_batch_query", verdict.Reading.Rollback.FlagNames);
    }

    [Fact]
    public void ANewRedisLayerWithoutCircuitBreaker_KeepsGateFiveOpen()
    {
        var gate = Judge("We want to add a Redis cache for the product pages.").Gate(GateKind.Rollback);

        Assert.Equal(GateStatus.Open, gate.Status);
        Assert.Contains(gate.Questions, q => q.Contains("new external dependency (Redis)", StringComparison.Ordinal));
    }

    // Config ------------------------------------------------------------------------------------------------------

    [Fact]
    public void Labels_ComeFromTheGateConfig()
    {
        var config = new PrReviewBot.Core.Config.GateConfig { SatisfiedLabel = "gates-ok", IncompleteLabel = "gates-open" };
        var open = Judge(IssueBodies.Eval1Prompt);
        var done = Judge(IssueBodies.Eval6Prompt);

        Assert.Equal("gates-open", open.Label(config));
        Assert.Equal("gates-ok", open.StaleLabel(config));
        Assert.Equal("gates-ok", done.Label(config));
        Assert.Equal("gates-open", done.StaleLabel(config));
    }

    [Fact]
    public void Title_IsReadWithTheBody()
    {
        var verdict = GateReviewer.Default.Judge(new IssueDescription("perf: make checkout faster, target p95 < 200ms", "We handle 900 RPS on checkout."));

        Assert.Contains(verdict.Reading.Targets, t => t.Value == 200);
        Assert.Equal(GateStatus.Satisfied, verdict.Gate(GateKind.HardTargets).Status);
    }
}
