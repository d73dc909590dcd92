using System.Globalization;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Items.BeforeAfter;

/// <summary>
/// Before/after pairs in plain-text output pasted into code blocks: whitespace-aligned tables with "before" and
/// "after" column headings (summaries of vegeta or k6 runs), hyperfine comparing two commands, and
/// pytest-benchmark comparing two saved runs.
/// </summary>
internal static partial class TextTables
{
    public static IEnumerable<RawMeasurement> Read(string content)
    {
        var lines = content.Split('\n');
        return AlignedColumns(lines).Concat(Hyperfine(content)).Concat(PytestBenchmark(lines)).Concat(RuledTable(lines));
    }

    /// <summary>
    /// A whitespace-aligned table with a ruled header ("Benchmark  Old Score  New Score" over "----  ----"), read like
    /// a Markdown table: side columns, side-prefixed or side-suffixed metric columns, side rows. "± error" is dropped.
    /// </summary>
    private static IEnumerable<RawMeasurement> RuledTable(string[] lines)
    {
        for (var i = 0; i + 2 < lines.Length; i++)
        {
            // Columns are set apart by runs of spaces, or by pipes when the rule is written with them
            // ("------- | ---- | -----", a report tool's Markdown-like table pasted inside a code block).
            var piped = PipedRule().IsMatch(lines[i + 1]);
            if (!(piped || Rule().IsMatch(lines[i + 1])) || (!piped && lines[i].Contains('|', StringComparison.Ordinal)))
            {
                continue;
            }
            List<string> Split(string line) => piped
                ? line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList()
                : ColumnGap().Split(line.Trim()).Where(c => c.Length > 0).ToList();
            var header = Split(lines[i]);
            if (header.Count < 3)
            {
                continue;
            }
            var rows = new List<IReadOnlyList<string>>();
            for (var j = i + 2; j < lines.Length && lines[j].Trim().Length > 0; j++)
            {
                var cells = Split(PlusMinus().Replace(lines[j].Trim(), string.Empty));
                if (piped && cells.Count < header.Count)
                {
                    // A trailing empty cell ("… | -2.89 |") is still a cell.
                    cells.AddRange(Enumerable.Repeat(string.Empty, header.Count - cells.Count));
                }
                if (cells.Count != header.Count)
                {
                    break;
                }
                rows.Add(cells);
            }
            if (rows.Count > 0)
            {
                return TableMeasurements.Read(new TableData(-1, header, rows, 0, null, string.Empty)).ToList();
            }
        }
        return [];
    }

    /// <summary>"                 before        after" followed by "Latencies p99    7.93ms        1.31ms".</summary>
    private static IEnumerable<RawMeasurement> AlignedColumns(string[] lines)
    {
        var found = new List<RawMeasurement>();
        for (var i = 0; i < lines.Length; i++)
        {
            var headings = Cells(lines[i]);
            if (lines[i].Contains('|', StringComparison.Ordinal) && headings.Count >= 3)
            {
                // "| Benchmark | main | branch |": the first column names the rows.
                headings = headings.Skip(1).ToList();
            }
            else if (headings.Count >= 3 && Sides.Of(headings[0]) == Side.None && !IsDelta(headings[0]) && !Cues.HasDigit(headings[0]))
            {
                // "benchmark   old ns/op   new ns/op   delta": the first heading names the rows.
                headings = headings.Skip(1).ToList();
            }
            if (headings.Count is < 2 or > 5 || SideColumns(headings) is not var (beforeAt, afterAt))
            {
                continue;
            }
            var group = string.Empty;
            for (var j = i + 1; j < lines.Length; j++)
            {
                var cells = Cells(lines[j]);
                if (cells.Count == 0 || cells.All(c => c.Length == 0))
                {
                    continue;
                }
                if (cells.Count == 1)
                {
                    // A group line such as "http_req_duration" above its "p(95)" rows.
                    group = cells[0];
                    continue;
                }
                // Rows may carry a label before the values or none at all ("203.6 seconds    121.9 seconds").
                if (cells.Count < headings.Count)
                {
                    break;
                }
                var first = cells.Count - headings.Count;
                var label = string.Join(' ', cells.Take(first));
                if (TryValue(cells[first + beforeAt], out var b) && TryValue(cells[first + afterAt], out var a) &&
                    WithHeadingUnit(b, headings[beforeAt]) is var before && WithHeadingUnit(a, headings[afterAt]) is var after &&
                    (a.Family == b.Family || a.Family == UnitFamily.None || b.Family == UnitFamily.None))
                {
                    var metric = lines[j].StartsWith(' ') && group.Length > 0 ? $"{group} {label}" : label;
                    found.Add(new RawMeasurement(metric, before, after, MeasurementSource.ToolOutput));
                }
            }
        }
        return found;
    }

