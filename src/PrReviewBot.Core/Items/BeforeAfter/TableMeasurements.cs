using System.Text.RegularExpressions;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Items.BeforeAfter;

/// <summary>
/// Reads before/after pairs from Markdown tables, whichever way round they are written: before/after (old/new,
/// baseline/PR, base/candidate) as columns with one metric per row, or as rows with one metric per column.
/// </summary>
internal static partial class TableMeasurements
{
    /// <summary>
    /// The table's pairs; plain numbers take the unit the sentence before the table gives them ("times in seconds").
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="valueSide">
    /// Which side a value of a setting stands for (the value the title names is the change's); used for tables whose
    /// columns or rows are named by values rather than by side words.
    /// </param>
    /// <param name="titleOverlap">How many of the words saying what the title does a label names (none when not given).</param>
    public static IEnumerable<RawMeasurement> Read(TableData table, Func<string, Side>? valueSide = null, Func<string, int>? titleOverlap = null)
    {
        var stated = LeadInUnit().Match(Sentences.Plain(table.LeadIn));
        if (!stated.Success)
        {
            return ReadAll(table, valueSide, titleOverlap);
        }
        var unit = Quantities.CanonicalUnit(stated.Groups["u"].Value);
        var family = Quantities.FamilyOf(unit);
        return ReadAll(table, valueSide, titleOverlap).Select(m => m.Before.Family == UnitFamily.None && m.After.Family == UnitFamily.None
            ? m with { Before = new Quantity(m.Before.Value, unit, family), After = new Quantity(m.After.Value, unit, family) }
            : m);
    }

