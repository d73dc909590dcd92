using System.Text.RegularExpressions;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Items.BeforeAfter;

/// <summary>
/// Reads the headline numbers of load-test and benchmark output (wrk, k6, hey, ab, vegeta, Go benchmarks, Ruby's
/// Benchmark, and plain "Key: value" summaries) so a "before" run and an "after" run can be paired metric by metric.
/// </summary>
internal static partial class ToolOutput
{
    /// <summary>Metric name → value for one run's output.</summary>
    public static Dictionary<string, Quantity> Metrics(string text)
    {
        var found = new Dictionary<string, Quantity>(StringComparer.OrdinalIgnoreCase);
        HeaderUnitTable(text, found);
        if (text.Contains(',', StringComparison.Ordinal))
        {
            CsvTable(text, found);
        }
        var inDistribution = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Latency Distribution", StringComparison.OrdinalIgnoreCase))
            {
                inDistribution = true;
                continue;
            }
            Match m;
            if ((m = PercentileIn().Match(line)).Success)
            {
                Add(found, $"p{m.Groups["p"].Value.Replace(".", string.Empty, StringComparison.Ordinal)} latency", m.Groups["v"].Value);
                continue;
            }
            if (inDistribution && (m = Percentile().Match(line)).Success)
            {
                Add(found, $"p{m.Groups["p"].Value.Replace(".", string.Empty, StringComparison.Ordinal)} latency", m.Groups["v"].Value);
                continue;
            }
            inDistribution = false;
            if ((m = Criterion().Match(line)).Success)
            {
                // criterion: "name  time: [low mid high]" — the middle value is the estimate.
                var name = m.Groups["name"].Success && m.Groups["name"].Value.Length > 0 ? m.Groups["name"].Value + " " : string.Empty;
                Add(found, name + m.Groups["what"].Value, m.Groups["mid"].Value);
            }
            else if (line.Contains("0x", StringComparison.Ordinal) && (m = HexSize().Match(line)).Success &&
                     long.TryParse(m.Groups["hex"].Value, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var bytes))
            {
                // A firmware size report in hexadecimal: "app.bin binary size 0x17d030 bytes".
                Add(found, m.Groups["name"].Value, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes");
            }
            else if ((m = Jmh().Match(line)).Success)
            {
                var param = m.Groups["param"].Success ? " " + m.Groups["param"].Value : string.Empty;
                Add(found, $"{m.Groups["bench"].Value}{param} {m.Groups["mode"].Value}", m.Groups["score"].Value.Replace(",", string.Empty, StringComparison.Ordinal) + " " + m.Groups["unit"].Value);
            }
            else if ((m = NamedStats().Match(line)).Success)
            {
                // "timeToInitialDisplayMs   min 498.2,   median 540.1,   max 601.2"
                var name = m.Groups["name"].Value;
                var unit = MillisName().IsMatch(name) ? " ms" : string.Empty;
                foreach (Match stat in Stat().Matches(line[m.Groups["name"].Length..]))
                {
                    Add(found, $"{name} {stat.Groups["s"].Value}", stat.Groups["v"].Value + unit);
                }
            }
            else if ((m = AssetSizeFirst().Match(line)).Success || (m = AssetPathFirst().Match(line)).Success)
            {
                // A bundler's list of emitted files: the name without its content hash ("main.3da67d08.js" → "main.js").
                Add(found, "size of " + ContentHash().Replace(m.Groups["path"].Value, string.Empty), m.Groups["size"].Value);
            }
            else if ((m = ProfileSummary().Match(line)).Success)
            {
                // cProfile/pstats: "22099009 function calls (21155989 primitive calls) in 118.964 seconds".
                Add(found, "function calls", m.Groups["calls"].Value + " calls");
                Add(found, "profiled run time", m.Groups["t"].Value + " s");
            }
            else if ((m = RubyBenchmark().Match(line)).Success)
            {
                // Ruby's Benchmark: "user system total ( real)", in seconds.
                var label = m.Groups["label"].Value.Trim();
                var prefix = label.Length > 0 ? label + " " : string.Empty;
                Add(found, prefix + "user+system", m.Groups["total"].Value + " s");
                Add(found, prefix + "wall clock", m.Groups["real"].Value + " s");
            }
            else if ((m = WrkThreadLatency().Match(line)).Success)
            {
                Add(found, "avg latency", m.Groups["v"].Value);
            }
            else if ((m = GoBenchmark().Match(line)).Success)
            {
                Add(found, $"Benchmark{m.Groups["name"].Value} time/op", m.Groups["ns"].Value + " ns");
                if (m.Groups["b"].Success)
                {
                    Add(found, $"Benchmark{m.Groups["name"].Value} B/op", m.Groups["b"].Value + " B");
                }
                if (m.Groups["a"].Success)
                {
                    Add(found, $"Benchmark{m.Groups["name"].Value} allocs/op", m.Groups["a"].Value + " allocs");
                }
            }
            else if ((m = Tqdm().Match(line)).Success)
            {
                // tqdm's progress line: "20000rows [00:16, 1184.45rows/s]", "100%|████| 500/500 [00:02<00:00, 210.5it/s]".
                AddClock(found, "elapsed", m.Groups["elapsed"].Value);
                Add(found, "rate", m.Groups["rate"].Value + " " + m.Groups["per"].Value + "/s");
            }
            else if ((m = GnuTime().Match(line)).Success)
            {
                // GNU time's default line: "5.20user 1.32system 0:05.86elapsed 111%CPU (0avgtext+0avgdata 12380maxresident)k".
                Add(found, "user time", m.Groups["user"].Value + " s");
                Add(found, "system time", m.Groups["sys"].Value + " s");
                AddClock(found, "elapsed", m.Groups["elapsed"].Value);
                if (m.Groups["rss"].Success)
                {
                    Add(found, "max resident", m.Groups["rss"].Value + " KB");
                }
            }
            else if ((m = PerfStat().Match(raw.TrimEnd())).Success)
            {
                // perf stat: "     4,870,432,049      cycles   #  1.32 insn per cycle", "1,234.56 msec task-clock".
                var unit = m.Groups["u"].Value switch { "msec" => " ms", "" => string.Empty, _ => " s" };
                Add(found, m.Groups["e"].Value, m.Groups["v"].Value.Replace(",", string.Empty, StringComparison.Ordinal) + unit);
            }
            else if ((m = K6Trend().Match(line)).Success)
            {
                var name = m.Groups["name"].Value;
                foreach (Match kv in K6Stat().Matches(m.Groups["rest"].Value))
                {
                    var stat = kv.Groups["k"].Value.Replace("(", string.Empty, StringComparison.Ordinal).Replace(")", string.Empty, StringComparison.Ordinal);
                    Add(found, $"{name} {stat}", kv.Groups["v"].Value);
                }
            }
            else if ((m = KeyValue().Match(line)).Success)
            {
                var key = m.Groups["k"].Value.Trim();
                var value = m.Groups["v"].Value;
                if (RateKey().IsMatch(key) && !Quantities.Find(value).Any())
                {
                    value += " req/s";
                }
                Add(found, key, value);
            }
        }
        return found;
    }