    /// <summary>
    /// The before and after columns of a heading row: every heading names a side or a difference, or there are exactly
    /// two value columns beside differences and one of them names its side ("master-a60517.bench ns/iter" beside a
    /// branch's file name, then "diff %" and "speedup"), the other then being the other side.
    /// </summary>
    private static (int Before, int After)? SideColumns(List<string> headings)
    {
        var values = new List<int>();
        for (var k = 0; k < headings.Count; k++)
        {
            if (!IsDelta(headings[k]))
            {
                values.Add(k);
            }
        }
        if (values.Count > 2)
        {
            // "benchmark  baseline  contender  change %  counters": one column named for each side, in that order, beside
            // columns that name neither (counters, notes).
            var named = values.Select(k => (Column: k, Side: Sides.Of(headings[k]))).Where(x => x.Side != Side.None).ToList();
            return named is [{ Side: Side.Before } b, { Side: Side.After } a] ? (b.Column, a.Column) : null;
        }
        if (values.Count != 2)
        {
            return null;
        }
        var (first, second) = (Sides.Of(headings[values[0]]), Sides.Of(headings[values[1]]));
        if (first != Side.None && second != Side.None)
        {
            return first == Side.Before && second == Side.After ? (values[0], values[1]) : null;
        }
        // Only one named: the unnamed column is the other side, but only when differences follow them.
        if (values[1] != values[0] + 1 || values[1] == headings.Count - 1)
        {
            return null;
        }
        return Sides.OfFirstOfTwo(first, second) switch
        {
            Side.Before => (values[0], values[1]),
            Side.After => (values[1], values[0]),
            _ => null,
        };
    }

