namespace PrReviewBot.Core.Gates;

/// <summary>The five gates of the process, in order: no optimization work begins until all five are answered.</summary>
public enum GateKind
{
    HardTargets = 1,
    HotPath = 2,
    Profile = 3,
    SimplestSolution = 4,
    Rollback = 5,
}

public static class GateKinds
{
    public static IReadOnlyList<GateKind> All { get; } =
        [GateKind.HardTargets, GateKind.HotPath, GateKind.Profile, GateKind.SimplestSolution, GateKind.Rollback];

    public static int Number(this GateKind gate) => (int)gate;

    /// <summary>The name used in the JSON output. A contract: never rename.</summary>
    public static string JsonName(this GateKind gate) => gate switch
    {
        GateKind.HardTargets => "hardTargets",
        GateKind.HotPath => "hotPath",
        GateKind.Profile => "profile",
        GateKind.SimplestSolution => "simplestSolution",
        GateKind.Rollback => "rollback",
        _ => throw new ArgumentOutOfRangeException(nameof(gate)),
    };

    /// <summary>The gate's own question, as the process asks it.</summary>
    public static string Question(this GateKind gate) => gate switch
    {
        GateKind.HardTargets => "What are the hard targets?",
        GateKind.HotPath => "Where is the hot path?",
        GateKind.Profile => "What does the profile say?",
        GateKind.SimplestSolution => "What is the simplest sufficient solution?",
        GateKind.Rollback => "What is the rollback plan?",
        _ => throw new ArgumentOutOfRangeException(nameof(gate)),
    };

    /// <summary>A short name for tables.</summary>
    public static string DisplayName(this GateKind gate) => gate switch
    {
        GateKind.HardTargets => "Hard targets",
        GateKind.HotPath => "Hot path",
        GateKind.Profile => "Profile",
        GateKind.SimplestSolution => "Simplest sufficient solution",
        GateKind.Rollback => "Rollback plan",
        _ => throw new ArgumentOutOfRangeException(nameof(gate)),
    };

    /// <summary>Why the process asks for the gate, in one sentence, for the open gate's explanation.</summary>
    public static string Why(this GateKind gate) => gate switch
    {
        GateKind.HardTargets => "Without a target there is no way to know when you are done, or whether any step was needed.",
        GateKind.HotPath => "Optimizing a cold path that handles 2% of traffic while the hot path is untouched is wasted effort.",
        GateKind.Profile => "Do not guess the bottleneck: the step to take follows from what the profile shows.",
        GateKind.SimplestSolution => "Each step adds complexity to understand, test, monitor and maintain; it must earn its place with metric proof.",
        GateKind.Rollback => "If p99 regresses after release, you need to disable the change on its own, and know it regressed.",
        _ => throw new ArgumentOutOfRangeException(nameof(gate)),
    };

    /// <summary>What the process says to do while the gate is open, in its own words.</summary>
    public static string Stop(this GateKind gate) => gate switch
    {
        GateKind.HardTargets => "If you cannot fill this table, STOP. Measure the baseline first, then set targets based on actual requirements.",
        GateKind.HotPath => "If you do not know the hot path, STOP. Instrument first, optimize later.",
        GateKind.Profile => "If you have not profiled, STOP. Intuition about bottlenecks is wrong ~80% of the time.",
        GateKind.SimplestSolution => "Start from step 1 of the escalation ladder. Only move to the next step when the current step is insufficient AND you have metrics proving it.",
        GateKind.Rollback => "If you cannot roll back a change independently, do not ship it bundled with other changes.",
        _ => throw new ArgumentOutOfRangeException(nameof(gate)),
    };
}