    private static IEnumerable<RawMeasurement> ReadAll(TableData table, Func<string, Side>? valueSide, Func<string, int>? titleOverlap)
    {
        var header = table.Header.Select(Name).ToList();
        var beforeCol = table.Header.ToList().FindIndex(IsBefore);
        var afterCol = table.Header.ToList().FindIndex(h => IsAfter(h) && !IsBefore(h));
        // "HEAD avg score | PR avg score": beside a PR or branch column, HEAD names the base it is compared with.
        if (beforeCol < 0 && afterCol >= 0 && HeadColumn().IsMatch(Sentences.Plain(table.Header[afterCol])))
        {
            var head = afterCol;
            var other = table.Header.ToList().FindIndex(head + 1, h => IsAfter(h) && !HeadColumn().IsMatch(Sentences.Plain(h)));
            if (other > head)
            {
                (beforeCol, afterCol) = (head, other);
            }
        }
        // "Old Score | New Score | Old Time | New Time": sides that prefix a metric pair by metric, every pair of them.
        if (beforeCol >= 0 && SplitSuffix(Sentences.Plain(table.Header[beforeCol]).Trim()) is { Side: Side.Before, Key.Length: > 0 })
        {
            var byMetric = ReadSideSuffixedColumns(table).ToList();
            if (byMetric.Count > 0)
            {
                foreach (var m in byMetric)
                {
                    yield return m;
                }
                yield break;
            }
        }
        // Usually before comes first; two states of a switch ("`jit=on`" | "`jit=off`") may come either way round.
        if (beforeCol >= 0 && afterCol >= 0 && (afterCol > beforeCol || Sides.OfState(table.Header[beforeCol]) != Side.None))
        {
            // "diff" reads as "the PR's value" only beside a separate change/delta column (crank's layout).
            if (header[afterCol] == "diff" && !header.Any(h => h is "change" or "delta" or "%" or "change %"))
            {
                yield break;
            }
            var states = Sides.OfState(table.Header[beforeCol]) != Side.None;
            foreach (var m in ReadColumns(table, beforeCol, afterCol))
            {
                yield return m with { States = states };
            }
            yield break;
        }
        // "Baseline master | Comparison my-branch | % change | Note": one side named, and the one value column beside it
        // (change, ratio and note columns are not values of a side) is the other.
        if ((beforeCol >= 0) != (afterCol >= 0))
        {
            var known = beforeCol >= 0 ? beforeCol : afterCol;
            // A goal column ("Target", "Budget") is not the other side's value.
            var others = Enumerable.Range(1, table.Header.Count - 1)
                .Where(i => i != known && !DerivedColumn().IsMatch(Sentences.Plain(table.Header[i])) && !ExpectedColumn().IsMatch(Sentences.Plain(table.Header[i])))
                .ToList();
            // "Baseline(ms) | Current(ms)": beside a before column, "current" is the value measured with the change.
            if (others.Count > 1 && beforeCol >= 0 && others.Contains(beforeCol + 1) && CurrentColumn().IsMatch(Sentences.Plain(table.Header[beforeCol + 1])))
            {
                others = [beforeCol + 1];
            }
            // "master (pip) | ci-speedup (uv)": beside a before column, the one column the title names is the change's.
            if (others.Count > 1 && beforeCol >= 0 && valueSide is not null &&
                others.Where(i => NamedSide(table.Header[i], valueSide) == Side.After).ToList() is [var named] && Math.Abs(named - beforeCol) == 1)
            {
                others = [named];
            }
            // "master | multi-row converted to INSERT .. SELECT | COPY" under "Route multi-row INSERTs through INSERT .. SELECT":
            // beside a before column, the one column naming most of what the title does is the change's.
            if (others.Count > 1 && beforeCol >= 0 && titleOverlap is not null &&
                others.Select(i => (Column: i, Score: titleOverlap(table.Header[i]))).ToList() is var scored &&
                scored.Max(x => x.Score) is var best and > 0 && scored.Where(x => x.Score == best).ToList() is [var top] &&
                Math.Abs(top.Column - beforeCol) == 1)
            {
                others = [top.Column];
            }
            if (others.Count == 1 && Math.Abs(others[0] - known) == 1)
            {
                var (b, a) = beforeCol >= 0 ? (known, others[0]) : (others[0], known);
                var read = ReadColumns(table, b, a).ToList();
                if (read.Count > 0)
                {
                    foreach (var m in read)
                    {
                        yield return m;
                    }
                    yield break;
                }
            }
        }
        // "dependencies not cached | dependencies cached": the column without the thing is the before.
        if (beforeCol < 0 && afterCol < 0 && table.Header.Count == 3)
        {
            var (first, second) = Lacks(table.Header[1], table.Header[2]) ? (1, 2) : Lacks(table.Header[2], table.Header[1]) ? (2, 1) : (-1, -1);
            if (first > 0)
            {
                foreach (var m in ReadColumns(table, first, second))
                {
                    yield return m with { States = true };
                }
                yield break;
            }
        }
        // "glibc default | `MALLOC_ARENA_MAX=2`": two columns named by values of a setting; the default, or the value the
        // title does not name, is the before.
        // "| Command | GPA | Arena | Improvement |": the two value columns past any change or note column.
        var valueColumns = Enumerable.Range(1, Math.Max(0, table.Header.Count - 1)).Where(i => !DerivedColumn().IsMatch(Sentences.Plain(table.Header[i]))).ToList();
        if ((beforeCol < 0 || afterCol < 0) && valueColumns.Count == 2 && valueSide is not null &&
            !ExpectedColumn().IsMatch(Sentences.Plain(table.Header[valueColumns[0]] + " " + table.Header[valueColumns[1]])) &&
            ValueColumns(table.Header[valueColumns[0]], table.Header[valueColumns[1]], valueSide) is var (firstValue, _) && firstValue > 0)
        {
            var (valueBefore, valueAfter) = firstValue == 1 ? (valueColumns[0], valueColumns[1]) : (valueColumns[1], valueColumns[0]);
            foreach (var m in ReadColumns(table, valueBefore, valueAfter))
            {
                yield return m with { States = true };
            }
            yield break;
        }
        var suffixed = ReadSideSuffixedColumns(table).ToList();
        if (suffixed.Count > 0)
        {
            foreach (var m in suffixed)
            {
                yield return m;
            }
            yield break;
        }
        var rows = ReadRows(table).ToList();
        if (rows.Count == 0)
        {
            rows = ReadPairedRows(table).ToList();
        }
        if (rows.Count == 0 && valueSide is not null)
        {
            rows = ReadRowsByValue(table, valueSide).ToList();
        }
        foreach (var m in rows)
        {
            yield return m;
        }
    }

