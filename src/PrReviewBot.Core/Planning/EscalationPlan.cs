using PrReviewBot.Core.Gates;

namespace PrReviewBot.Core.Planning;

/// <summary>What the plan recommends.</summary>
public enum PlanKind
{
    /// <summary>Gates 1–3 are open: measure, do not code.</summary>
    MeasureFirst,

    /// <summary>The profile points at a step of the escalation ladder.</summary>
    LadderStep,

    /// <summary>Two or more optimization techniques proposed at once: split them and start with one.</summary>
    PushBack,

    /// <summary>Work the ladder does not cover: front-end budgets, start-up, a regression to bisect, or a measured
    /// bottleneck no ladder step addresses (a hot function, a slow upstream).</summary>
    OutsideLadder,
}

/// <summary>Something to measure before any optimization, tied to the gate it answers.</summary>
public sealed record MeasurementTask(GateKind Gate, string What, string How);

/// <summary>The flag that turns the recommended change off at runtime. <see cref="Suggested"/> is false when the name
/// comes from the issue itself.</summary>
public sealed record RollbackFlag(string Name, string Disable, string WhenDisabled, bool Suggested = true);

/// <summary>How to prove the change: sustained load, the metrics to record, the comparison to make.</summary>
public sealed record LoadTestPlan(int MinimumSeconds, string Rate, IReadOnlyList<string> Metrics, IReadOnlyList<string> Procedure);

/// <summary>A ladder step the plan deliberately does not take now, and why.</summary>
public sealed record SkippedStep(int Step, string Name, string Reason);

/// <summary>
/// An escalation plan per the process's ladder, built from the targets, traffic, measurements and profile findings an
/// issue or PR states. With gates 1–3 open it is a measurement plan and recommends no optimization code.
/// </summary>
public sealed record EscalationPlan
{
    public required PlanKind Kind { get; init; }

    /// <summary>One line: "Measure first", "Step 1: Fix the query".</summary>
    public required string Headline { get; init; }

    /// <summary>The gate judgement the plan starts from.</summary>
    public required GateVerdict Gates { get; init; }

    /// <summary>What to measure and how (measure-first plans).</summary>
    public IReadOnlyList<MeasurementTask> Measure { get; init; } = [];

    /// <summary>For an outside-the-ladder plan, which kind of work it is (null for a measured bottleneck no step addresses).</summary>
    public OutsideWork? Outside { get; init; }

    /// <summary>The recommended ladder step (null unless <see cref="Kind"/> is <see cref="PlanKind.LadderStep"/>).</summary>
    public LadderStep? Step { get; init; }

    /// <summary>The statements from the issue that point at the recommendation.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>The step's actions, made specific to the issue where it says enough.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <summary>What must be shown before escalating to the next step.</summary>
    public string? MetricProofToEscalate { get; init; }

    public RollbackFlag? Rollback { get; init; }

    public LoadTestPlan? LoadTest { get; init; }

    public IReadOnlyList<SkippedStep> Skipped { get; init; } = [];

    /// <summary>Where the plan disagrees with what the issue asks: bundling, premature design, a step above the evidence.</summary>
    public IReadOnlyList<string> Pushback { get; init; } = [];

    /// <summary>What not to build now.</summary>
    public IReadOnlyList<string> NotRecommended { get; init; } = [];

    /// <summary>Questions the plan still needs answered (staleness for a cache TTL, the memory budget for L1...).</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>How work proceeds once the measurements are in (measure-first plans) or after this step.</summary>
    public IReadOnlyList<string> Then { get; init; } = [];
}
