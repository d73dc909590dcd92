using System.Globalization;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Items.BeforeAfter;

/// <summary>
/// Reads benchstat output in both of its layouts — the classic "name old time/op new time/op delta" and the newer
/// one with "│ sec/op │ sec/op vs base │" columns — including "~", p-values and "± ∞ ¹" (too few samples for an interval).
/// </summary>
internal static partial class BenchstatOutput
{
    public static IEnumerable<RawMeasurement> Read(string text)
    {
        var lines = text.Split('\n');
        string? metric = null;
        var boxUnits = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var classic = ClassicHeader().Match(line);
            if (classic.Success)
            {
                metric = classic.Groups["m"].Value;
                continue;
            }
            if (line.Contains('│', StringComparison.Ordinal))
            {
                var units = BoxUnit().Matches(line).Select(m => m.Groups["u"].Value).ToList();
                if (units.Count > 0)
                {
                    boxUnits = units;
                    metric = units[0];
                }
                continue;
            }
            if (metric is null || line.Trim().Length == 0)
            {
                continue;
            }
            var row = Row().Match(line);
            if (!row.Success || row.Groups["name"].Value.Equals("geomean", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var unit = boxUnits.Count > 0 ? boxUnits[0] : metric;
            if (!TryValue(row.Groups["old"].Value, unit, out var before) || !TryValue(row.Groups["new"].Value, unit, out var after))
            {
                continue;
            }
            var delta = row.Groups["delta"].Value;
            double? p = double.TryParse(row.Groups["p"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var pv) ? pv : null;
            var notSignificant = delta == "~" || p is >= 0.05;
            var significance = delta == "~" || p is not null ? new Significance(p, notSignificant) : null;
            yield return new RawMeasurement($"{row.Groups["name"].Value} {metric}", before, after, MeasurementSource.Benchstat, significance);
        }
    }

    public static bool Looks(string text) => ClassicHeader().IsMatch(text) || (text.Contains("vs base", StringComparison.Ordinal) && text.Contains('│', StringComparison.Ordinal));

    /// <summary>Values such as "2.38s", "975MB", "979k", "45.28m" under sec/op, "125.28Mi" under B/op, "35.7".</summary>
    private static bool TryValue(string text, string metric, out Quantity quantity)
    {
        var m = Value().Match(text.Trim());
        quantity = default;
        if (!m.Success || !double.TryParse(m.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }
        var suffix = m.Groups["s"].Value;
        var kind = metric.ToLowerInvariant();
        if (kind.StartsWith("sec/", StringComparison.Ordinal) || kind is "sec/op")
        {
            // The new layout scales seconds with SI prefixes: n, µ, m.
            var unit = suffix switch { "n" => "ns", "µ" or "μ" or "u" => "µs", "m" => "ms", _ => "s" };
            quantity = new Quantity(n, unit, UnitFamily.Time);
            return true;
        }
        if (kind.StartsWith("b/", StringComparison.Ordinal))
        {
            var unit = suffix switch { "Ki" => "KiB", "Mi" => "MiB", "Gi" => "GiB", _ => "B" };
            quantity = new Quantity(n, unit, UnitFamily.Size);
            return true;
        }
        switch (suffix)
        {
            case "k" or "K":
                quantity = new Quantity(n * 1000, UnitFor(kind), Quantities.FamilyOf(UnitFor(kind)));
                return true;
            case "M" when !kind.Contains("b/", StringComparison.Ordinal):
                quantity = new Quantity(n * 1_000_000, UnitFor(kind), Quantities.FamilyOf(UnitFor(kind)));
                return true;
            case "":
                quantity = new Quantity(n, UnitFor(kind), Quantities.FamilyOf(UnitFor(kind)));
                return true;
        }
        var canonical = Quantities.CanonicalUnit(suffix);
        quantity = new Quantity(n, canonical, Quantities.FamilyOf(canonical));
        return quantity.Family != UnitFamily.None;
    }

    private static string UnitFor(string metric) => metric switch
    {
        var m when m.StartsWith("allocs", StringComparison.Ordinal) => "allocs",
        var m when m.Contains("ops/s", StringComparison.Ordinal) => "ops/s",
        var m when m.StartsWith("alloc", StringComparison.Ordinal) => "B",
        var m when m.Contains("time", StringComparison.Ordinal) => "ns",
        _ => string.Empty,
    };

    [GeneratedRegex(@"^\s*name\s+old\s+(?<m>\S+(?:\s\S+)?)\s+new\s+\S+(?:\s\S+)?\s+delta\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ClassicHeader();

    [GeneratedRegex(@"│\s*(?<u>sec/op|B/op|allocs/op|[\w./]+/op|[\w./]+/s)\s*(?=│|vs base)")]
    private static partial Regex BoxUnit();

    [GeneratedRegex(@"^\s*(?<name>\S+)\s+(?<old>[\d.]+\s?[a-zA-Zµμ]*)(?:\s*±\s*(?:[\d.]+%|∞)(?:\s*[¹²³⁴⁵⁶⁷⁸⁹])?)?\s+(?<new>[\d.]+\s?[a-zA-Zµμ]*)(?:\s*±\s*(?:[\d.]+%|∞)(?:\s*[¹²³⁴⁵⁶⁷⁸⁹])?)?\s+(?<delta>~|[+\-−]?[\d.]+%)(?:\s*\(p=(?<p>[\d.]+)[^)]*\))?")]
    private static partial Regex Row();

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)\s?(?<s>[a-zA-Zµμ/]*)$")]
    private static partial Regex Value();
}