    /// <summary>The side a column or row label names as a value: "glibc default" is the old one; else what the title says.</summary>
    private static Side LabelValueSide(string label, Func<string, Side> valueSide)
    {
        var plain = Sides.WithoutAsides(Sentences.Plain(label)).Trim().Trim('`', '*', '_', ' ');
        if (plain.Length == 0 || plain.Length > 40 || Cues.HasDigit(plain) && !plain.Contains('=', StringComparison.Ordinal))
        {
            return Side.None;
        }
        if (DefaultLabel().IsMatch(plain))
        {
            return Side.Before;
        }
        if (Sides.Of(label) is var named and not Side.None)
        {
            return named;
        }
        var side = valueSide(plain);
        var eq = plain.IndexOf('=', StringComparison.Ordinal);
        return side == Side.None && eq > 0 && eq < plain.Length - 1 ? valueSide(plain[(eq + 1)..].Trim()) : side;
    }

    /// <summary>
    /// The side a header names by what it calls the thing measured: the whole label, else a part in brackets ("ci-speedup
    /// (uv)" → uv), as the title decides.
    /// </summary>
    private static Side NamedSide(string header, Func<string, Side> valueSide)
    {
        var side = LabelValueSide(header, valueSide);
        if (side != Side.None)
        {
            return side;
        }
        var aside = Bracketed().Match(Sentences.Plain(header));
        return aside.Success ? valueSide(aside.Groups["v"].Value.Trim()) : Side.None;
    }

    [GeneratedRegex(@"\((?<v>[^()]{2,30})\)")]
    private static partial Regex Bracketed();

    /// <summary>Two labels as two values of one thing: one known side makes the other the opposite; both known must differ.</summary>
    private static (int Before, int After) ValueColumns(string a, string b, Func<string, Side> valueSide) =>
        Sides.OfFirstOfTwo(LabelValueSide(a, valueSide), LabelValueSide(b, valueSide)) switch
        {
            Side.Before => (1, 2),
            Side.After => (2, 1),
            _ => (-1, -1),
        };

    /// <summary>
    /// Rows that say which configuration they ran: a text column with exactly two values ("jemalloc" on one row,
    /// "glibc" on the others). The first row of each value pairs with the other's, column by column.
    /// </summary>
    private static IEnumerable<RawMeasurement> ReadRowsByValue(TableData table, Func<string, Side> valueSide)
    {
        if (table.Rows.Count < 2 || table.Rows.Count > 50)
        {
            yield break;
        }
        for (var col = 0; col < table.Header.Count; col++)
        {
            var cells = table.Rows.Select(r => col < r.Count ? Sentences.Plain(r[col]).Trim().Trim('`', '*', '_', ' ') : string.Empty).ToList();
            if (cells.Any(c => c.Length == 0 || Cues.HasDigit(c)))
            {
                continue;
            }
            var values = cells.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (values.Count != 2)
            {
                continue;
            }
            var side = Sides.OfFirstOfTwo(LabelValueSide(values[0], valueSide), LabelValueSide(values[1], valueSide));
            if (side == Side.None)
            {
                continue;
            }
            var beforeValue = side == Side.Before ? values[0] : values[1];
            var b = table.Rows[cells.FindIndex(c => c.Equals(beforeValue, StringComparison.OrdinalIgnoreCase))];
            var a = table.Rows[cells.FindIndex(c => !c.Equals(beforeValue, StringComparison.OrdinalIgnoreCase))];
            for (var k = 0; k < Math.Min(table.Header.Count, Math.Min(a.Count, b.Count)); k++)
            {
                var unit = UnitFromHeader(table.Header[k]);
                if (k != col && TryCell(b[k], unit, out var before) && TryCell(a[k], unit, out var after) &&
                    before.Family == after.Family && before.Family != UnitFamily.None)
                {
                    yield return new RawMeasurement(Sentences.Plain(table.Header[k]).Trim(), before, after, MeasurementSource.Table);
                }
            }
            yield break;
        }
    }

