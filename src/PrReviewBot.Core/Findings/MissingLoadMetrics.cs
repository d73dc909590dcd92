using System.Text.RegularExpressions;
using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Findings;

/// <summary>Before/after numbers without latency percentiles, throughput or error rate.</summary>
internal sealed partial class MissingLoadMetrics : IFindingRule
{
    public string Id => FindingIds.MissingLoadMetrics;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        if (context.Measurements.Count == 0)
        {
            yield break;
        }
        var missing = new List<string>();
        if (!context.Measurements.Any(m => Percentile().IsMatch(m.Metric)))
        {
            missing.Add("latency percentiles (p50/p95/p99)");
        }
        if (!context.Measurements.Any(m => Quantities.FamilyOf(m.Unit) == UnitFamily.Rate || Throughput().IsMatch(m.Metric)))
        {
            missing.Add("throughput");
        }
        if (!context.Measurements.Any(m => ErrorRate().IsMatch(m.Metric)))
        {
            missing.Add("error rate");
        }
        if (missing.Count == 0)
        {
            yield break;
        }
        yield return FindingFactory.Make(Id,
            $"The before/after numbers do not include {Join(missing)}.",
            "The process asks for load-test results with the latency histogram (p50, p95, p99), throughput and error rate, so an improvement in one is not bought with a loss in another.",
            "| | before | after |\n|---|---|---|\n| p50 | 41 ms | 9 ms |\n| p99 | 220 ms | 95 ms |\n| throughput | 2,500 RPS | 2,500 RPS |\n| errors | 0.03% | 0.02% |");
    }

    private static string Join(List<string> parts) => parts.Count switch
    {
        1 => parts[0],
        2 => $"{parts[0]} or {parts[1]}",
        _ => $"{string.Join(", ", parts.Take(parts.Count - 1))} or {parts[^1]}",
    };

    [GeneratedRegex(@"\bp\d{2,4}\b|\b\d{2}(?:\.\d+)?(?:th)? percentile\b|\bmedian\b|\b(?:50|90|95|99)%", RegexOptions.IgnoreCase)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"\b(?:throughput|requests?/s(?:ec)?|req/s(?:ec)?|rps|qps|tps|ops/s(?:ec)?|ops/sec|iterations?/s)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Throughput();

    [GeneratedRegex(@"\b(?:errors?|error rate|failures?|failed|5xx|non-2xx)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorRate();
}
