using System.Globalization;
using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Findings;

/// <summary>Benchmark differences benchstat marks as insignificant (<c>~</c> or p ≥ 0.05).</summary>
internal sealed class NotSignificant : IFindingRule
{
    public string Id => FindingIds.NotSignificant;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        var rows = context.Measurements.Where(m => m.Significance is { NotSignificant: true }).ToList();
        if (rows.Count == 0)
        {
            yield break;
        }
        var example = rows[0];
        var p = example.Significance?.PValue is { } pv ? string.Create(CultureInfo.InvariantCulture, $" (p={pv:0.###})") : " (`~`)";
        var all = rows.Count == context.Measurements.Count ? "every" : $"{rows.Count} of {context.Measurements.Count}";
        yield return FindingFactory.Make(Id,
            $"benchstat finds no significant difference in {all} compared metric{(rows.Count == 1 && all != "every" ? string.Empty : "s")}, e.g. {example.Metric}{p}.",
            "A difference inside the noise is not proof of an improvement; the process asks for before/after numbers that show the change helped.",
            "Run more iterations on a quiet machine (e.g. `go test -bench . -count=10` for both sides) until the difference is significant (p < 0.05), or drop the claim for those metrics.");
    }
}
