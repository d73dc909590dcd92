using PrReviewBot.Core.Config;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// The judgement of one optimization issue against the five gates, and what was read from it. The App turns it into
/// the sticky gate comment and a label; the CLI into text, Markdown or JSON.
/// </summary>
public sealed record GateVerdict
{
    /// <summary>The five gates in order.</summary>
    public required IReadOnlyList<GateResult> Gates { get; init; }

    /// <summary>Everything the gates were judged on: targets, traffic, latency, endpoints, profile, proposal, rollback.</summary>
    public required IssueReading Reading { get; init; }

    public bool AllSatisfied => Gates.All(g => g.Satisfied);

    public IEnumerable<GateResult> Open => Gates.Where(g => !g.Satisfied);

    public GateResult Gate(GateKind kind) => Gates.First(g => g.Gate == kind);

    /// <summary>True when gates 1–3 (targets, hot path, profile) are answered: only then may work start on a step.</summary>
    public bool MeasurementsAnswered =>
        Gate(GateKind.HardTargets).Satisfied && Gate(GateKind.HotPath).Satisfied && Gate(GateKind.Profile).Satisfied;

    /// <summary>The label this verdict implies (<c>perf-gates: satisfied</c> or <c>perf-gates: incomplete</c> by default).</summary>
    public string Label(GateConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return AllSatisfied ? config.SatisfiedLabel : config.IncompleteLabel;
    }

    /// <summary>The gate label that must go when this verdict's label is set (the other of the two).</summary>
    public string StaleLabel(GateConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return AllSatisfied ? config.IncompleteLabel : config.SatisfiedLabel;
    }
}
