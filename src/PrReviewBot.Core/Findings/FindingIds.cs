using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Findings;

/// <summary>Stable ids of every finding rule, as used in <c>.github/perf-review.yml</c> and the JSON contract.</summary>
public static class FindingIds
{
    public const string BundledOptimizations = "bundled_optimizations";
    public const string CacheWithoutIoEvidence = "cache_without_io_evidence";
    public const string NoBenchmarkInDiff = "no_benchmark_in_diff";
    public const string FlagNotInDiff = "flag_not_in_diff";
    public const string MetricRegressed = "metric_regressed";
    public const string NotSignificant = "not_significant";
    public const string LoadTestTooShort = "load_test_too_short";
    public const string MissingLoadMetrics = "missing_load_metrics";
    public const string TargetMissed = "target_missed";
    public const string BottleneckNotStated = "bottleneck_not_stated";
    public const string DashboardWithoutAlert = "dashboard_without_alert";
    public const string DependencyWithoutCircuitBreaker = "dependency_without_circuit_breaker";
    public const string GateIssueIncomplete = "gate_issue_incomplete";

    /// <summary>Built-in severities; a team overrides any of them under <c>findings:</c>.</summary>
    public static IReadOnlyDictionary<string, Severity> DefaultSeverities { get; } = new Dictionary<string, Severity>
    {
        [BundledOptimizations] = Severity.Warning,
        [CacheWithoutIoEvidence] = Severity.Warning,
        [NoBenchmarkInDiff] = Severity.Notice,
        [FlagNotInDiff] = Severity.Warning,
        [MetricRegressed] = Severity.Warning,
        [NotSignificant] = Severity.Warning,
        [LoadTestTooShort] = Severity.Warning,
        [MissingLoadMetrics] = Severity.Notice,
        [TargetMissed] = Severity.Warning,
        [BottleneckNotStated] = Severity.Notice,
        [DashboardWithoutAlert] = Severity.Notice,
        [DependencyWithoutCircuitBreaker] = Severity.Warning,
        [GateIssueIncomplete] = Severity.Warning,
    };
}