    /// <summary>
    /// Rows that name their side inside the first cell, as benchmark tables do: <c>ReadBody_Before</c> /
    /// <c>ReadBody_After</c>, <c>Parse (old)</c> / <c>Parse (new)</c>. Rows pair up when the rest of their labels agree.
    /// </summary>
    private static IEnumerable<RawMeasurement> ReadPairedRows(TableData table)
    {
        var keyed = new List<(string Key, Side Side, IReadOnlyList<string> Row)>();
        foreach (var row in table.Rows)
        {
            if (row.Count < 2)
            {
                continue;
            }
            var (key, side) = SplitSide(Sentences.Plain(row[0]).Trim());
            if (side == Side.None)
            {
                continue;
            }
            // Parameter columns (numbers that are the same on both sides, such as a payload size) belong to the key.
            keyed.Add((key, side, row));
        }
        var used = new HashSet<int>();
        foreach (var before in keyed.Where(k => k.Side == Side.Before))
        {
            var afterIndex = keyed.FindIndex(k => k.Side == Side.After && k.Key == before.Key && !used.Contains(keyed.IndexOf(k)) && SameParameters(table, before.Row, k.Row));
            if (afterIndex < 0)
            {
                continue;
            }
            used.Add(afterIndex);
            var after = keyed[afterIndex].Row;
            var parameters = string.Join(' ', ParameterColumns(table).Where(c => c < before.Row.Count).Select(c => $"{table.Header[c]}={before.Row[c]}"));
            for (var c = 1; c < Math.Min(before.Row.Count, after.Count); c++)
            {
                var header = c < table.Header.Count ? table.Header[c] : $"column {c + 1}";
                if (NoiseColumn().IsMatch(header.Trim()) || ParameterColumns(table).Contains(c))
                {
                    continue;
                }
                var unit = UnitFromHeader(header);
                if (TryCell(before.Row[c], unit, out var b) && TryCell(after[c], unit, out var a) && Compatible(b, a))
                {
                    yield return new RawMeasurement($"{before.Key} {parameters} {header}".Replace("  ", " ", StringComparison.Ordinal).Trim(), b, a, MeasurementSource.Table);
                }
            }
        }
    }

