using System.Globalization;
using PrReviewBot.Core.Items;
using PrReviewBot.Core.Items.BeforeAfter;
using PrReviewBot.Core.Items.Constraint;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Findings;

/// <summary>The after value of a measured metric misses the target the description states.</summary>
internal sealed class TargetMissed : IFindingRule
{
    public string Id => FindingIds.TargetMissed;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        foreach (var target in context.Targets)
        {
            var miss = Misses(target, context.Measurements).FirstOrDefault();
            if (miss is null)
            {
                continue;
            }
            yield return FindingFactory.Make(Id,
                $"The target is `{ConstraintItem.Describe(target)}` but {miss}.",
                "The constraint says when the work is done; an after value that misses it means the optimization is not sufficient yet (the next ladder step needs its own proof).",
                "Either reach the target (and show the numbers) or say explicitly that this PR is one step towards it and link the follow-up.");
        }
    }

    private static IEnumerable<string> Misses(Target target, IReadOnlyList<Measurement> measurements)
    {
        var targetUnit = Quantities.CanonicalUnit(target.Unit);
        var family = Quantities.FamilyOf(targetUnit);
        foreach (var m in measurements)
        {
            if (m.Significance is { NotSignificant: true })
            {
                continue;
            }
            if (family == UnitFamily.Ratio)
            {
                // "at least 5x faster": compare the measured improvement ratio.
                var higher = MeasurementDirection.HigherIsBetter(m.Metric, m.Unit);
                if (m.Before <= 0 || m.After <= 0)
                {
                    continue;
                }
                var ratio = higher ? m.After / m.Before : m.Before / m.After;
                if (Fails(target.Comparator, ratio, target.Value))
                {
                    yield return string.Create(CultureInfo.InvariantCulture, $"{m.Metric} improved {ratio:0.##}x ({BeforeAfterItem.Describe(m)})");
                }
                continue;
            }
            var unit = Quantities.CanonicalUnit(m.Unit);
            if (Quantities.FamilyOf(unit) != family || family == UnitFamily.None)
            {
                continue;
            }
            if (target.Percentile is { } p && !m.Metric.Contains(p, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (family == UnitFamily.Percent && !m.Metric.Contains(target.Metric, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var after = new Quantity(m.After, unit, family).Normalised;
            var goal = new Quantity(target.Value, targetUnit, family).Normalised;
            if (Fails(target.Comparator, after, goal))
            {
                yield return $"the measured {BeforeAfterItem.Describe(m)}";
            }
        }
    }

    private static bool Fails(string comparator, double value, double goal) => comparator switch
    {
        "<" => value >= goal,
        "<=" => value > goal,
        ">" => value <= goal,
        ">=" => value < goal,
        _ => false,
    };
}