    /// <summary>
    /// One run printed as a table whose header gives the unit for every column: "Name (time in ms)   Min   Max   Mean …"
    /// (pytest-benchmark), "benchmark (µs)   median   p99". Each statistic column of each row is a metric.
    /// </summary>
    private static void HeaderUnitTable(string text, Dictionary<string, Quantity> found)
    {
        string[]? columns = null;
        var unit = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (UnitHeader().Match(line) is { Success: true } header)
            {
                columns = ColumnGap().Split(line);
                unit = Quantities.CanonicalUnit(header.Groups["u"].Value);
                continue;
            }
            if (columns is null || line.Trim('-', '=', '─', ' ').Length == 0)
            {
                continue;
            }
            var cells = ColumnGap().Split(line);
            if (cells.Length != columns.Length)
            {
                continue;
            }
            for (var i = 1; i < cells.Length; i++)
            {
                if (StatisticColumn().IsMatch(columns[i]) && Quantities.TryParseNumber(cells[i], out var value) && BareValue().IsMatch(cells[i]))
                {
                    found.TryAdd($"{cells[0]} {columns[i]}", new Quantity(value, unit, Quantities.FamilyOf(unit)));
                }
            }
        }
    }

    /// <summary>
    /// Comma-separated output, a header row over rows of numbers ("time,per. row/s,row total,overall row/s"): the last row's
    /// value of each column whose heading ends in a unit.
    /// </summary>
    private static void CsvTable(string text, Dictionary<string, Quantity> found)
    {
        string[]? header = null;
        string[]? last = null;
        foreach (var raw in text.Split('\n'))
        {
            var cells = raw.Trim().Split(',');
            if (cells.Length < 3)
            {
                continue;
            }
            if (cells.All(c => CsvHeading().IsMatch(c.Trim())))
            {
                (header, last) = (cells, null);
            }
            else if (header is not null && cells.Length == header.Length && cells.All(c => CsvNumber().IsMatch(c.Trim())))
            {
                last = cells;
            }
        }
        if (header is null || last is null)
        {
            return;
        }
        for (var i = 0; i < header.Length; i++)
        {
            var heading = header[i].Trim();
            var unit = heading.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].Trim('(', ')', '[', ']');
            if (Quantities.Find("1 " + unit).FirstOrDefault() is { Length: > 0 } u && u.Index == 0 && u.Length == unit.Length + 2 &&
                double.TryParse(last[i].Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                found.TryAdd(NormaliseKey(heading), new Quantity(value, u.Quantity.Unit, u.Quantity.Family));
            }
        }
    }

    [GeneratedRegex(@"^[\p{L}][\p{L}\p{N} ._/()%-]{0,40}$")]
    private static partial Regex CsvHeading();

    [GeneratedRegex(@"^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$")]
    private static partial Regex CsvNumber();

    /// <summary>Pairs two runs' metrics by name.</summary>
    public static IEnumerable<RawMeasurement> Pair(Dictionary<string, Quantity> before, Dictionary<string, Quantity> after)
    {
        foreach (var (name, b) in before)
        {
            if (after.TryGetValue(name, out var a) && (a.Family == b.Family || a.Family == UnitFamily.None || b.Family == UnitFamily.None))
            {
                yield return new RawMeasurement(name, b, a, name.StartsWith("Benchmark", StringComparison.Ordinal) ? MeasurementSource.GoBenchmark : MeasurementSource.ToolOutput);
            }
        }
    }

    /// <summary>
    /// One block holding both runs, each introduced by a short marker line: "Summary (before):" … "Summary (after):",
    /// "before:" … "after:", "# old" … "# new".
    /// </summary>
    public static IEnumerable<RawMeasurement> SegmentPairs(string text)
    {
        var before = new Dictionary<string, Quantity>(StringComparer.OrdinalIgnoreCase);
        var after = new Dictionary<string, Quantity>(StringComparer.OrdinalIgnoreCase);
        var side = Side.None;
        var segment = new System.Text.StringBuilder();
        void Flush()
        {
            if (side != Side.None && segment.Length > 0)
            {
                // Output no specific reader knows (a shell's `time` line): its quantities named by the words before them.
                var metrics = Metrics(segment.ToString());
                if (metrics.Count == 0)
                {
                    metrics = SidedQuantities.Generic(segment.ToString());
                }
                foreach (var (k, v) in metrics)
                {
                    (side == Side.Before ? before : after).TryAdd(k, v);
                }
            }
            segment.Clear();
        }
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length is > 0 and <= 60 && MarkerLine().IsMatch(line) && Sides.OfLeadIn(line) is var marked && marked != Side.None)
            {
                Flush();
                side = marked;
                continue;
            }
            segment.Append(raw).Append('\n');
        }
        Flush();
        return before.Count > 0 && after.Count > 0 ? Pair(before, after) : [];
    }

    /// <summary>
    /// Rows of one run whose names differ only by a side: a side word closing the name ("BenchmarkParse-4" and
    /// "BenchmarkParseNew-4", "encode_old" and "encode") or a side label in brackets after it ("Compress-8 (main)" and
    /// "Compress-8 (this PR)"). A plain name stands for the side its variant does not name.
    /// </summary>
    public static IEnumerable<RawMeasurement> VariantPairs(Dictionary<string, Quantity> run)
    {
        var variants = new Dictionary<string, List<(Side Side, Quantity Value)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in run)
        {
            if (Variant(name) is not var (plain, side))
            {
                continue;
            }
            if (!variants.TryGetValue(plain, out var list))
            {
                variants[plain] = list = [];
            }
            list.Add((side, value));
        }
        foreach (var (plain, list) in variants)
        {
            Quantity? before = null, after = null;
            if (list.Count == 2)
            {
                // Two labelled variants: one label that names its side is enough ("(currently)" beside "(this PR)").
                var first = Sides.OfFirstOfTwo(list[0].Side, list[1].Side);
                if (first == Side.Before)
                {
                    (before, after) = (list[0].Value, list[1].Value);
                }
                else if (first == Side.After)
                {
                    (before, after) = (list[1].Value, list[0].Value);
                }
            }
            else if (list.Count == 1 && list[0].Side != Side.None && run.TryGetValue(plain, out var other))
            {
                (before, after) = list[0].Side == Side.Before ? (list[0].Value, other) : (other, list[0].Value);
            }
            if (before is { } b && after is { } a && (a.Family == b.Family || a.Family == UnitFamily.None || b.Family == UnitFamily.None))
            {
                yield return new RawMeasurement(plain, b, a, MeasurementSource.ToolOutput);
            }
        }
    }

    /// <summary>The name without its side, and the side (None for a bracketed label that names none), when a row's name carries one.</summary>
    private static (string Plain, Side Side)? Variant(string name)
    {
        var m = BracketedVariant().Match(name);
        if (m.Success)
        {
            return (name.Remove(m.Index, m.Length).Trim(), Of(m.Groups["w"].Value));
        }
        m = VariantSuffix().Match(name);
        var side = m.Success ? Of(m.Groups["w"].Value) : Side.None;
        if (side == Side.None)
        {
            return null;
        }
        var at = m.Groups["sep"].Success ? m.Groups["sep"].Index : m.Groups["w"].Index;
        return (name.Remove(at, m.Groups["w"].Index + m.Groups["w"].Length - at), side);
    }

    private static Side Of(string label) => Sides.Of(label);

    /// <summary>
    /// Rows that carry their side in a parameter column, as JMH prints a <c>@Param</c>:
    /// "AggregatorBench.add  main  avgt  10  182.441 ± 3.102  ns/op" and the same row with "branch".
    /// </summary>
    public static IEnumerable<RawMeasurement> ParameterPairs(string text)
    {
        var before = new Dictionary<string, Quantity>(StringComparer.OrdinalIgnoreCase);
        var after = new Dictionary<string, Quantity>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split('\n'))
        {
            var m = Jmh().Match(raw.Trim());
            if (!m.Success || !m.Groups["param"].Success)
            {
                continue;
            }
            var side = Sides.Of(m.Groups["param"].Value);
            if (side == Side.None)
            {
                continue;
            }
            var key = $"{m.Groups["bench"].Value} {m.Groups["mode"].Value}";
            var value = Quantities.Find(m.Groups["score"].Value.Replace(",", string.Empty, StringComparison.Ordinal) + " " + m.Groups["unit"].Value).Select(f => f.Quantity).FirstOrDefault();
            if (value.Unit is null)
            {
                continue;
            }
            (side == Side.Before ? before : after).TryAdd(key, value);
        }
        return Pair(before, after);
    }

    /// <summary>"before: BenchmarkX-12 40 25356774 ns/op" and "after: ..." lines inside one block.</summary>
    public static IEnumerable<RawMeasurement> InlinePairs(string text)
    {
        var before = new Dictionary<string, Quantity>(StringComparer.OrdinalIgnoreCase);
        var after = new Dictionary<string, Quantity>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split('\n'))
        {
            var m = SideLine().Match(raw.Trim());
            if (!m.Success)
            {
                continue;
            }
            var target = Sides.Of(m.Groups["side"].Value) == Side.Before ? before : after;
            foreach (var (k, v) in Metrics(m.Groups["rest"].Value))
            {
                target.TryAdd(k, v);
            }
        }
        return Pair(before, after);
    }

    /// <summary>A duration printed on a clock ("0:05.86", "00:16"), in seconds; plain seconds ("5.86") as they are.</summary>
    private static void AddClock(Dictionary<string, Quantity> found, string key, string value)
    {
        if (Quantities.TryParseClock(value, out var seconds) || Quantities.TryParseNumber(value, out seconds))
        {
            found.TryAdd(NormaliseKey(key), new Quantity(seconds, "s", UnitFamily.Time));
        }
    }

    private static void Add(Dictionary<string, Quantity> found, string key, string value)
    {
        var q = Quantities.Find(value).Select(f => f.Quantity).FirstOrDefault();
        if (q.Unit is null || q.Unit.Length == 0)
        {
            if (!Quantities.TryParseNumber(NumberOnly().Match(value).Value, out var bare))
            {
                return;
            }
            q = new Quantity(bare, string.Empty, UnitFamily.None);
        }
        found.TryAdd(NormaliseKey(key), q);
    }

    private static string NormaliseKey(string key) => Spaces().Replace(key.Trim().TrimEnd(':').ToLowerInvariant(), " ");

    [GeneratedRegex(@"^(?:\d+%\|[^|]*\|\s*)?\d+(?:/\d+)?\s?[A-Za-z]*\s*\[(?<elapsed>\d+(?::\d+)+)(?:<[^,\]]*)?,\s*(?<rate>\d+(?:\.\d+)?)\s?(?<per>[A-Za-z]+)/s\]")]
    private static partial Regex Tqdm();

    [GeneratedRegex(@"^(?<user>\d+(?:\.\d+)?)user\s+(?<sys>\d+(?:\.\d+)?)system\s+(?<elapsed>(?:\d+:)*\d+(?:\.\d+)?)elapsed\s+\d+%CPU(?:\s+\(\d+avgtext\+\d+avgdata\s+(?<rss>\d+)maxresident\)k)?")]
    private static partial Regex GnuTime();

    // perf stat's counter lines: the value, an optional unit, the event, then a "#" note or a "( +- 0.5% )" spread. The
    // value is right-aligned and followed by a column gap, or a unit, which sets them apart from a count in prose.
    [GeneratedRegex(@"^\s*(?<v>\d[\d,]*(?:\.\d+)?)(?:\s+(?<u>msec|seconds|sec)\s+|\s{2,})(?<e>[a-z][\w:./-]*(?: (?:time elapsed|user|sys))?)(?:\s+#.*|\s+\(\s*\+-[^)]*\))?\s*$")]
    private static partial Regex PerfStat();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][\w.:-]*)\s+(?:min|median|mean|avg|average|max|p\d{2,3})[\s:=]+[\d.,]+")]
    private static partial Regex NamedStats();

    [GeneratedRegex(@"\b(?<s>min|median|mean|avg|average|max|p\d{2,3})[\s:=]+(?<v>[\d.,]+(?:\s?(?:ns|us|µs|ms|s)\b)?)")]
    private static partial Regex Stat();

    [GeneratedRegex(@"(?:Ms|_ms|Millis|Milliseconds)$")]
    private static partial Regex MillisName();

    [GeneratedRegex(@"^(?:(?<name>\S+)\s+)?(?<what>time|thrpt):\s+\[\s*[\d.]+\s?\S+\s+(?<mid>[\d.]+\s?[A-Za-zµ/]+)\s+[\d.]+\s?\S+\s*\]")]
    private static partial Regex Criterion();

    // "app.bin binary size 0x17d030 bytes", "heap size 0x2000 bytes": a size printed in hexadecimal, named by what precedes it.
    [GeneratedRegex(@"^(?<name>[\w./-]+(?:\s+[\w./-]+){0,3}?\s+size)\s+0x(?<hex>[0-9a-fA-F]{2,12})\s+bytes\b")]
    private static partial Regex HexSize();

    // JMH: "Benchmark  [param]  Mode  Cnt  Score  Error  Units".
    [GeneratedRegex(@"^(?<bench>[A-Za-z_][\w.$:·-]*)\s+(?:(?<param>[A-Za-z][\w.-]*)\s+)?(?<mode>thrpt|avgt|sample|ss)\s+(?:\d+\s+)?(?<score>[\d,]+(?:\.\d+)?)\s+(?:±\s+[\d,.]+\s+)?(?<unit>[A-Za-z/%µ]+(?:/[A-Za-z]+)?)\s*$")]
    private static partial Regex Jmh();

    [GeneratedRegex(@"^(?<p>50|75|90|95|99|99\.9|99\.99)\s?%\s+in\s+(?<v>[\d.]+\s?(?:ns|us|µs|ms|s|secs?))\b")]
    private static partial Regex PercentileIn();

    // A short line that only introduces what follows: ends with ':' or is wrapped in markers (# old, --- after ---).
    [GeneratedRegex(@"^(?:[#=*-]+\s*)?[^:]{0,50}(?::|\s*[#=*-]+)?$|^[^:]{0,50}:$")]
    private static partial Regex MarkerLine();

    [GeneratedRegex(@"^(?<p>50|75|90|95|99|99\.9|99\.99)%\s+(?<v>[\d.]+\s?\w+)")]
    private static partial Regex Percentile();

    private const string AssetPath = @"(?<path>[\w@~./-]*[\w-]\.(?:js|mjs|cjs|css|wasm|html|json|svg|png|woff2?))";

    private const string AssetSize = @"(?<size>\d[\d.,]*\s?(?:[KMG]i?B|kB|B|bytes))";

    [GeneratedRegex(@"^" + AssetSize + @"(?:\s+\([+\-−][^)]*\))?\s+" + AssetPath + @"\s*$")]
    private static partial Regex AssetSizeFirst();

    [GeneratedRegex(@"^(?:asset\s+)?" + AssetPath + @"\s+" + AssetSize + @"(?:\s|$)")]
    private static partial Regex AssetPathFirst();

    // A content hash inside a file name: "main.b6dd3422.js", "bundle-10fc6618b1f1cba99ec1.js".
    [GeneratedRegex(@"(?<=[.-])[0-9a-f]{8,}(?=\.)|[.-][0-9a-f]{8,}(?=\.)")]
    private static partial Regex ContentHash();

    [GeneratedRegex(@"^(?<calls>\d+) function calls(?: \(\d+ primitive calls\))? in (?<t>\d+(?:\.\d+)?) seconds")]
    private static partial Regex ProfileSummary();

    [GeneratedRegex(@"^(?<label>[A-Za-z][\w :.-]{0,40}?)?\s*\d+\.\d+\s+\d+\.\d+\s+(?<total>\d+\.\d+)\s+\(\s*(?<real>\d+\.\d+)\s*\)\s*$")]
    private static partial Regex RubyBenchmark();

    [GeneratedRegex(@"^Latency\s+(?<v>[\d.]+\s?(?:ns|us|µs|ms|s))\s+[\d.]+", RegexOptions.IgnoreCase)]
    private static partial Regex WrkThreadLatency();

    // A side word closing a name, glued on or after "_"/"-", before a "-4" processor suffix or the metric. Metric names
    // are compared without case, so the plain name must be a row of the same run for the pair to count.
    [GeneratedRegex(@"^\S*?[a-z0-9](?<sep>[_-])?(?<w>new|old|optimi[sz]ed|baseline|before|after|legacy|original)(?=-\d+\b|\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex VariantSuffix();

    // A side label in brackets right after a row's name: "BenchmarkCompress-8 (this PR)".
    [GeneratedRegex(@"(?<=\S)\s*\((?<w>[^()\n]{1,30})\)(?=\s|$)")]
    private static partial Regex BracketedVariant();

    [GeneratedRegex(@"Benchmark(?<name>\S+(?:\s\([^()\n]{1,30}\))?)\s+\d+\s+(?<ns>[\d.]+)\s+ns/op(?:\s+(?<b>[\d.]+)\s+B/op)?(?:\s+(?<a>\d+)\s+allocs/op)?")]
    private static partial Regex GoBenchmark();

    [GeneratedRegex(@"^[✓✗]?\s*(?<name>http_req_duration|iteration_duration|http_req_waiting|http_reqs|http_req_failed|checks)[.\s]*:\s*(?<rest>.+)$")]
    private static partial Regex K6Trend();

    [GeneratedRegex(@"(?<k>avg|min|med|max|p\(\d+(?:\.\d+)?\))=(?<v>[\d.]+\s?\w+)")]
    private static partial Regex K6Stat();

    // "Latency avg: 81 ms", and "Avg Build = 0.71" (an equals sign set apart by spaces, unlike a setting "x=5").
    [GeneratedRegex(@"^(?<k>[A-Za-z][\w /().-]{1,40}?)(?:\s*:\s+|\s+=\s*)(?<v>[\d.,]+\s?[A-Za-zµμ%/]*)(?:\s|\[|$)")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"^(?:requests/sec|requests per second|req/s|rps|throughput)$", RegexOptions.IgnoreCase)]
    private static partial Regex RateKey();

    [GeneratedRegex(@"^(?<side>before|after|old|new|baseline|base|main|master|patched|pr|branch)\s*[:=]\s*(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SideLine();

    [GeneratedRegex(@"^\S.{0,60}?\((?:time in |in )?(?<u>ns|us|µs|ms|s|KiB|MiB|KB|MB)\)(?:\s{2,}\S+){2,}$")]
    private static partial Regex UnitHeader();

    [GeneratedRegex(@"^(?:min|max|mean|median|avg|average|p\d{2,3})$", RegexOptions.IgnoreCase)]
    private static partial Regex StatisticColumn();

    [GeneratedRegex(@"^[\d,]+(?:\.\d+)?$")]
    private static partial Regex BareValue();

    [GeneratedRegex(@"\s{2,}|\t+")]
    private static partial Regex ColumnGap();

    [GeneratedRegex(@"[\d.,]+")]
    private static partial Regex NumberOnly();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>Which side of a comparison a label names: "before"/"old"/"baseline" or "after"/"new"/"with this PR".</summary>
internal enum Side
{
    None,
    Before,
    After,
}

internal static partial class Sides
{
    /// <summary>
    /// A short text that is nothing but a side label: "Before", "After:", "**With the index**". An aside in brackets
    /// says how the side was measured and is not part of the label: "Baseline (five runs, averaged):".
    /// </summary>
    public static Side OfBareLabel(string text)
    {
        var t = WithoutAsides(text).Trim();
        return t.Length is > 0 and <= 40 && !Cues.HasDigit(t) && t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4 ? Of(t) : Side.None;
    }

    /// <summary>A label that names this very change: "This PR", "trunk plus this patch" (not "before this PR").</summary>
    public static bool NamesThisChange(string label)
    {
        var t = SectionAliases.Normalise(label);
        return ThisChange().IsMatch(t) && !NotThisChange().IsMatch(t);
    }

    /// <summary>The side of the first of two values of one thing: known and opposite to the second's (one known is enough).</summary>
    public static Side OfFirstOfTwo(Side first, Side second)
    {
        if (first == Side.None)
        {
            first = second switch { Side.After => Side.Before, Side.Before => Side.After, _ => Side.None };
        }
        return second != Side.None && second == first ? Side.None : first;
    }

    public static Side Of(string label)
    {
        // A link in a label ("Before https://…/pull/77") names where, not which side; its words do not count.
        var t = SectionAliases.Normalise(label.Contains("://", StringComparison.Ordinal) ? WithoutLinks(label) : label);
        if (t.Length == 0 || t.Split(' ').Length > 8)
        {
            return Side.None;
        }
        if (BeforeLead().IsMatch(t) || ForeignBefore().IsMatch(label))
        {
            // "trunk plus this patch": a place named first, then this change on it, is the after side ("before this
            // PR" and "main without this patch" stay before).
            return ThisChange().IsMatch(t) && !NotThisChange().IsMatch(t) ? Side.After : Side.Before;
        }
        if (AfterLead().IsMatch(t) || ForeignAfter().IsMatch(label))
        {
            return Side.After;
        }
        return OfState(label);
    }

    /// <summary>
    /// The side a list line names with words anywhere outside its numbers and links: "`app.js`: 1.48 MiB before",
    /// "**70 minutes** with cache: https://ci/…". None when it names both sides or neither.
    /// </summary>
    public static Side InLine(string line)
    {
        var words = Sentences.Plain(WithoutLinks(line));
        var before = LineBefore().IsMatch(words);
        var after = LineAfter().IsMatch(words);
        return before == after ? Side.None : before ? Side.Before : Side.After;
    }

    /// <summary>The text with its bare links blanked out, so their digits and words name no side or quantity.</summary>
    public static string WithoutLinks(string text) => Url().Replace(text, " ");

    /// <summary>The text with its parenthesised asides blanked out ("`jit=on` (cold)" → "`jit=on`").</summary>
    public static string WithoutAsides(string text) => Parenthesised().Replace(text, " ");

    /// <summary>
    /// A label that names one state of a switch: "`jit=off` (cold)", "Cache disabled", "YJIT on". Off reads as before,
    /// on as after; <see cref="BeforeAfterItem"/> turns the pair round when the change is the one that switches off.
    /// </summary>
    public static Side OfState(string label)
    {
        var plain = WithoutAsides(Sentences.Plain(label)).Trim().TrimEnd(StateLabelEnds);
        var m = (FastPaths.On ? StateLabelLinear() : StateLabel()).Match(plain);
        if (!m.Success)
        {
            return Side.None;
        }
        return OffWord().IsMatch(m.Groups["s"].Value) ? Side.Before : Side.After;
    }

    /// <summary>
    /// A lead-in that names both sides in order, "main vs. change:", "old → new", "baseline against this branch": the
    /// side of the first (null when it does not name two opposite sides).
    /// </summary>
    public static Side? OfPairLeadIn(string leadIn)
    {
        var m = PairLeadIn().Match(Sentences.Plain(leadIn).Trim().Trim(CaptionTrim));
        if (!m.Success)
        {
            return null;
        }
        var first = OfBareLabel(m.Groups["a"].Value);
        var second = OfBareLabel(m.Groups["b"].Value);
        var side = OfFirstOfTwo(first, second);
        return side == Side.None ? null : side;
    }

    /// <summary>
    /// The side the text introducing a block names in its last clause: "Plan on the replica before the change:",
    /// "Same tenant, same replica, after:", "Summary (before):".
    /// </summary>
    public static Side OfLeadIn(string leadIn)
    {
        leadIn = Sentences.Plain(leadIn);
        // "From" over the old output and "To" over the new, each alone on the last line before its block.
        switch (leadIn.Trim().Split('\n')[^1].Trim().TrimEnd(':', '：').Trim('*', '_', ' ').ToLowerInvariant())
        {
            case "from":
                return Side.Before;
            case "to":
                return Side.After;
        }
        var direct = Of(leadIn);
        if (direct != Side.None)
        {
            return direct;
        }
        var clause = LastClause().Match(leadIn.Trim()).Value;
        // "Assembling map_data.asm, old build:" — a short label after the last comma names the side.
        // "and with it:", "then without the cache:": a connective before the label does not change the side.
        var segment = Connective().Replace(clause.Split(ClauseSeparators, StringSplitOptions.TrimEntries)[^1].TrimEnd(LabelEnds), string.Empty);
        if (segment.Length > 0 && segment.Length < clause.Trim().TrimEnd(Colons).Length && Of(segment) is var labelled and not Side.None)
        {
            return labelled;
        }
        // "main, three runs:" — or a short label before the first comma.
        var first = clause.Split(ClauseSeparators, StringSplitOptions.TrimEntries)[0].TrimEnd(LabelEnds);
        if (first.Length > 0 && first.Split(' ').Length <= 3 && first.Length < clause.Trim().TrimEnd(Colons).Length && Of(first) is var leading and not Side.None)
        {
            return leading;
        }
        var before = BeforeWord().IsMatch(clause) || ForeignBefore().IsMatch(clause);
        var after = AfterWord().IsMatch(clause) || ForeignAfter().IsMatch(clause);
        return before == after ? Side.None : before ? Side.Before : Side.After;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bthis (?:pr|patch|change|branch|fix|commit)\b")]
    private static partial System.Text.RegularExpressions.Regex ThisChange();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:before|without|prior to|pre|until|up to|minus|excluding|vs|versus|against)\s+(?:\w+\s+)?this\b|\bthis (?:pr|patch|change|branch|fix|commit) (?:reverted|removed|off)\b")]
    private static partial System.Text.RegularExpressions.Regex NotThisChange();

    private static readonly char[] CaptionTrim = ['*', '_', ':', '：', ' '];

    // Two short labels joined by "vs", "versus", "against" or an arrow, and nothing else.
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<a>[^\n:]{1,30}?)\s+(?:vs\.?|versus|against|→|->|=>)\s+(?<b>[^\n:]{1,30})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PairLeadIn();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:" + PrReviewBot.Core.Vocabulary.SideWords.BeforeLabel + @")\b")]
    private static partial System.Text.RegularExpressions.Regex BeforeLead();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:" + PrReviewBot.Core.Vocabulary.SideWords.AfterLabel + @")\b")]
    private static partial System.Text.RegularExpressions.Regex AfterLead();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:" + PrReviewBot.Core.Vocabulary.SideWords.BeforeForeign + ")")]
    private static partial System.Text.RegularExpressions.Regex ForeignBefore();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:" + PrReviewBot.Core.Vocabulary.SideWords.AfterForeign + ")")]
    private static partial System.Text.RegularExpressions.Regex ForeignAfter();

    // A subject of one to four words (or a key), then its state: "cache disabled", "jit=off", "YJIT on", "with cache".
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?:[\p{L}\p{N}_.\-/]+\s*){1,4}(?:=\s*|\s)(?<s>" + PrReviewBot.Core.Vocabulary.SideWords.OffState + "|" + PrReviewBot.Core.Vocabulary.SideWords.OnState + @")|(?<s>with|without)\s+(?:the\s+)?[\p{L}\p{N}_.\-]+(?:\s+[\p{L}\p{N}_.\-]+)?)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex StateLabel();

    // StateLabel with its subject written so it cannot backtrack: "1 to 4 runs of name characters, each followed by optional
    // space" matches exactly the texts "a run, then up to 3 more after space, then optional space" does, but a failing
    // match over a long run tried every way of cutting it into four (FastPaths; the same answer on every text).
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:[\p{L}\p{N}_.\-/]+(?:\s+[\p{L}\p{N}_.\-/]+){0,3}\s*(?:=\s*|\s)(?<s>" + PrReviewBot.Core.Vocabulary.SideWords.OffState + "|" + PrReviewBot.Core.Vocabulary.SideWords.OnState + @")|(?<s>with|without)\s+(?:the\s+)?[\p{L}\p{N}_.\-]+(?:\s+[\p{L}\p{N}_.\-]+)?)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex StateLabelLinear();

    private static readonly char[] StateLabelEnds = [':', '：', '.', ' '];

    // OfLeadIn's separators and trim characters, built once (a char[] written in the call is a new array each time).
    private static readonly char[] ClauseSeparators = [',', ';', '—', '–'];
    private static readonly char[] LabelEnds = [':', '：', ' '];
    private static readonly char[] Colons = [':', '：'];

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:" + PrReviewBot.Core.Vocabulary.SideWords.OffState + ")$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex OffWord();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:before|previously|without|initial(?:ly)?|original(?:ly)?|baseline|unoptimi[sz]ed)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex LineBefore();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:after|now|with|optimi[sz]ed|patched)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex LineAfter();

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://\S+")]
    private static partial System.Text.RegularExpressions.Regex Url();

    [System.Text.RegularExpressions.GeneratedRegex(@"\([^()]*\)")]
    private static partial System.Text.RegularExpressions.Regex Parenthesised();

    [System.Text.RegularExpressions.GeneratedRegex(@"[^.!?\n]{0,120}$")]
    private static partial System.Text.RegularExpressions.Regex LastClause();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:and|but|then|so|also|while|and then|here(?:'s| is)?)\s+", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Connective();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:before|baseline|old binary|on main|on master|" + PrReviewBot.Core.Vocabulary.SideWords.CurrentState + @")\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex BeforeWord();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:after(?:wards?)?|with (?:this|the) (?:pr|change|patch|fix)|on this branch|patched)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AfterWord();
}
