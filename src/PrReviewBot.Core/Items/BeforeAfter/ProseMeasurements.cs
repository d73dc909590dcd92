using System.Text.RegularExpressions;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Items.BeforeAfter;

/// <summary>
/// Reads before/after pairs written in sentences: "240ms → 80ms", "from 240 ms to 80 ms", "0.5 s now, down from
/// 3 s", "27 queries before, 9 after". Estimates ("expected ~20m → ~12m") and relative claims ("33% faster") are not
/// measurements; at least one side must carry a unit.
/// </summary>
internal static partial class ProseMeasurements
{
    // "~2500–3000 req/s", "[60-80]ms": a range reads as its midpoint.
    private const string Q1 = @"(?<n1>" + Num + @")(?:\s?[-–]\s?~?(?<r1>\d[\d,]*(?:\.\d+)?)(?![\d-])\]?)?(?:\s?(?<u1>" + Quantities.UnitPattern + @")(?:\s?(?<c1>\d+(?:\.\d+)?)\s?(?:s|sec|seconds)\b)?)?(?!(?!" + Quantities.CjkLetter + @")[\w/])";
    private const string Q2 = @"(?<n2>" + Num + @")(?:\s?[-–]\s?~?(?<r2>\d[\d,]*(?:\.\d+)?)(?![\d-])\]?)?(?:\s?(?<u2>" + Quantities.UnitPattern + @")(?:\s?(?<c2>\d+(?:\.\d+)?)\s?(?:s|sec|seconds)\b)?)?(?!(?!" + Quantities.CjkLetter + @")[\w/])";
    private const string Num = @"(?<![\w.#/])(?<![A-Za-z_]-)~?\d[\d,]*(?:\.\d+)?(?:\s?[kKM](?![a-zA-Z]))?";
    // "about 2 s", "~2 s", and a bound as a result: "to <1 min", "to under 1 min".
    // "from over 4 mins", "to just under 2 s", "from a 400ms task"; Italian, French and German "about" too.
    private const string Approx = @"(?:(?:an?\s+)?(?:" + Units.Approximately + @"|just over|just under|over|more than|above|under|below|less than|circa|ca\.|environ|etwa|<|≤)\s*|an?\s+(?=~?\d))?";







    public static IEnumerable<RawMeasurement> Read(string sentence, bool inResultsSection)
    {
        var text = Sentences.Plain(sentence);
        if (!Cues.MayMeasure(text))
        {
            return [];
        }
        var found = new List<RawMeasurement>();
        var taken = new List<(int Start, int End)>();
        // Plain counts need a metric word, or a verb that reports a measured value changing ("Ir goes from 83,899,615,313 to …").
        // Small plain numbers after such a verb are settings ("WEB_CONCURRENCY goes from 4 to 3"), so those must be large.
        var metricWord = MetricWord().IsMatch(text);
        Collect(Arrow(), text, found, taken, swap: false, allowBareCounts: metricWord || MetricLabel().IsMatch(text));
        // "`benchLookups` goes from 6.07 to 2.73, so 2.2x better": a ratio of the result says small plain numbers were measured.
        var ratio = ReportedChange().IsMatch(text) && ResultRatio().IsMatch(text);
        Collect(FromTo(), text, found, taken, swap: false, allowBareCounts: metricWord || ReportedChange().IsMatch(text), smallestBareCount: metricWord || ratio ? 0 : 1_000);
        if (ReportedValue().IsMatch(text))
        {
            // "a full run now takes 5 minutes instead of 12".
            Collect(InsteadOf(), text, found, taken, swap: false);
        }
        Collect(DownFrom(), text, found, taken, swap: false);
        Collect(WasAfter(), text, found, taken, swap: false);
        if (text.Contains('(', StringComparison.Ordinal))
        {
            // Both are asked only where their brackets are: like the other patterns built on a figure with its unit,
            // they are too large for the JIT to optimize, so a sentence without brackets is not run through them.
            Collect(WasAside(), text, found, taken, swap: false);
            if (text.Contains(" vs", StringComparison.OrdinalIgnoreCase) || text.Contains("versus", StringComparison.OrdinalIgnoreCase) ||
                text.Contains("against", StringComparison.OrdinalIgnoreCase))
            {
                Collect(ClaimVersus(), text, found, taken, swap: false);
            }
        }
        Collect(ToFrom(), text, found, taken, swap: false);
        Collect(ForeignFromTo(), text, found, taken, swap: false, allowBareCounts: MetricWord().IsMatch(text));
        Collect(BeforeAfterWords(), text, found, taken, swap: false);
        Collect(TrailingSides(), text, found, taken, swap: false);
        if (inResultsSection)
        {
            Collect(Versus(), text, found, taken, swap: false);
        }
        return found;
    }

