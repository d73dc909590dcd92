using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Findings;

/// <summary>Whether a bigger number is better for a metric: throughput and hit rates yes; latency, memory, CPU, errors no.</summary>
internal static partial class MeasurementDirection
{
    public static bool HigherIsBetter(string metric, string unit)
    {
        if (Quantities.FamilyOf(unit) == UnitFamily.Rate && !LowerRate().IsMatch(metric))
        {
            return true;
        }
        return HigherName().IsMatch(metric);
    }

    /// <summary>True when the after value is worse than the before value.</summary>
    public static bool Regressed(Measurement m) =>
        HigherIsBetter(m.Metric, m.Unit) ? m.After < m.Before : m.After > m.Before;

    [GeneratedRegex(@"\b(?:throughput|requests?/s(?:ec)?|req/s(?:ec)?|rps|qps|tps|ops(?:/s(?:ec)?)?|ops/sec|iterations?/s|hit[- ]?(?:rate|ratio)|speed-?up|score|fps|bandwidth|transfer/s(?:ec)?|processing speed|goodput)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HigherName();

    [GeneratedRegex(@"\b(?:errors?|failures?|miss(?:es)?|timeouts?|retries|drops?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LowerRate();
}
