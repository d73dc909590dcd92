using PrReviewBot.Core.Items;
using PrReviewBot.Core.Items.BeforeAfter;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Findings;

/// <summary>A measured metric that got worse (ignoring rows benchstat calls insignificant).</summary>
internal sealed class MetricRegressed : IFindingRule
{
    public string Id => FindingIds.MetricRegressed;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        var worse = context.Measurements
            .Where(m => m.Significance is not { NotSignificant: true } && MeasurementDirection.Regressed(m))
            .ToList();
        if (worse.Count == 0)
        {
            yield break;
        }
        var listed = string.Join("; ", worse.Take(3).Select(BeforeAfterItem.Describe));
        var more = worse.Count > 3 ? $" and {worse.Count - 3} more" : string.Empty;
        yield return FindingFactory.Make(Id,
            $"{(worse.Count == 1 ? "A metric got" : $"{worse.Count} metrics got")} worse: {listed}{more}.",
            "An optimization trades something; the process wants the trade visible and accepted before merge, and an alert on the metric that got worse.",
            "State why the regression is acceptable (e.g. \"+16 MiB RSS for −85% idle CPU, within the memory budget of #123\") or fix it, and watch it after release.");
    }
}
