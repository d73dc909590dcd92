using PrReviewBot.Core.Config;

namespace PrReviewBot.Core.Gates;

/// <summary>Which issues gate mode judges on its own: those labelled as optimization work (<see cref="GateConfig.Labels"/>).</summary>
public static class GateTrigger
{
    /// <summary>True when one of the labels is a gate-mode label (case-insensitive). The gate labels the bot sets
    /// itself never count, so setting "perf-gates: incomplete" does not trigger another run.</summary>
    public static bool AppliesTo(IEnumerable<string>? labels, GateConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return (labels ?? []).Any(l =>
            !string.Equals(l, config.SatisfiedLabel, StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(l, config.IncompleteLabel, StringComparison.OrdinalIgnoreCase) &&
            config.Labels.Contains(l.Trim(), StringComparer.OrdinalIgnoreCase));
    }
}
