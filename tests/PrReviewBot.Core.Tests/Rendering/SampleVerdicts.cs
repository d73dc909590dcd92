using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Rendering;

/// <summary>Verdicts built by hand, so the renderers are tested without the review engine.</summary>
internal static class SampleVerdicts
{
    public static ItemResult Pass(ItemKind kind, params string[] evidence) =>
        new(kind, ItemStatus.Pass, Required: true, [], evidence);

    public static ItemResult Fail(ItemKind kind, params string[] messages) =>
        new(kind, ItemStatus.Fail, Required: true, messages, []);

    /// <summary>Constraint, before/after and monitoring present; profile and rollback missing; one warning.</summary>
    public static Verdict TwoMissing(ReviewMode mode = ReviewMode.Enforce) => new()
    {
        IsOptimization = true,
        DetectionReason = "it has the label `performance`",
        Conclusion = Conclusion.Failure,
        Mode = mode,
        Items =
        [
            Pass(ItemKind.Constraint, "p95 < 80ms", "#412"),
            Fail(ItemKind.Profile, "no flamegraph, trace or profiler output found"),
            Pass(ItemKind.BeforeAfter, "p95 latency 240ms → 80ms"),
            Fail(ItemKind.Rollback, "the rollback section names `feed_l1_cache` but does not say how to disable it"),
            Pass(ItemKind.Monitoring, "https://grafana.example.com/d/feed"),
        ],
        Targets = [new Target("latency", "p95", "<", 80, "ms")],
        ConstraintLinks = ["#412"],
        Measurements = [new Measurement("p95 latency", 240, 80, "ms", -66.66666)],
        LoadTest = new LoadTestContext("k6", 300, "2,500 RPS", null),
        Switches = [new RollbackSwitch("feed_l1_cache", null, null)],
        Dashboards = [new MonitoringReference("grafana", "https://grafana.example.com/d/feed")],
        Findings =
        [
            new Finding(FindingIds.LoadTestTooShort, Severity.Warning, "the load test ran 30 s; the process asks for at least 60 s sustained",
                "Short bursts hide queueing and GC effects.", "k6 run --duration 5m load.js"),
        ],
    };

    public static Verdict AllPresent(ReviewMode mode = ReviewMode.Enforce) => new()
    {
        IsOptimization = true,
        DetectionReason = "its title starts with `perf:`",
        Conclusion = Conclusion.Success,
        Mode = mode,
        Items = ItemKinds.All.Select(k => Pass(k, $"{k} evidence")).ToList(),
    };

    public static Verdict NotOptimization() => new()
    {
        IsOptimization = false,
        DetectionReason = "it has no optimization label, no `perf:` title prefix and fewer than 2 of the five item headings",
        Conclusion = Conclusion.Skipped,
        Mode = ReviewMode.Enforce,
        Items = ItemKinds.All.Select(k => Fail(k, "not found")).ToList(),
    };

    public static Verdict With(this Verdict verdict, params Finding[] findings) => verdict with { Findings = findings };

    public static Finding Finding(string rule, Severity severity, string message = "message", string why = "why", string example = "example") =>
        new(rule, severity, message, why, example);
}
