using PrReviewBot.Core.Config;
using PrReviewBot.Core.Gates;

namespace PrReviewBot.Core.Tests.Gates;

/// <summary>The gate side of the process's acceptance scenarios (seed evals.json 1, 2, 3, 5 and 6).</summary>
public class EvalScenarioGateTests
{
    private static GateVerdict Judge(string body, string title = "") => GateReviewer.Default.Judge(new IssueDescription(title, body));

    private static string AllQuestions(GateResult gate) => string.Join("\n", gate.Questions);

    [Theory]
    [InlineData(IssueBodies.Eval1Prompt)]
    [InlineData(IssueBodies.Eval1Casual)]
    [InlineData(IssueBodies.Eval1EmptyTemplate)]
    public void MakeItFaster_AsksForTargetsHotPathAndProfile(string body)
    {
        var verdict = Judge(body);

        Assert.False(verdict.AllSatisfied);
        var targets = verdict.Gate(GateKind.HardTargets);
        var hotPath = verdict.Gate(GateKind.HotPath);
        var profile = verdict.Gate(GateKind.Profile);
        Assert.Equal(GateStatus.Open, targets.Status);
        Assert.Equal(GateStatus.Open, hotPath.Status);
        Assert.Equal(GateStatus.Open, profile.Status);
        Assert.Contains("Latency: what must p95/p99 be", AllQuestions(targets), StringComparison.Ordinal);
        Assert.Contains("Check access logs for actual traffic", AllQuestions(targets), StringComparison.Ordinal);
        Assert.Contains("Which endpoints account for >80% of traffic?", AllQuestions(hotPath), StringComparison.Ordinal);
        Assert.Contains("Profile the hot path", AllQuestions(profile), StringComparison.Ordinal);
        Assert.Equal("If you cannot fill this table, STOP. Measure the baseline first, then set targets based on actual requirements.", targets.Stop);
        Assert.Equal("If you do not know the hot path, STOP. Instrument first, optimize later.", hotPath.Stop);
        Assert.StartsWith("If you have not profiled, STOP.", profile.Stop, StringComparison.Ordinal);
        Assert.Contains("feature flag", AllQuestions(verdict.Gate(GateKind.Rollback)), StringComparison.Ordinal);
    }

    [Fact]
    public void MakeItFaster_QuotesTheVagueWishAsNotATarget()
    {
        var verdict = Judge(IssueBodies.Eval1Prompt);

        Assert.Contains("\"feels slow\" is not a target", AllQuestions(verdict.Gate(GateKind.HardTargets)), StringComparison.Ordinal);
    }