    /// <summary>A "Before — 27 queries" / "After — 9 queries" pair written as two separate blocks.</summary>
    public static RawMeasurement? FromLabelledBlocks(string before, string after)
    {
        var b = Quantities.Find(Sentences.Plain(before)).Select(f => f.Quantity).FirstOrDefault();
        var a = Quantities.Find(Sentences.Plain(after)).Select(f => f.Quantity).FirstOrDefault();
        if (b.Unit is null || a.Unit is null || b.Family != a.Family || b.Family == UnitFamily.None)
        {
            return null;
        }
        return new RawMeasurement(b.Unit, b, a, MeasurementSource.Prose);
    }

    private static void Collect(Regex regex, string text, List<RawMeasurement> found, List<(int Start, int End)> taken, bool swap, bool allowBareCounts = false, double smallestBareCount = 0)
    {
        foreach (Match m in regex.Matches(text))
        {
            if (taken.Any(t => m.Index < t.End && t.Start < m.Index + m.Length))
            {
                continue;
            }
            var lead = text[..m.Index];
            if (Estimate().IsMatch(lead) || IdentifierBefore().IsMatch(lead))
            {
                continue;
            }
            if (!TryQuantity(m, "1", out var q1) || !TryQuantity(m, "2", out var q2))
            {
                continue;
            }
            // Share a unit written on one side only ("8.4M -> 108K rows", "1.5s -> 350ms").
            if (q1.Family == UnitFamily.None && q2.Family != UnitFamily.None)
            {
                q1 = new Quantity(q1.Value, q2.Unit, q2.Family);
            }
            else if (q2.Family == UnitFamily.None && q1.Family != UnitFamily.None)
            {
                q2 = new Quantity(q2.Value, q1.Unit, q1.Family);
            }
            // Bare counts ("hitches per session: 14 → 2") count only where the author reports results, not in passing.
            var bareCounts = q1.Family == UnitFamily.None && q2.Family == UnitFamily.None && allowBareCounts &&
                             Math.Min(Math.Abs(q1.Value), Math.Abs(q2.Value)) >= smallestBareCount;
            if (!bareCounts && (q1.Family == UnitFamily.None || q1.Family != q2.Family))
            {
                continue;
            }
            var metric = MetricBefore(lead);
            if (SettingNoun().IsMatch(metric) || SettingSubject().IsMatch(SentenceTail().Match(lead).Value))
            {
                // "shrank the batch from 1000 to 100", "concurrency goes from 4 to 3": a setting changed, not a result.
                continue;
            }
            taken.Add((m.Index, m.Index + m.Length));
            found.Add(swap
                ? new RawMeasurement(metric, q2, q1, MeasurementSource.Prose)
                : new RawMeasurement(metric, q1, q2, MeasurementSource.Prose));
        }
    }

    private static bool TryQuantity(Match m, string side, out Quantity quantity)
    {
        quantity = default;
        var n = m.Groups["n" + side];
        if (!Quantities.TryParseNumber(n.Value, out var value))
        {
            return false;
        }
        // "200-250 MB/s": a range reads as its midpoint.
        if (m.Groups["r" + side] is { Success: true } upper && Quantities.TryParseNumber(upper.Value, out var high) && high > value)
        {
            value = (value + high) / 2;
        }
        var unitGroup = m.Groups["u" + side];
        if (!unitGroup.Success)
        {
            quantity = new Quantity(value, string.Empty, UnitFamily.None);
            return true;
        }
        var unit = Quantities.CanonicalUnit(unitGroup.Value);
        var family = Quantities.FamilyOf(unit);
        var extra = m.Groups["c" + side];
        if (extra.Success && family == UnitFamily.Time && unit is "min" or "m" && double.TryParse(extra.Value, System.Globalization.CultureInfo.InvariantCulture, out var secs))
        {
            value += secs / 60;
        }
        // A lone "m", "s" or "x" after a bare count is too ambiguous unless the other side agrees.
        quantity = new Quantity(value, unit, family);
        return true;
    }

