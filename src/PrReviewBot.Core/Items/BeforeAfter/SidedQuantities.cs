using System.Text;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Items.BeforeAfter;

/// <summary>
/// Before/after pairs whatever the layout: each quantity takes the side of the cue next to it ("used to eat 14.5% …
/// down to 4%", "old: 20 s / new: 13 s", a "before" row of a text table), and a before and an after quantity of the
/// same dimension make a measurement. Quantities that configure something (a timeout, a TTL, a default) or that are
/// goals or estimates are not measurements.
/// </summary>
internal static partial class SidedQuantities
{
    private const int CueReach = 40;

    /// <summary>A sentence (or two adjacent ones) with a quantity after a before cue and one after an after cue.</summary>
    public static RawMeasurement? InProse(string text)
    {
        if (!Cues.HasDigit(text))
        {
            return null;
        }
        var cues = new List<(int Start, int End, Side Side)>();
        foreach (Match m in BeforeCue().Matches(text))
        {
            cues.Add((m.Index, m.Index + m.Length, Side.Before));
        }
        foreach (Match m in AfterCue().Matches(text))
        {
            cues.Add((m.Index, m.Index + m.Length, Side.After));
        }
        if (!cues.Any(c => c.Side == Side.Before) || !cues.Any(c => c.Side == Side.After))
        {
            return null;
        }
        var quantities = Quantities.Find(text).Where(q => q.Quantity.Family is not UnitFamily.None and not UnitFamily.Ratio).ToList();
        if (quantities.Count < 2)
        {
            return null;
        }
        var sided = new List<(Quantity Q, int Index, Side Side)>();
        for (var i = 0; i < quantities.Count; i++)
        {
            var (q, index, length) = quantities[i];
            var previousEnd = i > 0 ? quantities[i - 1].Index + quantities[i - 1].Length : 0;
            var lead = text[previousEnd..index];
            if (Configures().IsMatch(lead) || Goal().IsMatch(lead) || Configures().IsMatch(Following(text, index + length)))
            {
                continue;
            }
            // The cue closest before the quantity, with no other quantity in between; else one right after it ("80 ms now").
            var cue = cues.Where(c => c.End <= index && c.Start >= previousEnd && index - c.End <= CueReach).OrderByDescending(c => c.End).FirstOrDefault();
            if (cue.Side == Side.None)
            {
                var nextStart = i + 1 < quantities.Count ? quantities[i + 1].Index : text.Length;
                cue = cues.Where(c => c.Start >= index + length && c.Start - (index + length) <= 12 && c.End <= nextStart).OrderBy(c => c.Start).FirstOrDefault();
            }
            if (cue.Side != Side.None)
            {
                sided.Add((q, index, cue.Side));
            }
        }
        foreach (var b in sided.Where(s => s.Side == Side.Before))
        {
            var a = sided.FirstOrDefault(s => s.Side == Side.After && s.Q.Family == b.Q.Family && Math.Abs(s.Index - b.Index) < 240);
            if (a.Side == Side.After)
            {
                return new RawMeasurement(MetricNear(text, Math.Min(a.Index, b.Index)), b.Q, a.Q, MeasurementSource.Prose);
            }
        }
        return null;
    }

    /// <summary>
    /// Lines that start with a side label: "Before: 20sec" / "After: 13sec", "old  43.2kb  13.8kB" / "new  40.0kb
    /// 12.8kB". Quantities pair by dimension in the order they are written.
    /// </summary>
    public static IEnumerable<RawMeasurement> LabelledLines(string text, bool columns)
    {
        if (!text.Contains('\n', StringComparison.Ordinal) || !Cues.HasDigit(text))
        {
            yield break;
        }
        var before = new List<Quantity>();
        var after = new List<Quantity>();
        string header = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var m = (columns ? ColumnLine() : LabelLine()).Match(raw);
            if (!m.Success)
            {
                if (before.Count == 0 && after.Count == 0 && !Cues.HasDigit(raw) && raw.Trim().Length > 0)
                {
                    header = raw.Trim();
                }
                continue;
            }
            var side = Sides.Of(m.Groups["label"].Value);
            if (side == Side.None)
            {
                continue;
            }
            var found = Quantities.Find(m.Groups["rest"].Value).Select(q => q.Quantity).Where(q => q.Family is not UnitFamily.None).ToList();
            (side == Side.Before ? before : after).AddRange(found);
        }
        if (before.Count == 0 || after.Count == 0)
        {
            yield break;
        }
        var used = new bool[after.Count];
        var names = header.Split((char[])[' ', '\t', '|'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < before.Count; i++)
        {
            var j = Enumerable.Range(0, after.Count).FirstOrDefault(k => !used[k] && after[k].Family == before[i].Family, -1);
            if (j < 0)
            {
                continue;
            }
            used[j] = true;
            var name = i < names.Length ? names[i] : before[i].Unit;
            yield return new RawMeasurement(name, before[i], after[j], MeasurementSource.ToolOutput);
        }
    }