    [Fact]
    public void MakeItFaster_InAGoService_SuggestsPprof()
    {
        var verdict = Judge(IssueBodies.Eval1Prompt);

        Assert.Contains("pprof", AllQuestions(verdict.Gate(GateKind.Profile)), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyTemplate_NamesTheSectionsStillLeftAsTbd()
    {
        var verdict = Judge(IssueBodies.Eval1EmptyTemplate);

        Assert.Contains("\"Hard targets\" section is still empty", AllQuestions(verdict.Gate(GateKind.HardTargets)), StringComparison.Ordinal);
        Assert.Contains("\"Profile\" section is still empty", AllQuestions(verdict.Gate(GateKind.Profile)), StringComparison.Ordinal);
        Assert.Contains("\"Rollback plan\" section is still empty", AllQuestions(verdict.Gate(GateKind.Rollback)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IssueBodies.Eval2Prompt)]
    [InlineData(IssueBodies.Eval2Proposal)]
    public void BundledCacheRequest_KeepsGateFourOpenAndAsksForOneStepAtATime(string body)
    {
        var verdict = Judge(body);

        Assert.Equal([2, 3, 4, 5], verdict.Reading.ProposedSteps);
        var solution = verdict.Gate(GateKind.SimplestSolution);
        Assert.Equal(GateStatus.Open, solution.Status);
        Assert.Contains("asks for 4 ladder steps at once", AllQuestions(solution), StringComparison.Ordinal);
        Assert.Contains("one step at a time", AllQuestions(solution), StringComparison.Ordinal);
        Assert.Contains("metric proof", AllQuestions(solution), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IssueBodies.Eval2Prompt)]
    [InlineData(IssueBodies.Eval2Proposal)]
    public void BundledCacheRequest_AsksForProfileCurrentLatencyAndThroughput(string body)
    {
        var verdict = Judge(body);

        Assert.Equal(GateStatus.Open, verdict.Gate(GateKind.Profile).Status);
        Assert.Contains("current latency distribution (p50, p95, p99)", AllQuestions(verdict.Gate(GateKind.HotPath)), StringComparison.Ordinal);
        Assert.Contains("Throughput: at what load", AllQuestions(verdict.Gate(GateKind.HardTargets)), StringComparison.Ordinal);
    }

    [Fact]
    public void BundledCacheRequest_AsksForOneFlagPerOptimizationAndACircuitBreakerForRedis()
    {
        var verdict = Judge(IssueBodies.Eval2Prompt);

        var rollback = verdict.Gate(GateKind.Rollback);
        Assert.Contains("One flag per optimization", string.Join("\n", rollback.FurtherQuestions), StringComparison.Ordinal);
        // A new dependency without a circuit breaker keeps Gate 5 open: it is a question, not a nice-to-have.
        Assert.Contains("new external dependency (Redis)", string.Join("\n", rollback.Questions), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IssueBodies.Eval3Prompt)]
    [InlineData(IssueBodies.Eval3Template)]
    [InlineData(IssueBodies.Eval3Apm)]
    public void NPlusOneWithNumbers_AnswersTargetsHotPathAndProfile(string body)
    {
        var verdict = Judge(body);

        Assert.True(verdict.MeasurementsAnswered);
        Assert.Contains(verdict.Reading.Targets, t => t.Metric == "latency" && t.Percentile == "p95" && t.Comparator == "<" && t.Value == 80);
        Assert.Contains(verdict.Reading.Traffic, t => t.Value == 2500);
        Assert.Contains(verdict.Reading.Latency, l => l.Percentile == "p95" && l.Value == 240);
        Assert.Contains(verdict.Reading.Endpoints, e => e.SharePercent == 88);
        Assert.Contains(PrReviewBot.Core.Model.BottleneckClass.Io, verdict.Reading.Bottlenecks);
    }

    [Theory]
    [InlineData(IssueBodies.Eval3Prompt)]
    [InlineData(IssueBodies.Eval3Template)]
    public void NPlusOneWithNumbers_GateFourPointsAtStepOneAndGateFiveAsksForFlagAndLoadTest(string body)
    {
        var verdict = Judge(body);

        var solution = verdict.Gate(GateKind.SimplestSolution);
        Assert.Equal(GateStatus.Open, solution.Status);
        Assert.Contains("The profile points at step 1, Fix the query", AllQuestions(solution), StringComparison.Ordinal);
        var rollback = AllQuestions(verdict.Gate(GateKind.Rollback));
        Assert.Contains("feature flag", rollback, StringComparison.Ordinal);
        Assert.Contains("load-test script", rollback, StringComparison.Ordinal);
        Assert.Equal(new GateConfig().IncompleteLabel, verdict.Label(new GateConfig()));
    }

    [Theory]
    [InlineData(IssueBodies.Eval5Prompt)]
    [InlineData(IssueBodies.Eval5Design)]
    public void NewLowTrafficService_IsIncompleteAndNotedAsNew(string body)
    {
        var verdict = Judge(body);

        Assert.False(verdict.AllSatisfied);
        Assert.True(verdict.Reading.NewService);
        Assert.All(verdict.Reading.Traffic, t => Assert.Equal(RateKind.Expected, t.Kind));
        Assert.Equal([200.0, 1000.0], verdict.Reading.Traffic.Select(t => t.Value).Order());
        Assert.Equal(GateStatus.Open, verdict.Gate(GateKind.HardTargets).Status);
        Assert.Equal(GateStatus.Open, verdict.Gate(GateKind.HotPath).Status);
        Assert.Equal(GateStatus.Open, verdict.Gate(GateKind.Profile).Status);
        Assert.Contains("3 ladder steps at once", AllQuestions(verdict.Gate(GateKind.SimplestSolution)), StringComparison.Ordinal);
    }

    [Fact]
    public void NewLowTrafficService_AskingAboutCircuitBreakers_IsNotARollbackAnswer()
    {
        var verdict = Judge(IssueBodies.Eval5Design);

        Assert.False(verdict.Reading.Rollback.CircuitBreaker);
    }

    [Theory]
    [InlineData(IssueBodies.Eval6Prompt)]
    [InlineData(IssueBodies.Eval6Gates)]
    public void EverythingAnswered_AllFiveGatesSatisfied(string body)
    {
        var verdict = Judge(body);

        Assert.True(verdict.AllSatisfied, string.Join("\n", verdict.Open.SelectMany(g => g.Questions)));
        Assert.Equal("perf-gates: satisfied", verdict.Label(new GateConfig()));
        Assert.Equal([3], verdict.Reading.ProposedSteps);
        Assert.Contains(1, verdict.Reading.StepsInPlace);
        Assert.Contains(2, verdict.Reading.StepsInPlace);
        Assert.Equal(95, verdict.Reading.CacheHitRatePercent);
    }

    [Fact]
    public void EverythingAnswered_StillAsksTheNonBlockingQuestions()
    {
        var verdict = Judge(IssueBodies.Eval6Prompt);

        var further = string.Join("\n", verdict.Gates.SelectMany(g => g.FurtherQuestions));
        Assert.Contains("Memory budget: none stated", further, StringComparison.Ordinal);
        Assert.Contains("What staleness can the data tolerate?", further, StringComparison.Ordinal);
        Assert.Contains("alert rules", further, StringComparison.Ordinal);
    }

    [Fact]
    public void GateTemplate_ReadsEveryAnswerFromItsSection()
    {
        var r = Judge(IssueBodies.Eval6Gates).Reading;

        Assert.Contains(r.Targets, t => t.Metric == "memory" && t.Value == 512 && t.Unit == "MB");
        Assert.Equal(3, r.Latency.Count);
        Assert.NotNull(r.Staleness);
        Assert.NotNull(r.ReadWriteRatio);
        Assert.NotNull(r.InfraConstraint);
        Assert.Equal(["products_l1_cache"], r.Rollback.FlagNames);
        Assert.True(r.Rollback.LoadTestScript);
        Assert.True(r.Rollback.AlertRules);
        Assert.Contains(r.ProfileArtifacts, a => a.Reference.Contains("jaeger", StringComparison.Ordinal));
    }

    [Fact]
    public void AlertThresholds_AreNotTargets()
    {
        var r = Judge(IssueBodies.Eval6Gates).Reading;

        Assert.DoesNotContain(r.Targets, t => t.Comparator == ">" && t.Value == 50);
        Assert.DoesNotContain(r.Targets, t => t.Value == 80 && t.Unit == "%");
    }
}
