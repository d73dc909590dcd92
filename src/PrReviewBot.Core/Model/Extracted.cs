namespace PrReviewBot.Core.Model;

/// <summary>A measurable goal: <c>p95 &lt; 80 ms</c>, <c>≥ 2,500 RPS</c>, <c>&lt; 0.1% errors</c>.</summary>
public sealed record Target(string Metric, string? Percentile, string Comparator, double Value, string Unit);

/// <summary>A metric measured before and after the change.</summary>
public sealed record Measurement(
    string Metric,
    double Before,
    double After,
    string Unit,
    double? ChangePercent,
    Significance? Significance = null);

/// <summary>What a benchstat-like tool said about a difference: <c>~</c> or a p-value.</summary>
public sealed record Significance(double? PValue, bool NotSignificant);

/// <summary>The conditions a load test ran under, as far as the description states them.</summary>
public sealed record LoadTestContext(string? Tool, double? DurationSeconds, string? Rate, string? Dataset);

/// <summary>Where the bottleneck is, in the words of the process's Gate 3 table.</summary>
public enum BottleneckClass
{
    Cpu,
    Io,
    Memory,
    Contention,
    ExternalDependency,
}

/// <summary>A profile artifact: a flamegraph image, a pprof or trace link, profiler output in a code block.</summary>
public sealed record ProfileArtifact(string Kind, string Reference);

/// <summary>A rollback switch as described: its name, how to disable it, and what happens then.</summary>
public sealed record RollbackSwitch(string Name, string? DisableInstruction, string? DisabledBehaviour);

/// <summary>A dashboard or alert reference: a link, a rule file in the diff, or a rule/PromQL in a code block.</summary>
public sealed record MonitoringReference(string Kind, string Reference);