    /// <summary>
    /// The labelled quantities of tool output no specific reader knows: "Time (mean ± σ): 29.4 s", "100 requests in
    /// 1.3s". Each is named by the words before it on its line, so two runs of the same tool pair by name.
    /// </summary>
    public static Dictionary<string, Quantity> Generic(string text)
    {
        var found = new Dictionary<string, Quantity>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.Length > 300 || line.StartsWith('$') || !Cues.HasDigit(line))
            {
                continue;
            }
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var last = 0;
            foreach (var (q, index, length) in Quantities.Find(line))
            {
                var words = Words().Matches(line[..index]).Select(w => w.Value.ToLowerInvariant()).TakeLast(4);
                var key = string.Join(' ', words);
                last = index + length;
                if (q.Family is UnitFamily.None or UnitFamily.Ratio || key.Length == 0 || Configures().IsMatch(key))
                {
                    continue;
                }
                var n = seen.TryGetValue(key, out var c) ? c + 1 : 1;
                seen[key] = n;
                found.TryAdd(n == 1 ? key : $"{key} #{n}", q);
            }
            _ = last;
        }
        return found;
    }

    private static string Following(string text, int from) => text.Substring(from, Math.Min(16, text.Length - from));

    private static string MetricNear(string text, int index)
    {
        var words = Words().Matches(text[..index]).Select(w => w.Value).Where(w => !CueWord().IsMatch(w)).TakeLast(4);
        var metric = new StringBuilder();
        foreach (var w in words)
        {
            metric.Append(metric.Length > 0 ? " " : string.Empty).Append(w);
        }
        return metric.ToString();
    }

    [GeneratedRegex(@"(?<![\w-])(?:" + SideWords.BeforeInProse + @")(?![\w-])|(?:" + SideWords.BeforeForeign + ")", RegexOptions.IgnoreCase)]
    private static partial Regex BeforeCue();

    [GeneratedRegex(@"(?<![\w-])(?:" + SideWords.AfterInProse + @")(?![\w-])|(?:" + SideWords.AfterForeign + ")", RegexOptions.IgnoreCase)]
    private static partial Regex AfterCue();

    // Settings and goals, not measurements: "the timeout was 30 s", "a TTL of 5 min", "target 80 ms".
    [GeneratedRegex(@"\b(?:timeouts?|ttls?|intervals?|delays?|period|deadlines?|retention|expir\w*|backoff|poll\w*|defaults?|configured|settings?|thresholds?|limits?|caps?|window|sleeps?|buffer size|pool size|max(?:imum)? size|version|release|v\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Configures();

    [GeneratedRegex(@"\b(?:expected|expect|estimated?|projected|should|would|could|hope|aim|goal|target|budget|slo|sla|under|below|less than|at most|up to|within)\b[^.;]{0,25}$", RegexOptions.IgnoreCase)]
    private static partial Regex Goal();

    [GeneratedRegex(@"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?<label>[\p{L}][\p{L} ()#.-]{0,30}?)(?:\*\*|__)?\s*(?:\([^)\n]{0,40}\))?\s*[:：=—–]\s*(?<rest>.*\d.*)$")]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"^\s*(?<label>[\p{L}][\p{L} ()#.-]{0,30}?)\s*(?:[:：=|]|\s{2,}|\t)\s*(?<rest>.*\d.*)$")]
    private static partial Regex ColumnLine();

    [GeneratedRegex(@"[A-Za-z][A-Za-z_+/-]*")]
    private static partial Regex Words();

    [GeneratedRegex(@"^(?:before|after|now|was|were|used|to|previously|it|the|a|an|and|with|this|change|down|from)$", RegexOptions.IgnoreCase)]
    private static partial Regex CueWord();
}
