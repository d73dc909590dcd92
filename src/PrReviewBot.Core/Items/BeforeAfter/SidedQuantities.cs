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

    /// <summary>The text names a side somewhere ("under the old default", "now", "before this change").</summary>
    public static bool HasSideCue(string text) => BeforeCue().IsMatch(text) || AfterCue().IsMatch(text);

    /// <summary>A sentence (or two adjacent ones) with a quantity after a before cue and one after an after cue.</summary>
    public static RawMeasurement? InProse(string text)
    {
        if (!Cues.HasDigit(text))
        {
            return null;
        }
        // "8 allocations before; with this branch it reports no allocations": none of a counted thing is zero of it.
        text = NoneOfACount().Replace(text, "0");
        var cues = new List<(int Start, int End, Side Side)>();
        // With no after cue, no "without it" and no "with X", no cue below names the after side and the answer is null:
        // the before cues are not looked for then (FastPaths).
        var afterCues = FastPaths.On ? AfterCue().Matches(text) : null;
        if (afterCues is { Count: 0 } && !WithoutIt().IsMatch(text) && !PostfixWith().IsMatch(text))
        {
            return null;
        }
        foreach (Match m in BeforeCue().Matches(text))
        {
            cues.Add((m.Index, m.Index + m.Length, Side.Before));
        }
        foreach (Match m in afterCues ?? AfterCue().Matches(text))
        {
            cues.Add((m.Index, m.Index + m.Length, Side.After));
        }
        // "With the cache the jobs take 8–11 minutes; without it, about 6": the two states of one thing as sides.
        var states = false;
        if (WithoutIt().Match(text) is { Success: true } without)
        {
            // "… with the cache …; without it, …" or "… without the index, and … with it".
            var with = WithThing().Match(text[..without.Index]);
            if (!with.Success && WithItAfter().Match(text, without.Index + without.Length) is { Success: true } later)
            {
                with = later;
            }
            if (with.Success)
            {
                states = true;
                cues.Add((with.Index, with.Index + with.Length, Side.After));
                cues.Add((without.Index, without.Index + without.Length, Side.Before));
            }
        }
        // "p99 was 4.6 ms under the old default, 930 µs with nodelay": against a before cue, "with" and the thing the change
        // brings, written right after the other value, names the after side.
        if (!states && cues.Any(c => c.Side == Side.Before) && !cues.Any(c => c.Side == Side.After))
        {
            foreach (Match m in PostfixWith().Matches(text))
            {
                if (m.Index > 0 && Cues.HasDigit(text[Math.Max(0, m.Index - 12)..m.Index]))
                {
                    cues.Add((m.Index, m.Index + m.Length, Side.After));
                }
            }
        }
        // "… takes about 22000ms. With the JIT off it is back to 40ms": a value that changed to another needs no cue of its own.
        // "The query took 251 ms. After the index is added the query time is 20 ms": a sentence that opens with an after cue
        // makes the earlier, uncued value the before.
        var changeCue = cues.Where(c => c.Side == Side.After && (ChangeCue().IsMatch(text[c.Start..c.End]) || OpensSentence(text, c.Start)))
            .Select(c => c.Start).DefaultIfEmpty(-1).First();
        var uncuedBefore = !cues.Any(c => c.Side == Side.Before) && changeCue > 0;
        if ((!cues.Any(c => c.Side == Side.Before) && !uncuedBefore) || !cues.Any(c => c.Side == Side.After))
        {
            return null;
        }
        var quantities = Quantities.Find(text).Where(q => q.Quantity.Family is not UnitFamily.None and not UnitFamily.Ratio).ToList();
        // A plain number right after a cue takes its unit from the other side: "without it, about 6".
        var plain = BareAfterCue(text, cues, quantities);
        if (quantities.Count + plain.Count < 2 || quantities.Count == 0)
        {
            return null;
        }
        var sided = new List<(Quantity Q, int Index, Side Side)>();
        for (var i = 0; i < quantities.Count; i++)
        {
            var (q, index, length) = quantities[i];
            var previousEnd = i > 0 ? quantities[i - 1].Index + quantities[i - 1].Length : 0;
            var lead = text[previousEnd..index];
            if (Delta().IsMatch(lead) || Rounded().IsMatch(lead))
            {
                // "saves roughly 20–40 ms", "cut it by 300 ms": how much changed, not one side of it.
                continue;
            }
            // The words of a side cue are not a setting or a goal: "under the old default, 930 µs".
            lead = WithoutCues(text, cues, previousEnd, index);
            if (Configures().IsMatch(lead) || Goal().IsMatch(lead) || Configures().IsMatch(Following(text, index + length)))
            {
                // "After the index is added the query time is less than 20ms": a bound under a side cue is a result.
                if (!(Bound().IsMatch(lead) && !Goal().IsMatch(Bound().Replace(lead, " ")) && !Configures().IsMatch(lead) &&
                      cues.Any(c => c.End <= index && c.Start >= previousEnd)))
                {
                    continue;
                }
            }
            // The cue closest before the quantity, with no other quantity in between; else one right after it ("80 ms now").
            var cue = cues.Where(c => c.End <= index && c.Start >= previousEnd && index - c.End <= CueReach).OrderByDescending(c => c.End).FirstOrDefault();
            // "4.6 ms under the old default, 930 µs with nodelay": a cue that hugs the previous value is that value's; a cue
            // that hugs this one is this one's.
            if (cue.Side != Side.None && i > 0 && Hugs(text, previousEnd, cue.Start) &&
                cues.FirstOrDefault(c => c.Start >= index + length && Hugs(text, index + length, c.Start)) is { Side: not Side.None } own)
            {
                cue = own;
            }
            if (cue.Side == Side.None)
            {
                var nextStart = i + 1 < quantities.Count ? quantities[i + 1].Index : text.Length;
                // Not across a sentence end: "… takes 41 min. After the change …" opens the next sentence.
                // "9.54 s per iteration on master": what the value is counted per may stand between it and its cue.
                cue = cues.Where(c => c.Start >= index + length && c.End <= nextStart &&
                                      (c.Start - (index + length) <= 12 || Hugs(text, index + length, c.Start)) &&
                                      SentenceStartBefore(text, c.Start) <= index)
                    .OrderBy(c => c.Start).FirstOrDefault();
            }
            if (cue.Side == Side.None)
            {
                cue = OpeningCue(text, cues, index);
            }
            if (cue.Side == Side.None && uncuedBefore && index + length <= changeCue)
            {
                cue = (index, index, Side.Before);
            }
                if (cue.Side != Side.None)
            {
                sided.Add((q, index, cue.Side));
            }
        }
        foreach (var (value, index, side) in plain)
        {
            var partner = sided.FirstOrDefault(p => p.Side != side && p.Side != Side.None);
            if (partner.Side != Side.None)
            {
                sided.Add((new Quantity(value, partner.Q.Unit, partner.Q.Family), index, side));
            }
        }
        foreach (var b in sided.Where(s => s.Side == Side.Before))
        {
            var a = sided.FirstOrDefault(s => s.Side == Side.After && s.Q.Family == b.Q.Family && Math.Abs(s.Index - b.Index) < 240);
            if (a.Side == Side.After)
            {
                return new RawMeasurement(MetricNear(text, Math.Min(a.Index, b.Index)), b.Q, a.Q, MeasurementSource.Prose) { States = states };
            }
        }
        return null;
    }

    /// <summary>
    /// The same labelled list written twice, once per side: "- Import time: 21.8 seconds" … "Updated times:" "- Import
    /// time: 8.7 seconds". Lines pair by label where their first quantities share a dimension.
    /// </summary>
    public static IEnumerable<RawMeasurement> RepeatedLines(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var first = LabelledValues(before);
        foreach (var (label, a) in LabelledValues(after))
        {
            var match = first.FirstOrDefault(f => f.Label.Equals(label, StringComparison.OrdinalIgnoreCase));
            if (match.Label is not null && match.Value.Family == a.Family)
            {
                yield return new RawMeasurement(label, match.Value, a, MeasurementSource.Prose);
            }
        }
    }

    /// <summary>A lead-in that introduces the new figures: "Updated times:", "New numbers:", "Now:".</summary>
    public static bool IntroducesNewFigures(string leadIn) => NewFigures().IsMatch(Sentences.Plain(leadIn));

    /// <summary>Figures that carry how much they changed: "8.7 seconds (~60% reduction)", "0.4 s (3× faster)".</summary>
    public static bool CarriesItsChange(IReadOnlyList<string> lines) => lines.Any(l => ChangeNote().IsMatch(l));

    private static List<(string Label, Quantity Value)> LabelledValues(IReadOnlyList<string> lines)
    {
        var found = new List<(string, Quantity)>();
        foreach (var line in lines)
        {
            var m = ListLabel().Match(Sentences.Plain(line));
            if (!m.Success || Sides.Of(m.Groups["label"].Value) != Side.None)
            {
                continue;
            }
            var q = Quantities.Find(Sides.WithoutLinks(m.Groups["rest"].Value)).Select(x => x.Quantity).FirstOrDefault(x => x.Family is not UnitFamily.None);
            if (q.Unit is not null)
            {
                found.Add((m.Groups["label"].Value.Trim().Trim('`', '*', '_'), q));
            }
        }
        return found;
    }

    /// <summary>
    /// List lines under a lead-in that gives the order of the sides once, "(new - old = difference)", "old / new:", each
    /// line then two figures joined the same way: "Project list: 3480ms - 11420ms = -7760ms".
    /// </summary>
    public static IEnumerable<RawMeasurement> LegendLines(string leadIn, IReadOnlyList<string> items)
    {
        var legend = Legend().Match(Sentences.Plain(leadIn));
        if (!legend.Success)
        {
            yield break;
        }
        var first = Sides.OfFirstOfTwo(Sides.OfBareLabel(legend.Groups["a"].Value), Sides.OfBareLabel(legend.Groups["b"].Value));
        if (first == Side.None)
        {
            yield break;
        }
        var joint = legend.Groups["j"].Value;
        foreach (var item in items)
        {
            var plain = Sentences.Plain(Sides.WithoutLinks(item));
            var figures = Quantities.Find(plain).Where(f => f.Quantity.Unit.Length > 0).Take(2).ToList();
            if (figures.Count < 2 || figures[0].Quantity.Family != figures[1].Quantity.Family)
            {
                continue;
            }
            var between = plain[(figures[0].Index + figures[0].Length)..figures[1].Index].Trim();
            if (!between.Equals(joint, StringComparison.OrdinalIgnoreCase) && !(IsDash(between) && IsDash(joint)))
            {
                continue;
            }
            var colon = plain.IndexOfAny([':', '：']);
            var metric = colon > 0 && colon < figures[0].Index ? plain[..colon].Trim() : "measurement";
            var (a, b) = (figures[0].Quantity, figures[1].Quantity);
            yield return first == Side.Before
                ? new RawMeasurement(metric, a, b, MeasurementSource.Prose)
                : new RawMeasurement(metric, b, a, MeasurementSource.Prose);
        }
    }

    /// <summary>
    /// List lines of plain numbers under a lead-in that names what they count: "Queries per request on the sample:" over
    /// "- 0.50: 250", "- main: 416", "- main with this patch: 91". One line names the before side and one the after.
    /// </summary>
    public static RawMeasurement? CountedLines(string leadIn, IReadOnlyList<string> items)
    {
        var counted = CountNoun().Match(Sentences.Plain(leadIn));
        if (!counted.Success || items.Count < 2)
        {
            return null;
        }
        var sided = new List<(Side Side, double Value)>();
        foreach (var item in items)
        {
            var m = LabelLine().Match(Sentences.Plain(item));
            if (m.Success && PlainCount().Match(m.Groups["rest"].Value) is { Success: true } n && Quantities.TryParseNumber(n.Groups["n"].Value, out var value) &&
                Sides.Of(m.Groups["label"].Value) is var side and not Side.None)
            {
                sided.Add((side, value));
            }
        }
        if (sided.Count(s => s.Side == Side.Before) != 1 || sided.Count(s => s.Side == Side.After) != 1)
        {
            return null;
        }
        var unit = counted.Groups["u"].Value.ToLowerInvariant();
        var before = new Quantity(sided.First(s => s.Side == Side.Before).Value, unit, UnitFamily.Count);
        var after = new Quantity(sided.First(s => s.Side == Side.After).Value, unit, UnitFamily.Count);
        return new RawMeasurement(counted.Value.Trim(), before, after, MeasurementSource.Prose);
    }

    // What a lead-in says its figures count: "round trips per checkout", "allocations per call".
    [GeneratedRegex(@"(?:\b[\p{L}]+\s+)?\b(?<u>queries|requests|calls|allocations|allocs|round[- ]trips|statements|objects)\b(?:\s+per\s+[\p{L}]+)?", RegexOptions.IgnoreCase)]
    private static partial Regex CountNoun();

    // A line's value that is one plain number and nothing else: "416", "~91".
    [GeneratedRegex(@"^\s*~?(?<n>\d[\d,]*(?:\.\d+)?)\s*$")]
    private static partial Regex PlainCount();

    /// <summary>
    /// Runs marked by names a legend gives once, "(it. 0 = before, it. 1 = after)", "A = main, B = this branch": in each
    /// block that has a line for both names, the last figure with a unit on each line makes a pair.
    /// </summary>
    public static IEnumerable<RawMeasurement> AliasLines(DescriptionDocument document)
    {
        Match? legend = null;
        foreach (var block in document.Blocks)
        {
            if (block.Text.Contains('=', StringComparison.Ordinal) && AliasLegend().Match(Sentences.Plain(block.Text)) is { Success: true } m &&
                Sides.OfFirstOfTwo(Sides.OfBareLabel(m.Groups["s1"].Value), Sides.OfBareLabel(m.Groups["s2"].Value)) != Side.None)
            {
                legend = m;
                break;
            }
        }
        if (legend is null)
        {
            yield break;
        }
        var first = Sides.OfFirstOfTwo(Sides.OfBareLabel(legend.Groups["s1"].Value), Sides.OfBareLabel(legend.Groups["s2"].Value));
        var (x, y) = (legend.Groups["x"].Value.Trim(), legend.Groups["y"].Value.Trim());
        foreach (var code in document.CodeBlocks)
        {
            var lines = code.Content.Split('\n');
            var a = lines.Select(l => LastFigureAfter(l, x)).FirstOrDefault(q => q is not null);
            var b = lines.Select(l => LastFigureAfter(l, y)).FirstOrDefault(q => q is not null);
            if (a is { } qa && b is { } qb && qa.Family == qb.Family)
            {
                var metric = document.Blocks.LastOrDefault(t => t.Role == BlockRole.Heading && t.Index < code.Index)?.Text.Trim() ?? "measurement";
                yield return first == Side.Before
                    ? new RawMeasurement(metric, qa, qb, MeasurementSource.ToolOutput)
                    : new RawMeasurement(metric, qb, qa, MeasurementSource.ToolOutput);
            }
        }
    }

    /// <summary>The last figure with a unit on a line that opens with the name, bare or in brackets ("(it. 0) … 1.51GB").</summary>
    private static Quantity? LastFigureAfter(string line, string name)
    {
        var t = line.TrimStart();
        var bracketed = t.StartsWith('(') && t.Length > name.Length + 1 && t.AsSpan(1).StartsWith(name, StringComparison.OrdinalIgnoreCase) && t[name.Length + 1] == ')';
        if (!bracketed && !(t.StartsWith(name, StringComparison.OrdinalIgnoreCase) && t.Length > name.Length && !char.IsLetterOrDigit(t[name.Length])))
        {
            return null;
        }
        var rest = Sides.WithoutLinks(t[(name.Length + (bracketed ? 2 : 0))..]);
        var found = Quantities.Find(rest).Where(f => f.Quantity.Family is not UnitFamily.None and not UnitFamily.Ratio).ToList();
        return found.Count > 0 ? found[^1].Quantity : null;
    }

    // "it. 0 = before, it. 1 = after", "A = main; B = this branch".
    [GeneratedRegex(@"(?<x>[\p{L}][\p{L}\p{N}. ]{0,12}?)\s*=\s*(?<s1>[\p{L}][\p{L} ]{1,20}?)\s*[,;]\s*(?<y>[\p{L}][\p{L}\p{N}. ]{0,12}?)\s*=\s*(?<s2>[\p{L}][\p{L} ]{1,20}?)\s*(?:\)|$|[,;.])")]
    private static partial Regex AliasLegend();

    private static bool IsDash(string text) => text is "-" or "−" or "–" or "—";

    // "(new - old = difference)", "old / new:", "before vs after": two short labels joined once, at the end of a lead-in.
    [GeneratedRegex(@"(?:^|[(\s])(?<a>[\p{L}][\p{L} ]{0,18}?)\s*(?<j>-|−|–|—|/|vs\.?|→|->)\s*(?<b>[\p{L}][\p{L} ]{0,18}?)\s*(?:=[^()\n]{0,30})?(?:\)|:|：)?\s*[:：]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Legend();

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
        var states = false;
        foreach (var raw in text.Split('\n'))
        {
            var m = (columns ? ColumnLine() : LabelLine()).Match(raw);
            if (!m.Success && (columns || !Cues.HasDigit(raw)))
            {
                if (before.Count == 0 && after.Count == 0 && !Cues.HasDigit(raw) && raw.Trim().Length > 0)
                {
                    header = raw.Trim();
                }
                continue;
            }
            var side = m.Success ? Sides.Of(m.Groups["label"].Value) : Side.None;
            states |= m.Success && side != Side.None && Sides.OfState(m.Groups["label"].Value) == side;
            var rest = m.Success ? m.Groups["rest"].Value : raw;
            if (side == Side.None && !columns)
            {
                // A list line whose side is named around the number: "1.48 MiB before", "**70 minutes** with cache: <link>".
                side = Sides.InLine(raw);
                rest = raw;
                states |= side != Side.None && WithOrWithout().IsMatch(raw);
            }
            if (side == Side.None)
            {
                continue;
            }
            var plainRest = Sides.WithoutLinks(rest);
            // "After: getting closer; the split should bring it near 5 minutes": a value the author expects is not a result.
            var found = Quantities.Find(plainRest).Where(q => q.Quantity.Family is not UnitFamily.None && !Expected().IsMatch(plainRest[..q.Index]))
                .Select(q => q.Quantity).ToList();
            if (found.Count == 0 && StatisticValue().Match(Sides.WithoutLinks(rest)) is { Success: true } stat && Quantities.TryParseNumber(stat.Groups["n"].Value, out var value))
            {
                // "with optimization: AVG 29.28": a named statistic without a unit still pairs with the same on the other side.
                found.Add(new Quantity(value, string.Empty, UnitFamily.None));
            }
            else if (found.Count == 0 && ScoredLine().Match(Sides.WithoutLinks(raw)) is { Success: true } score && Quantities.TryParseNumber(score.Groups["n"].Value, out var points))
            {
                // "PageSpeed score before the fixes: 48": an audit score is a bare number on its own scale.
                found.Add(new Quantity(points, "points", UnitFamily.Count));
            }
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
            yield return new RawMeasurement(name, before[i], after[j], MeasurementSource.ToolOutput) { States = states };
        }
    }

    /// <summary>
    /// Lines labelled by two values of one setting: "`journal_mode=DELETE`: 1451 s" / "`journal_mode=WAL`: 40 s". Which
    /// value is the change's comes from <paramref name="valueSide"/> (the value the title names is the new one; the one the
    /// description goes "back to" is the old one); one known side makes the other the opposite.
    /// </summary>
    public static RawMeasurement? SettingValueLines(string text, Func<string, Side> valueSide)
    {
        if (!text.Contains('=', StringComparison.Ordinal) || !text.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }
        var lines = new List<(string Key, string Value, Quantity Q)>();
        foreach (var raw in text.Split('\n'))
        {
            var m = SettingValueLine().Match(raw);
            if (m.Success && Quantities.Find(Sides.WithoutLinks(m.Groups["rest"].Value)).Select(q => q.Quantity).FirstOrDefault(q => q.Family is not UnitFamily.None) is { Unit: not null } q)
            {
                lines.Add((m.Groups["key"].Value, m.Groups["value"].Value, q));
            }
        }
        foreach (var group in lines.GroupBy(l => l.Key, StringComparer.OrdinalIgnoreCase))
        {
            var values = group.Select(l => l.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (values.Count != 2)
            {
                continue;
            }
            var first = Sides.OfFirstOfTwo(valueSide(values[0]), valueSide(values[1]));
            if (first == Side.None)
            {
                continue;
            }
            var a = group.First(l => l.Value.Equals(values[0], StringComparison.OrdinalIgnoreCase)).Q;
            var b = group.First(l => l.Value.Equals(values[1], StringComparison.OrdinalIgnoreCase)).Q;
            if (a.Family != b.Family)
            {
                continue;
            }
            return first == Side.Before
                ? new RawMeasurement(group.Key, a, b, MeasurementSource.ToolOutput)
                : new RawMeasurement(group.Key, b, a, MeasurementSource.ToolOutput);
        }
        return null;
    }

    /// <summary>
    /// The same line written for two versions of the product: "- macOS 4.63.0 - 2.35s" / "- macOS 4.64.0 - 563ms". Lines
    /// pair by the words around the version; the side of each version comes from the text (<paramref name="versionSide"/>:
    /// "4.63.0 baseline vs this fix in 4.64.0"), the other version being the other side.
    /// </summary>
    public static IEnumerable<RawMeasurement> VersionLines(IReadOnlyList<string> lines, Func<string, Side> versionSide)
    {
        var found = new List<(string Key, string Version, Quantity Q)>();
        foreach (var line in lines)
        {
            var plain = Sentences.Plain(line);
            var version = VersionToken().Match(plain);
            if (!version.Success || VersionToken().Match(plain, version.Index + version.Length).Success)
            {
                continue;
            }
            var rest = plain[(version.Index + version.Length)..];
            var q = Quantities.Find(rest).FirstOrDefault(x => x.Quantity.Family is not UnitFamily.None);
            if (q.Quantity.Unit is null)
            {
                continue;
            }
            var key = (plain[..version.Index] + " " + rest[..q.Index]).Trim(' ', '-', '*', ':', '–', '—');
            found.Add((key, version.Value.TrimStart('v', 'V'), q.Quantity));
        }
        if (found.Count < 2)
        {
            yield break;
        }
        var versions = found.Select(f => f.Version).Distinct(StringComparer.Ordinal).ToList();
        if (versions.Count != 2)
        {
            yield break;
        }
        var first = Sides.OfFirstOfTwo(versionSide(versions[0]), versionSide(versions[1]));
        if (first == Side.None)
        {
            yield break;
        }
        var (before, after) = first == Side.Before ? (versions[0], versions[1]) : (versions[1], versions[0]);
        foreach (var group in found.GroupBy(f => f.Key, StringComparer.OrdinalIgnoreCase))
        {
            var b = group.FirstOrDefault(f => f.Version == before);
            var a = group.FirstOrDefault(f => f.Version == after);
            if (b.Key is not null && a.Key is not null && a.Q.Family == b.Q.Family)
            {
                yield return new RawMeasurement(group.Key, b.Q, a.Q, MeasurementSource.Prose);
            }
        }
    }

    /// <summary>Each version number the sentences name, with where it stands in which sentence.</summary>
    public static Dictionary<string, List<(string Sentence, int At, int Length)>> VersionMentions(IEnumerable<string> sentences)
    {
        var found = new Dictionary<string, List<(string, int, int)>>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            if (!sentence.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }
            foreach (Match m in VersionToken().Matches(sentence))
            {
                var key = m.Value.TrimStart('v', 'V');
                if (!found.TryGetValue(key, out var list))
                {
                    found[key] = list = [];
                }
                if (list.Count < 8)
                {
                    list.Add((sentence, m.Index, m.Length));
                }
            }
        }
        return found;
    }

    /// <summary>
    /// The labelled quantities of tool output no specific reader knows: "Time (mean ± σ): 29.4 s", "100 requests in
    /// 1.3s". Each is named by the words before it on its line, so two runs of the same tool pair by name.
    /// </summary>
    public static Dictionary<string, Quantity> Generic(string text)
    {
        var found = new Dictionary<string, Quantity>(StringComparer.OrdinalIgnoreCase);
        if (text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('['))
        {
            JsonRecords(text, found);
            if (found.Count > 0)
            {
                return found;
            }
        }
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

    private static List<(double Value, int Index, Side Side)> BareAfterCue(string text, List<(int Start, int End, Side Side)> cues, List<(Quantity Quantity, int Index, int Length)> quantities)
    {
        var found = new List<(double, int, Side)>();
        foreach (var cue in cues)
        {
            var m = BareNumber().Match(text, cue.End);
            if (m.Success && m.Index == cue.End && !quantities.Any(q => q.Index <= m.Groups["n"].Index && m.Groups["n"].Index < q.Index + q.Length) &&
                Quantities.TryParseNumber(m.Groups["n"].Value, out var value))
            {
                found.Add((value, m.Groups["n"].Index, cue.Side));
                continue;
            }
            // "2 seconds now, 9 before": a plain number right before a cue that closes its clause.
            var lead = BareNumberBefore().Match(text[..cue.Start]);
            if (lead.Success && ClauseEndsAfter(text, cue.End) && !quantities.Any(q => q.Index <= lead.Groups["n"].Index && lead.Groups["n"].Index < q.Index + q.Length) &&
                Quantities.TryParseNumber(lead.Groups["n"].Value, out var leading))
            {
                found.Add((leading, lead.Groups["n"].Index, cue.Side));
            }
        }
        return found;
    }

    private static bool ClauseEndsAfter(string text, int at) => at >= text.Length || text[at] is '.' or ',' or ';' or ')' || (text[at] == ' ' && (at + 1 >= text.Length || text[at + 1] is '(' ));

    [GeneratedRegex(@"(?:^|[\s,;:(~≈])(?<n>\d[\d,]*(?:\.\d+)?)\s+$")]
    private static partial Regex BareNumberBefore();

    /// <summary>
    /// Metric records written as JSON, one object each: numeric fields plus a <c>"unit"</c> string and a name
    /// (<c>"Metric"</c>, <c>"name"</c>), as benchmark harnesses print them. Each number is keyed by name and field.
    /// </summary>
    private static void JsonRecords(string text, Dictionary<string, Quantity> found)
    {
        var depth = 0;
        var start = -1;
        for (var i = 0; i < text.Length && i < 20_000; i++)
        {
            if (text[i] == '{' && depth++ == 0)
            {
                start = i;
            }
            else if (text[i] == '}' && depth > 0 && --depth == 0 && start >= 0)
            {
                var record = text[start..(i + 1)];
                var unit = JsonUnit().Match(record);
                if (!unit.Success)
                {
                    continue;
                }
                var canonical = Quantities.CanonicalUnit(unit.Groups["u"].Value);
                var family = Quantities.FamilyOf(canonical);
                if (family is UnitFamily.None or UnitFamily.Ratio)
                {
                    continue;
                }
                var name = JsonName().Match(record) is { Success: true } n ? n.Groups["n"].Value : canonical;
                foreach (Match field in JsonNumber().Matches(record))
                {
                    if (Quantities.TryParseNumber(field.Groups["v"].Value, out var value))
                    {
                        found.TryAdd($"{name} {field.Groups["k"].Value}", new Quantity(value, canonical, family));
                    }
                }
            }
        }
    }

    private static string WithoutCues(string text, List<(int Start, int End, Side Side)> cues, int from, int to)
    {
        if (!cues.Any(c => c.Start < to && c.End > from))
        {
            return text[from..to];
        }
        var chars = text[from..to].ToCharArray();
        foreach (var (start, end, _) in cues)
        {
            for (var k = Math.Max(start, from); k < Math.Min(end, to); k++)
            {
                chars[k - from] = ' ';
            }
        }
        return new string(chars);
    }

    private static bool OpensSentence(string text, int at)
    {
        var start = SentenceStartBefore(text, at);
        return at > start && OpeningLead().IsMatch(text[start..at]) || at == start;
    }

    private static int SentenceStartBefore(string text, int index)
    {
        for (var i = index - 1; i > 0; i--)
        {
            if (text[i - 1] == '。' || (text[i - 1] is '.' or '!' or '?' && char.IsWhiteSpace(text[i])))
            {
                return i;
            }
        }
        return 0;
    }

    /// <summary>
    /// The cue a sentence opens with ("Until now, …", "With this change …", "Con este PR …") governs the quantities of the
    /// sentence that have no cue of their own, when nothing in between names the other side.
    /// </summary>
    private static (int Start, int End, Side Side) OpeningCue(string text, List<(int Start, int End, Side Side)> cues, int index)
    {
        var start = SentenceStartBefore(text, index);
        var opening = cues.Where(c => c.Start >= start && c.End <= index && OpeningLead().IsMatch(text[start..c.Start]))
            .OrderBy(c => c.Start).FirstOrDefault();
        if (opening.Side == Side.None || cues.Any(c => c.Side != opening.Side && c.Start >= opening.End && c.End <= index))
        {
            return default;
        }
        return opening;
    }

    /// <summary>A cue at <paramref name="to"/> belongs to the value ending at <paramref name="from"/>: nothing but a
    /// few characters or what the value is counted per lies between ("9.54 s per iteration on master").</summary>
    private static bool Hugs(string text, int from, int to) =>
        to - from <= 3 || (to - from <= 40 && PerQualifier().IsMatch(text.AsSpan(from, to - from)));

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

    // A bound word is a goal only right before the number: "under 100 ms" is, "under load, trunk made 48,000" is not.
    [GeneratedRegex(@"\b(?:" + SideWords.Expectation + @"|slo|sla)\b[^.;]{0,25}$|\b(?:under|below|less than|at most|up to|within)\s*~?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Goal();

    [GeneratedRegex(@"\b(?:" + SideWords.Expectation + @")\b[^.;]{0,60}$", RegexOptions.IgnoreCase)]
    private static partial Regex Expected();

    [GeneratedRegex(@"\b(?:under|below|less than|at most|up to|within)\s*~?$", RegexOptions.IgnoreCase)]
    private static partial Regex Bound();

    // A number worked out from another, not measured: "rounding the starting point down to 30 minutes".
    [GeneratedRegex(@"\bround(?:s|ed|ing)?\b[^.;]{0,40}\b(?:down |up )?to\s*~?$", RegexOptions.IgnoreCase)]
    private static partial Regex Rounded();

    // An amount of change rather than a value: "saves roughly 20–", "shaved", "by about".
    [GeneratedRegex(@"\b(?:sav(?:e|es|ed|ing)|shav(?:e|es|ed|ing)|gain(?:s|ed)?|by)\s+(?:(?:roughly|about|around|approximately|nearly|another|an? extra|~)\s*)?(?:\d[\d.,]*\s?[-–]\s?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Delta();

    [GeneratedRegex(@"^\s*(?:[-*+>]\s+)?(?:\*\*|__)?(?<label>[\p{L}][\p{L}\p{N} ()#./`=-]{0,30}?)(?:\*\*|__)?\s*(?:\([^)\n]{0,40}\))?\s*(?:[:：=—–]|→|->)\s*(?<rest>.*\d.*)$")]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"^\s*(?<label>[\p{L}][\p{L} ()#.-]{0,30}?)\s*(?:[:：=|]|\s{2,}|\t)\s*(?<rest>.*\d.*)$")]
    private static partial Regex ColumnLine();

    [GeneratedRegex(@"[A-Za-z][A-Za-z_+/-]*")]
    private static partial Regex Words();


    [GeneratedRegex(@"""unit""\s*:\s*""(?<u>[^""]{1,20})""", RegexOptions.IgnoreCase)]
    private static partial Regex JsonUnit();

    [GeneratedRegex(@"""(?:metric|name|benchmark)""\s*:\s*""(?<n>[^""]{1,80})""", RegexOptions.IgnoreCase)]
    private static partial Regex JsonName();

    [GeneratedRegex(@"""(?<k>[A-Za-z][\w.-]{0,40})""\s*:\s*(?<v>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?=\s*[,}])")]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@"\bwith\s+(?:the|a|an|this|that|its|our)\s+[\w-]+(?:\s+(?:on|enabled))?\b", RegexOptions.IgnoreCase)]
    private static partial Regex WithThing();

    // "4.63.0", "v2.1": a version number (three parts, or two after a "v"; "4.1" alone is a value), with no unit after it.
    [GeneratedRegex(@"(?<![\w.])(?:v\d+\.\d+(?:\.\d+){0,2}|\d+\.\d+\.\d+(?:\.\d+)?)(?![\w.%])")]
    private static partial Regex VersionToken();

    // "per iteration", "each request", "a run", "/op": what a value is counted per, between it and a side cue after it.
    [GeneratedRegex(@"^[*_`\s]*(?:each|(?:per|each|every|a|an)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?|/\s*[\p{L}-]+)[*_`\s,]*$", RegexOptions.IgnoreCase)]
    private static partial Regex PerQualifier();

    [GeneratedRegex(@"\bwith\s+(?!(?:the|a|an)\s+(?:old|previous|former|original|same)\b)(?:(?:the|a|an|this|our)\s+)?`?[\p{L}_][\w.-]*`?", RegexOptions.IgnoreCase)]
    private static partial Regex PostfixWith();

    [GeneratedRegex(@"^\W*(?:updated|new|improved|optimi[sz]ed|resulting|final|current|now)\b[^.\n]{0,40}[:：]?\s*$|\b(?:after|with) (?:this|the) (?:change|pr|patch|fix)\b[^.\n]{0,30}[:：]\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NewFigures();

    // "- `merge_segments` step: 31.2 seconds": any label up to the first colon.
    [GeneratedRegex(@"^\s*(?:[-*+]\s+)?(?<label>[^:：\n]{2,60}?)(?<!https?)\s*[:：]\s*(?<rest>.*\d.*)$")]
    private static partial Regex ListLabel();

    [GeneratedRegex(@"\(\s*[~≈]?" + Improvement.RatioResult, RegexOptions.IgnoreCase)]
    private static partial Regex ChangeNote();

    [GeneratedRegex(@"\bwith\s+(?:it|them|that|one)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WithItAfter();

    [GeneratedRegex(@"\bwith(?:out)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex WithOrWithout();

    [GeneratedRegex(@"\bwithout\s+(?:it|them|this|that|one|the\s+[\w-]+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WithoutIt();

    [GeneratedRegex(@"^\s*(?:[-*+]\s+)?(?:\*\*|__)?`?(?<key>[A-Za-z][\w.-]{0,40})\s*=\s*(?<value>[\w.-]{1,30})`?(?:\*\*|__)?\s*[:：—–-]\s*(?<rest>.*\d.*)$")]
    private static partial Regex SettingValueLine();

    [GeneratedRegex(@"^\W*(?:avg|average|mean|median|p\d{2,3}|score|total|elapsed|run ?time|wall ?time|duration)\b\s*[:=]?\s*(?<n>\d[\d,]*(?:\.\d+)?)(?![\w.%,]*\w)", RegexOptions.IgnoreCase)]
    private static partial Regex StatisticValue();

    // A line that names an audit score and gives it after a colon: "Lighthouse performance (mobile), after: 91".
    [GeneratedRegex(@"\b(?:score|lighthouse|pagespeed)\b[^:：=\n]{0,60}[:：=]\s*(?<n>\d{1,3}(?:\.\d+)?)(?![\w.%,]*\w)", RegexOptions.IgnoreCase)]
    private static partial Regex ScoredLine();

    [GeneratedRegex(@"\b(?:no|zero)(?=\s+(?:" + Quantities.CountUnits + @")\b)", RegexOptions.IgnoreCase)]
    private static partial Regex NoneOfACount();

    // What may come before a sentence's opening cue: nothing, or a word or two ("And now", "But before this change").
    [GeneratedRegex(@"^[\s\W]*(?:\w+[\s,]+){0,2}$")]
    private static partial Regex OpeningLead();

    [GeneratedRegex(@"\b(?:down to|dropped to|drops to|fell to|falls to|went to|goes to|reduced to|cut to|back to)$", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeCue();

    // A number with no unit right after a cue, or after a short clause that opens with it: ", about 6", ": ~12",
    // "with this change it issues 4".
    [GeneratedRegex(@"\G[\s,:]*(?:[a-z]+\s+){0,3}?(?:(?:" + Units.Approximately + @"|only|just)\s*)?(?<n>\d[\d,]*(?:\.\d+)?)(?![\w.%,]*\w)")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"^(?:before|after|now|was|were|used|to|previously|it|the|a|an|and|with|this|change|down|from)$", RegexOptions.IgnoreCase)]
    private static partial Regex CueWord();
}