    [GeneratedRegex(@"\b(?:times?|durations?|latenc(?:y|ies)|values?|numbers?|figures?|sizes?|results?)\s+(?:are\s+)?in\s+(?<u>seconds|milliseconds|microseconds|minutes|ms|µs|s|[KMG]i?B)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeadInUnit();

    [GeneratedRegex(@"^\s*head\b", RegexOptions.IgnoreCase)]
    private static partial Regex HeadColumn();

    /// <summary>
    /// Columns that name their side after the metric: "mean_exec_time (main)" / "mean_exec_time (this branch)",
    /// "p99 before" / "p99 after".
    /// </summary>
    private static IEnumerable<RawMeasurement> ReadSideSuffixedColumns(TableData table)
    {
        var columns = table.Header.Select((h, i) => (Index: i, Split: SplitSuffix(Sentences.Plain(h).Trim()))).Where(c => c.Split.Side != Side.None).ToList();
        foreach (var before in columns.Where(c => c.Split.Side == Side.Before))
        {
            var after = columns.FirstOrDefault(c => c.Split.Side == Side.After && c.Split.Key.Equals(before.Split.Key, StringComparison.OrdinalIgnoreCase));
            if (after.Split.Key is null || before.Split.Key.Length == 0)
            {
                continue;
            }
            var unit = UnitFromHeader(table.Header[before.Index]);
            foreach (var row in table.Rows)
            {
                if (row.Count <= Math.Max(before.Index, after.Index))
                {
                    continue;
                }
                if (TryCell(row[before.Index], unit, out var b) && TryCell(row[after.Index], unit, out var a) && Compatible(b, a))
                {
                    yield return new RawMeasurement($"{row[0]} {before.Split.Key}".Trim(), b, a, MeasurementSource.Table);
                }
            }
        }
    }

    /// <summary>"mean_exec_time (main)" → ("mean_exec_time", Before); "p99 after" → ("p99", After); "Old Score" → ("Score", Before).</summary>
    private static (string Key, Side Side) SplitSuffix(string header)
    {
        var m = SideSuffix().Match(header);
        if (m.Success)
        {
            return (header[..m.Index].Trim(), Sides.Of(m.Groups["s"].Value));
        }
        m = SidePrefix().Match(header);
        if (m.Success)
        {
            return (header[(m.Index + m.Length)..].Trim(), Sides.Of(m.Groups["s"].Value));
        }
        // "DetectionOnly, before the fix" / "DetectionOnly, after the fix": the side as a phrase after a comma or in brackets.
        m = SideInside().Match(header);
        return m.Success
            ? ((header[..m.Index] + " " + header[(m.Index + m.Length)..]).Trim(' ', ',', ';', '-', '(', ')'), Sides.Of(m.Groups["s"].Value))
            : (header, Side.None);
    }

    /// <summary>"ReadBody_Before" → ("ReadBody", Before); "parse (old)" → ("parse", Before).</summary>
    private static (string Key, Side Side) SplitSide(string cell)
    {
        var m = SideToken().Match(cell);
        if (!m.Success)
        {
            return (cell, Side.None);
        }
        var side = Sides.Of(m.Groups["t"].Value);
        var key = (cell[..m.Index] + cell[(m.Index + m.Length)..]).Trim(' ', '_', '-', '.', '(', ')');
        return (key, side);
    }

    /// <summary>Benchmark parameter columns (BenchmarkDotNet puts them between Method and Mean).</summary>
    private static IReadOnlyList<int> ParameterColumns(TableData table)
    {
        var mean = table.Header.ToList().FindIndex(h => MeanColumn().IsMatch(h.Trim()));
        return mean > 1 ? Enumerable.Range(1, mean - 1).ToList() : [];
    }

    private static bool SameParameters(TableData table, IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        ParameterColumns(table).All(c => c < a.Count && c < b.Count && a[c].Trim() == b[c].Trim());

    private static IEnumerable<RawMeasurement> ReadColumns(TableData table, int beforeCol, int afterCol)
    {
        var metricCol = Enumerable.Range(0, table.Header.Count).FirstOrDefault(i => i != beforeCol && i != afterCol);
        var beforeUnit = UnitFromHeader(table.Header[beforeCol]);
        var afterUnit = UnitFromHeader(table.Header[afterCol]);
        foreach (var row in table.Rows)
        {
            if (row.Count <= Math.Max(beforeCol, afterCol))
            {
                continue;
            }
            var metric = metricCol < row.Count ? row[metricCol] : string.Empty;
            var fallback = UnitFromHeader(metric) ?? beforeUnit ?? afterUnit;
            if (TryCell(row[beforeCol], fallback, out var before) && TryCell(row[afterCol], fallback, out var after) &&
                Compatible(before, after))
            {
                yield return new RawMeasurement(metric, before, after, MeasurementSource.Table);
            }
        }
    }

    private static IEnumerable<RawMeasurement> ReadRows(TableData table)
    {
        // Rows labelled before/after in the first column; the other columns are the metrics.
        var labels = table.Rows.Select(r => r.Count > 0 ? r[0] : string.Empty).ToList();
        var beforeRow = labels.FindIndex(IsBefore);
        var afterRow = labels.FindIndex(l => IsAfter(l) && !IsBefore(l));
        // Rows for several changes, "With PR #77" and "This PR": the change named as "this" is the after side.
        if (labels.Count(l => IsAfter(l)) > 1 && labels.FindIndex(Sides.NamesThisChange) is var own and >= 0)
        {
            afterRow = own;
        }
        if ((beforeRow < 0 || afterRow < 0) && labels.Count == 2)
        {
            // "JIT, no profile" / "committed profile": one row names a thing the other row lacks.
            (beforeRow, afterRow) = Lacks(labels[0], labels[1]) ? (0, 1) : Lacks(labels[1], labels[0]) ? (1, 0) : (-1, -1);
        }
        if (beforeRow < 0 || afterRow < 0)
        {
            yield break;
        }
        var b = table.Rows[beforeRow];
        var a = table.Rows[afterRow];
        for (var col = 1; col < Math.Min(a.Count, b.Count); col++)
        {
            var metric = col < table.Header.Count ? table.Header[col] : $"column {col + 1}";
            var unit = UnitFromHeader(metric);
            if (TryCell(b[col], unit, out var before) && TryCell(a[col], unit, out var after) && Compatible(before, after))
            {
                yield return new RawMeasurement(metric, before, after, MeasurementSource.Table);
            }
        }
    }

    /// <summary>The first label says it goes without something the second label has: "no profile" / "with the profile".</summary>
    private static bool Lacks(string first, string second)
    {
        var m = Without().Match(Sentences.Plain(first));
        return m.Success && !Without().IsMatch(Sentences.Plain(second)) &&
               System.Text.RegularExpressions.Regex.IsMatch(Sentences.Plain(second), $@"\b{System.Text.RegularExpressions.Regex.Escape(m.Groups["thing"].Value)}\b", RegexOptions.IgnoreCase);
    }

    private static bool Compatible(Quantity a, Quantity b) =>
        a.Family == b.Family || a.Family == UnitFamily.None || b.Family == UnitFamily.None;

    /// <summary>
    /// A cell's value, whatever decorates it: "41 ms", "1,984,923.91", "0.03%", "141k", "27m14s", a duration on a clock
    /// ("10:52", "1:02:33"), "(844 MB)" after it, an emoji or ":tada:", a footnote mark.
    /// </summary>
    private static bool TryCell(string cell, string? fallbackUnit, out Quantity quantity)
    {
        var text = Sentences.Plain(cell).Trim();
        quantity = default;
        if (text.Contains('±', StringComparison.Ordinal) || text.Contains("+-", StringComparison.Ordinal) || text.Contains("+/-", StringComparison.Ordinal))
        {
            // "33324 +- 0.0% (3 datapoints)", "120 ± 3 ms": the spread says how sure the value is, not what it is.
            text = Spread().Replace(text, string.Empty, 1).Trim();
        }
        if (CompositeDuration().IsMatch(text) && Quantities.TryParseDuration(text, out var seconds))
        {
            quantity = new Quantity(seconds, "s", UnitFamily.Time);
            return true;
        }
        if (Quantities.TryParseClock(text, out var clock))
        {
            // "10:52" in a column of job times.
            quantity = new Quantity(clock, "s", UnitFamily.Time);
            return true;
        }
        var m = CellValue().Match(text);
        if (!m.Success)
        {
            return false;
        }
        if (!Quantities.TryParse(m.Groups["q"].Value, out quantity))
        {
            return false;
        }
        if (quantity.Unit.Length == 0 && fallbackUnit is not null)
        {
            quantity = new Quantity(quantity.Value, fallbackUnit, Quantities.FamilyOf(fallbackUnit));
        }
        return true;
    }

    /// <summary>"Latency avg (ms)" → ms, "ms/op" → ms, "Requests/sec" → req/s, "CPU Usage (%)" → %.</summary>
    internal static string? UnitFromHeader(string header)
    {
        var h = Sentences.Plain(header).Trim();
        var paren = ParenUnit().Match(h);
        if (paren.Success)
        {
            return Quantities.CanonicalUnit(paren.Groups["u"].Value);
        }
        var perOp = PerOp().Match(h);
        if (perOp.Success)
        {
            var u = perOp.Groups["u"].Value.ToLowerInvariant();
            return u switch
            {
                "sec" or "s" => "s",
                "allocs" => "allocs",
                _ => Quantities.CanonicalUnit(perOp.Groups["u"].Value),
            };
        }
        if (RateHeader().IsMatch(h))
        {
            return "req/s";
        }
        return null;
    }

    private static string Name(string cell) => SectionAliases.Normalise(cell);

    // "+- 0.0%", "± 3", "+/- nan%": a spread written after a value (its unit, if any, stays: "120 ± 3 ms" → "120 ms").
    [GeneratedRegex(@"\s*(?:±|\+-|\+/-)\s*(?:[\d.,]+|nan|inf)\s?%?(?=\s|$|\()", RegexOptions.IgnoreCase)]
    private static partial Regex Spread();

    // Columns computed from the two sides or said about them: "% change", "Δ", "ratio", "speed-up", "Note", "p-value".
    [GeneratedRegex(@"^\W*$|%|Δ|(?<![-/])\b(?:change|delta|diff(?:erence)?|ratio|speed-?up|improvement|gain|regression|notes?|comments?|remarks?|significan\w*|p-?value|verdict|result|status|trend)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DerivedColumn();

    [GeneratedRegex(@"\b(?:" + SideWords.Expectation + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExpectedColumn();

    [GeneratedRegex(@"^\W*(?:current|now|latest|today)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CurrentColumn();

    private static bool IsBefore(string name) => Sides.Of(name) == Side.Before;

    // "diff" names the PR's column only in crank's layout, checked where the columns are chosen.
    private static bool IsAfter(string name) => Name(name) is var n && (n == "diff" || n.StartsWith("diff ", StringComparison.Ordinal)) || Sides.Of(name) == Side.After;

    [GeneratedRegex(@"^[~≈]?\s*(?<q>[-−+]?\d[\d,]*(?:\.\d+)?\s?(?:[kKM](?![a-zA-Z]))?\s?[A-Za-zµμ%/]*(?:/[A-Za-z]+)?)\s*(?:\(.*\))?(?:\s*(?::[\w+-]+:|\p{So}|\uFE0F|[*†‡¹²³]))*\s*$")]
    private static partial Regex CellValue();

    [GeneratedRegex(@"^\d+\s?h\s?\d+\s?m(?:in)?(?:\s?\d+\s?s)?$|^\d+\s?m(?:in)?\s?\d+(?:\.\d+)?\s?s$", RegexOptions.IgnoreCase)]
    private static partial Regex CompositeDuration();

    [GeneratedRegex(@"(?:^|[_\-\s.(])(?<t>before|after|old|new|baseline|original|legacy|optimi[sz]ed)(?:$|[_\-\s.)])", RegexOptions.IgnoreCase)]
    private static partial Regex SideToken();

    [GeneratedRegex(@"\s*(?:\((?<s>before|after|old|new|main|master|base|baseline|branch|this branch|this pr|pr|patched)\)|\s(?<s>" + SideWords.BeforeWord + "|" + SideWords.AfterWord + @"))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SideSuffix();

    [GeneratedRegex(@"^(?:mean|median|avg|average|time|min|p50)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MeanColumn();

    [GeneratedRegex(@"^(?:error|stddev|std ?dev|stderr|std ?err|ratio|ratiosd|rank|op/s ratio|gen ?[012]|alloc ratio|n|count|iterations?)$", RegexOptions.IgnoreCase)]
    private static partial Regex NoiseColumn();

    [GeneratedRegex(@"\((?<u>ms|s|µs|us|ns|%|MB|GB|KB|MiB|GiB|KiB|B|req/s|rps|qps|ops/s|MB/s)\)", RegexOptions.IgnoreCase)]
    private static partial Regex ParenUnit();

    [GeneratedRegex(@"^(?<u>ns|µs|us|ms|sec|s|B|KB|MB|GB|allocs)/op$", RegexOptions.IgnoreCase)]
    private static partial Regex PerOp();

    [GeneratedRegex(@"^(?:req(?:uest)?s?\s*/\s*s(?:ec)?|rps|qps|throughput \(req/s\))$", RegexOptions.IgnoreCase)]
    private static partial Regex RateHeader();

    [GeneratedRegex(@"\b(?:no|not|without|disabled|off)\s+(?<thing>[\p{L}][\w-]{2,})", RegexOptions.IgnoreCase)]
    private static partial Regex Without();

    // "default", "glibc default", "default settings": the configuration a change moves away from.
    [GeneratedRegex(@"^(?:[\w.-]+\s+){0,2}defaults?(?:\s+(?:settings?|config(?:uration)?|values?|build|allocator))?$", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultLabel();

    [GeneratedRegex(@"^\s*(?<s>before|after|old|new|baseline|base|main|master|patched|original|optimi[sz]ed)\s+(?=\S)", RegexOptions.IgnoreCase)]
    private static partial Regex SidePrefix();

    [GeneratedRegex(@"[,;(]\s*(?<s>before|after)(?:\s+(?:the|this)\s+(?:fix|change|patch|pr|optimi[sz]ation|commit))?\s*\)?", RegexOptions.IgnoreCase)]
    private static partial Regex SideInside();
}
