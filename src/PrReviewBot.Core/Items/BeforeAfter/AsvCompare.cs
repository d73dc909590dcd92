using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Items.BeforeAfter;

/// <summary>
/// The comparison table of airspeed velocity (<c>asv compare</c> / <c>asv continuous</c>), the benchmark runner of much
/// of the scientific Python world: a "before after ratio" header, then one row per benchmark with the two values
/// ("58.2±0.5ms", "183M"), the ratio ("~0.81" when the change is within the noise) and the benchmark's name, each
/// row marked "+" (worse), "-" (better) or blank. Microseconds come with the micro sign or the Greek letter mu.
/// </summary>
internal static partial class AsvCompare
{
    public static bool Looks(string content) => Header().IsMatch(content);

    public static IEnumerable<RawMeasurement> Read(string content)
    {
        foreach (var line in content.Split('\n'))
        {
            var row = Row().Match(line);
            if (!row.Success || !TryValue(row.Groups["b"].Value, row.Groups["bu"].Value, out var before) ||
                !TryValue(row.Groups["a"].Value, row.Groups["au"].Value, out var after) || before.Family != after.Family)
            {
                continue;
            }
            var significance = row.Groups["tilde"].Success ? new Significance(null, true) : null;
            yield return new RawMeasurement(row.Groups["name"].Value.Trim(), before, after, MeasurementSource.Benchstat, significance);
        }
    }

    private static bool TryValue(string number, string unit, out Quantity quantity)
    {
        // asv writes memory as "183M" or "1.2G": bytes with a decimal prefix.
        unit = unit switch { "k" or "K" => "kB", "M" => "MB", "G" => "GB", _ => unit };
        quantity = Quantities.Find(number + unit).Select(q => q.Quantity).FirstOrDefault();
        return quantity.Unit is not null && quantity.Family != UnitFamily.None;
    }

    [GeneratedRegex(@"^\s*before\s+after\s+ratio\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s*[-+!x]?\s+(?<b>\d[\d.]*)(?:±[\d.]+)?(?<bu>[a-zA-Zµμ%]{0,3})\s+(?<a>\d[\d.]*)(?:±[\d.]+)?(?<au>[a-zA-Zµμ%]{0,3})\s+(?<tilde>~)?(?:[\d.]+|n/a)\s+(?<name>\S.*)$")]
    private static partial Regex Row();
}