    private static string MetricBefore(string lead)
    {
        var clause = ClauseTail().Match(Sides.WithoutAsides(lead)).Value;
        clause = TrailingNumber().Replace(clause, " ");
        clause = Verbs().Replace(clause, " ");
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.TakeLast(5)).Trim(' ', ':', ',', '(', '-', '—');
    }

    [GeneratedRegex(Q1 + @"(?:\s*(?:before|previously|baseline|on main|on master))?\s*(?:→|->|➜|=>|⟶|➔|—>|-->|⇒|➡️?)\s*" + Approx + Q2, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Arrow();

    // "from 240 ms to 80 ms", "from ~12 minutes (last main build: <link>) to ~9 minutes", "from a 400 ms task to 150 ms".
    // "from ~750ms on master to ~350ms on the branch": where each number was measured may sit after it.
    [GeneratedRegex(@"\bfrom\s+" + Approx + Q1 + @"(?:\s*\([^()\n]{1,160}\))?(?:\s+(?!to\b|down\b|up\b|on\b|in\b|with\b|at\b)[a-z]{3,12}(?=\s+(?:down |up )?to\s))?(?:\s+" + SidePlace + @")?\s+(?:down |up )?to\s+" + Approx + Q2, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromTo();

    [GeneratedRegex(Q2 + @"\s+(?:instead of|rather than|compared to|compared with)\s+" + Approx + Q1, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InsteadOf();

    [GeneratedRegex(@"\b" + Improvement.RatioResult, RegexOptions.IgnoreCase)]
    private static partial Regex ResultRatio();

    // A measured value that changed, told by an intransitive verb: the metric "goes from", "dropped from", "fell from".
    [GeneratedRegex(@"\b(?:goes|went|gone|drops?|dropped|falls?|fell|shrinks?|shrank|grows?|grew|rises?|rose|climbs?|climbed|improves?|improved)\s+(?:\w+\s+)?from\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReportedChange();

    // A sentence that reports what something takes or costs now, not what it is set to.
    [GeneratedRegex(@"\b(?:now|takes?|took|runs? in|ran in|finish(?:es)? in|completes? in|costs?|lasts?|peaks?(?: at)?|peaked(?: at)?|uses?|used|consumes?|consumed|sits? at|tops? out at|topped out at)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReportedValue();

    [GeneratedRegex(Q2 + @"(?:\s+now)?,?\s+(?:down|up)\s+from\s+" + Approx + Q1, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DownFrom();

    [GeneratedRegex(@"\bbefore\b[\s:—–-]*" + Approx + Q1 + @"[^.;\n]{0,60}?\bafter\b[\s:—–-]*" + Approx + Q2, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BeforeAfterWords();

    [GeneratedRegex(Q1 + @"\s+(?:before|previously)\s*(?:,|and|;|vs\.?)\s*" + Approx + Q2 + @"\s+(?:after|now|with (?:this|the) (?:pr|change|patch))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingSides();

    [GeneratedRegex(Q1 + @"(?:\s+[A-Za-z][\w -]{0,40}?)?\s+(?:vs\.?|versus)\s+" + Approx + Q2, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Versus();

    [GeneratedRegex(@"\b(?:" + SideWords.Expectation + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex Estimate();

    // Part numbers, versions and issue ids are not measurements: "#123 →", "v1.2 →".
    [GeneratedRegex(@"(?:#|\bv|\d\.\d+\.)$", RegexOptions.IgnoreCase)]
    private static partial Regex IdentifierBefore();

    // "14.6 s (was 41.2 s)", "LCP 2.1 s, previously 4.3 s", "1.4Gi (down from 2.1Gi)".
    [GeneratedRegex(Q2 + @"\s*(?:\(|,|;|—|–)\s*(?:was|previously|prev\.?|before:?|down from|up from|from|vs\.?\s+(?:before|main|baseline))\s+" + Approx + Q1 + @"\s*\)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WasAfter();

    // "about 880 ms with the lazy imports (it was ~935 ms)": the old value in brackets a few words after the new one.
    [GeneratedRegex(Q2 + @"[^().;\n\d]{1,60}?\(\s*(?:(?:it|that|this|which)\s+)?(?:was|used to be|had been|previously)\s+" + Approx + Q1 + @"\s*\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WasAside();

    // "25% less memory (14 GB vs 22 GB)": figures after a comparative claim name the side it claims first, then the other.
    [GeneratedRegex(@"\b(?:less|fewer|lower|smaller|faster|quicker|higher|more|better|larger|bigger)\b[^().;\n]{0,40}\(\s*" + Approx + Q2 + @"\s+(?:vs\.?|versus|against)\s+" + Approx + Q1 + @"\s*\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClaimVersus();

    // "p95 went down to 180 ms from 420 ms".
    [GeneratedRegex(@"\bto\s+" + Approx + Q2 + @"\s+from\s+" + Approx + Q1, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ToFrom();

    // "从 86ms 降到 31ms", "쿼리를 40개에서 6개로", "86ms から 31ms に", "von 86 ms auf 31 ms", "de 86 ms à 31 ms",
    // "de 86 ms para 31 ms", "da 86 ms a 31 ms".
    [GeneratedRegex(@"(?:从|從)\s*" + Q1 + @"\s*(?:降到|降至|降低到|降低至|减少到|减少至|下降到|下降至|缩短到|缩短至|提升到|提升至|提高到|提高至|增加到|增加至|上升到|上升至|变为|变成|到|至)了?\s*" + Q2 + @"|" + Q1 + @"\s*(?:개|件|個|回|건|번)?\s*(?:에서|から)\s*(?:約\s*)?" + Q2 + @"\s*(?:개|件|個|回|건|번)?\s*(?:으로|로|に|へ|まで)" +
        @"|\b(?:von|de|del|desde|da|dal|dai|dalle|dagli)\s+" + Approx + Q1 + @"\s+(?:auf|à|a|al|ai|alle|agli|para|hasta|bis)\s+" + Approx + Q2, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForeignFromTo();

    // Performance metrics whose values are plain counts: "QPS 从 12.1k 提升到 19.4k", "queries: 101 → 3".
    [GeneratedRegex(@"\b(?:p\d{2,3}|qps|rps|tps|ops|throughput|latency|queries|query count|calls|requests|round ?trips|allocations|allocs|gc|frames?|fps|hitches|draw calls|score|lighthouse|pagespeed|misses|hits|retries|errors|rows scanned|cache misses|statements|sql|wake-?ups|syscalls|system calls)\b|クエリ|件数|回数|次数|条数|查询|请求|调用|쿼리|호출", RegexOptions.IgnoreCase)]
    private static partial Regex MetricWord();

    // "hitches per scroll session: 14 → 2": a labelled list line of results.
    [GeneratedRegex(@"^\s*[\p{L}\p{N}][\p{L}\p{N} /()（）%._-]{1,60}[:：]\s*~?\d")]
    private static partial Regex MetricLabel();


    private const string SidePlace = @"(?:on|in|with|at)\s+(?:the\s+|this\s+|current\s+)?(?:" + SideWords.Places + @")\b";

    [GeneratedRegex(@"(?<!\w)[\d.,]+\s?[-–~]*\s*$")]
    private static partial Regex TrailingNumber();

    [GeneratedRegex(@"[^.;:!?\n(]*$")]
    private static partial Regex ClauseTail();

    [GeneratedRegex(@"\b(?:goes|go|went|gone|drops?|dropped|falls?|fell|improves?|improved|reduced?|reduces|decreased?|increased?|rises?|rose|grew|grows|is|was|were|are|from|now|down|up|has|have|had|cut|cuts|roughly|about|around)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Verbs();

    // The clause's subject is a default or an alert threshold: "the default for `linger.ms` goes from 0 to 5 ms",
    // "the latency alert was moved from 1.5 s to 2 s". "With the default settings, p95 went from …" is a result.
    [GeneratedRegex(@"\bdefaults?\b(?!\s+(?:settings?|config\w*|options?|values?|build|run|setup|install\w*)\b)|\b(?:alerts?|alerting|thresholds?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SettingSubject();

    // The current sentence so far: a full stop ends a sentence only before a space, so `linger.ms` stays whole.
    [GeneratedRegex(@"(?:^|[.;!?](?=\s)|[:\n])(?<tail>[^.;!?:\n]*(?:\.(?!\s)[^.;!?:\n]*)*)$")]
    private static partial Regex SentenceTail();

    // What a change configures rather than measures, as the last word before the numbers.
    [GeneratedRegex(@"\b(?:batch(?:es)?|batch size|timeouts?|ttls?|intervals?|concurrency|workers?|threads?|replicas?|shards?|partitions?|pool size|buffer size|buffers?|limits?|retries|version|_?[A-Z][A-Z0-9]*_[A-Z0-9_]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SettingNoun();
}
