using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Gates;

/// <summary>Whether a traffic figure is today's load, a goal, or a forecast.</summary>
public enum RateKind
{
    Current,
    Target,
    Expected,
}

/// <summary>A request rate the issue states: "handles 2,500 RPS", "must sustain 5k req/s", "growing to 1,000 RPS".</summary>
public sealed record TrafficRate(double Value, string Unit, RateKind Kind);

/// <summary>A latency measured today, as opposed to a target: "p95 is 240ms", "current p99 is 120 ms".</summary>
public sealed record LatencyReading(string Percentile, double Value, string Unit);

/// <summary>An endpoint the issue names as hot, with its share of traffic when stated ("feed endpoint, 88% of traffic").</summary>
public sealed record HotEndpoint(string Name, double? SharePercent);

/// <summary>The rollback side of the issue (Gate 5).</summary>
public sealed record RollbackReading(
    IReadOnlyList<string> FlagNames,
    bool FeatureFlag,
    bool LoadTestScript,
    bool FlamegraphComparison,
    bool AlertRules,
    bool CircuitBreaker);

/// <summary>
/// What an optimization issue says, read once from its Markdown: the Gate 1 targets and current numbers, the hot path,
/// the profile, the proposed escalation step and the rollback plan. Gate mode judges it; plan mode builds on it.
/// </summary>
public sealed record IssueReading
{
    public IReadOnlyList<Target> Targets { get; init; } = [];

    public IReadOnlyList<TrafficRate> Traffic { get; init; } = [];

    public IReadOnlyList<LatencyReading> Latency { get; init; } = [];

    /// <summary>Other current numbers, as quoted: error rate, CPU, memory.</summary>
    public IReadOnlyList<string> CurrentUsage { get; init; } = [];

    public IReadOnlyList<HotEndpoint> Endpoints { get; init; } = [];

    /// <summary>The sentence that states the staleness the data tolerates, if any.</summary>
    public string? Staleness { get; init; }

    public string? ReadWriteRatio { get; init; }

    /// <summary>The sentence that states an infrastructure or budget constraint ("no new paid infrastructure").</summary>
    public string? InfraConstraint { get; init; }

    public IReadOnlyList<ProfileArtifact> ProfileArtifacts { get; init; } = [];

    /// <summary>What the profile says, quoted ("Profiling shows 60% of p99 time is in database queries").</summary>
    public IReadOnlyList<string> ProfileFindings { get; init; } = [];

    /// <summary>Sentences that guess at the bottleneck without a profile ("I think it's the DB").</summary>
    public IReadOnlyList<string> Guesses { get; init; } = [];

    public IReadOnlyList<BottleneckClass> Bottlenecks { get; init; } = [];

    /// <summary>Cache hit rate in percent, when stated.</summary>
    public double? CacheHitRatePercent { get; init; }

    /// <summary>Escalation-ladder steps the issue asks for (1–6), in ladder order.</summary>
    public IReadOnlyList<int> ProposedSteps { get; init; } = [];

    /// <summary>The techniques asked for, in the issue's terms ("in-process L1 cache", "singleflight", "circuit breakers").</summary>
    public IReadOnlyList<string> ProposedTechniques { get; init; } = [];

    /// <summary>Ladder steps already in place ("DB queries optimized", "Redis cache hit rate 95%").</summary>
    public IReadOnlyList<int> StepsInPlace { get; init; } = [];

    /// <summary>True when the issue is about a service still being designed or built (no production traffic yet).</summary>
    public bool NewService { get; init; }

    /// <summary>The language or runtime named ("Go", "Java", ".NET"...), for profiler suggestions.</summary>
    public string? Runtime { get; init; }

    /// <summary>Monitoring references (dashboards, alert rules) the issue links.</summary>
    public IReadOnlyList<MonitoringReference> Monitoring { get; init; } = [];

    public RollbackReading Rollback { get; init; } = new([], false, false, false, false, false);

    /// <summary>Gate 1 goals written as ceilings, ratios, size budgets or a baseline to get back to, quoted.</summary>
    public IReadOnlyList<string> StatedGoals { get; init; } = [];

    /// <summary>The sentence that states the load a path carries today ("~9.2 req/s at peak", "800k times per hour").</summary>
    public string? Volume { get; init; }

    /// <summary>The sentence that states a path's share of the traffic or load.</summary>
    public string? Share { get; init; }

    /// <summary>Where the issue gives today's latency distribution (two or more percentiles, or the tail as a share).</summary>
    public string? Distribution { get; init; }

    /// <summary>Measured evidence of where the time goes: query plans, lock stacks, counted queries, trace breakdowns.</summary>
    public IReadOnlyList<string> MeasuredEvidence { get; init; } = [];

    /// <summary>Work the ladder does not cover (front-end budgets, start-up, a regression to bisect), when the issue is about it.</summary>
    public OutsideWork? Outside { get; init; }

    /// <summary>The sentence that shows <see cref="Outside"/>.</summary>
    public string? OutsideEvidence { get; init; }

    /// <summary>The sentence that names the switch turning the change off, quoted (Gate 5).</summary>
    public string? SwitchEvidence { get; init; }

    /// <summary>The sentence or tool output that shows the load test or benchmark run proving the change (Gate 5).</summary>
    public string? LoadTestEvidence { get; init; }

    /// <summary>True when the body was longer than the parser reads and only its start was judged.</summary>
    public bool Truncated { get; init; }

    /// <summary>The highest request rate stated, whatever its kind (today, goal or forecast); null when none is.</summary>
    public TrafficRate? PeakRate => Traffic.OrderByDescending(t => t.Value).FirstOrDefault();
}