    /// <summary>A bare figure under a heading that ends in its unit ("old ns/op", "… ns/iter") takes that unit.</summary>
    private static Quantity WithHeadingUnit(Quantity value, string heading)
    {
        if (value.Unit.Length > 0)
        {
            return value;
        }
        var unit = heading.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].Trim('(', ')', '[', ']');
        var found = Quantities.Find("1 " + unit).FirstOrDefault();
        return found.Length == unit.Length + 2 && found.Index == 0
            ? new Quantity(value.Value, found.Quantity.Unit, found.Quantity.Family)
            : value;
    }

    /// <summary>hyperfine with two commands: the first is the baseline, the second the change.</summary>
    private static IEnumerable<RawMeasurement> Hyperfine(string content)
    {
        if (!content.Contains("Time (mean", StringComparison.Ordinal))
        {
            yield break;
        }
        var runs = HyperfineRun().Matches(content);
        if (runs.Count != 2)
        {
            yield break;
        }
        if (TryValue(runs[0].Groups["t"].Value, out var before) && TryValue(runs[1].Groups["t"].Value, out var after) && before.Family == UnitFamily.Time && after.Family == UnitFamily.Time)
        {
            yield return new RawMeasurement("mean time (hyperfine)", before, after, MeasurementSource.ToolOutput);
        }
    }

    /// <summary>pytest-benchmark comparing two saved runs: "test_x (0001_main)" and "test_x (0002_cache)".</summary>
    private static IEnumerable<RawMeasurement> PytestBenchmark(string[] lines)
    {
        var header = lines.Select(l => PytestHeader().Match(l)).FirstOrDefault(m => m.Success);
        if (header is null)
        {
            yield break;
        }
        var unit = Quantities.CanonicalUnit(header.Groups["u"].Value);
        var runs = new Dictionary<string, List<(string Run, double Value)>>();
        foreach (var line in lines)
        {
            var m = PytestRow().Match(line);
            if (m.Success && double.TryParse(m.Groups["v"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                var name = m.Groups["name"].Value;
                if (!runs.TryGetValue(name, out var list))
                {
                    runs[name] = list = [];
                }
                list.Add((m.Groups["run"].Value, v));
            }
        }
        foreach (var (name, list) in runs)
        {
            if (list.Count != 2)
            {
                continue;
            }
            // The saved baseline is the run named after main/master/base, else the earlier-numbered one.
            var ordered = list.OrderBy(r => BaselineRun().IsMatch(r.Run) ? 0 : 1).ThenBy(r => r.Run, StringComparer.Ordinal).ToList();
            var family = Quantities.FamilyOf(unit);
            yield return new RawMeasurement($"{name} min", new Quantity(ordered[0].Value, unit, family), new Quantity(ordered[1].Value, unit, family), MeasurementSource.Benchstat);
        }
    }

    // The characters of a ruling line ("+----+", "|---|:--|"), built once.
    private static readonly char[] RuleCharacters = ['+', '-', '=', '|', ' ', ':'];

    private static List<string> Cells(string line)
    {
        var t = line.Trim();
        if (t.Length > 0 && t.Trim(RuleCharacters).Length == 0)
        {
            return [];
        }
        // ASCII grid tables ("| main | branch |") split on pipes; aligned output on runs of spaces.
        return t.Contains('|', StringComparison.Ordinal)
            ? t.Trim('|').Split('|').Select(c => c.Trim()).ToList()
            : ColumnGap().Split(t).Where(c => c.Length > 0).ToList();
    }

    private static bool IsDelta(string heading) => DeltaHeading().IsMatch(heading) || heading.EndsWith('%');

    private static bool TryValue(string text, out Quantity quantity)
    {
        var t = text.Trim().TrimEnd(',');
        var found = Quantities.Find(t).FirstOrDefault();
        if (found.Length > 0 && found.Index == 0)
        {
            quantity = found.Quantity;
            return true;
        }
        if (Quantities.TryParseNumber(t, out var bare) && BareNumber().IsMatch(t))
        {
            quantity = new Quantity(bare, string.Empty, UnitFamily.None);
            return true;
        }
        quantity = default;
        return false;
    }

    [GeneratedRegex(@"\s{2,}|\t+")]
    private static partial Regex ColumnGap();

    // A column of differences or ratios: "delta", "diff ns/iter", "change", "Δ", "speedup", "ratio".
    [GeneratedRegex(@"^(?:delta|diff|difference|change|Δ|speed-?up|ratio)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DeltaHeading();

    [GeneratedRegex(@"^\s*-{3,}(?:\s+-{3,})+\s*$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?(?:\s*\|\s*:?-{2,}:?)+\s*\|?\s*$")]
    private static partial Regex PipedRule();

    [GeneratedRegex(@"\s?±\s*[\d.,]+(?:\s?[A-Za-zµ%/]+)?")]
    private static partial Regex PlusMinus();

    [GeneratedRegex(@"^~?[-+]?\d[\d,]*(?:\.\d+)?\s?[kKM]?$")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"Benchmark \d+:[^\n]*\n\s*Time \(mean[^)]*\):\s+(?<t>[\d.]+\s?(?:ns|µs|us|ms|s))")]
    private static partial Regex HyperfineRun();

    [GeneratedRegex(@"^Name \(time in (?<u>ns|us|µs|ms|s)\)")]
    private static partial Regex PytestHeader();

    [GeneratedRegex(@"^(?<name>\S+)\s+\((?<run>[^)]+)\)\s+(?<v>[\d.,]+)")]
    private static partial Regex PytestRow();

    [GeneratedRegex(@"main|master|base|before|old", RegexOptions.IgnoreCase)]
    private static partial Regex BaselineRun();
}
