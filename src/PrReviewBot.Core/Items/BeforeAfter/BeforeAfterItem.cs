using System.Globalization;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Items.BeforeAfter;

/// <summary>
/// Before/after numbers: at least one metric measured before and after the change, from a table, benchstat output,
/// paired tool output ("Before:" / "After:" blocks) or a sentence. One side alone, relative claims and estimates
/// are not enough.
/// </summary>
internal sealed partial class BeforeAfterItem : IItemJudge
{
    public ItemKind Kind => ItemKind.BeforeAfter;

    public void Judge(ReviewContext context)
    {
        var document = context.Document;
        var raw = new List<RawMeasurement>();
        Side BySetting(string value) => ValueSide(context.Pr.Title, document, value);
        HashSet<string>? titleWords = null;
        int TitleOverlap(string label) => TitleWords(label).Count((titleWords ??= TitleWords(context.Pr.Title)).Contains);
        foreach (var table in document.Tables)
        {
            var read = raw.Count;
            raw.AddRange(TableMeasurements.Read(table, BySetting, TitleOverlap));
            if (raw.Count == read)
            {
                raw.AddRange(RowsByTitle(table, context.Pr.Title));
            }
        }
        raw.AddRange(SideTables(document));
        var loneSides = new List<string>();
        ReadCodeBlocks(document, raw, loneSides);
        ReadProse(document, raw, loneSides, BySetting, context.Pr.Title);
        if (raw.Count == 0)
        {
            raw.AddRange(SidedQuantities.AliasLines(document));
        }

        if (SwitchesOff(context.Pr.Title))
        {
            // "Disable PostgreSQL JIT": the off state is the change, so `jit=on` is before and `jit=off` after.
            raw = raw.Select(m => m.States ? m.Reversed() : m).ToList();
        }
        var measurements = Deduplicate(raw);
        context.Measurements.AddRange(measurements.Select(m => m.ToMeasurement()));
        context.LoadTest = LoadTestReader.Read(document);
        context.MicrobenchmarkOnly = measurements.Count > 0 &&
                                     measurements.All(m => m.Source is MeasurementSource.Benchstat or MeasurementSource.GoBenchmark) &&
                                     context.LoadTest?.Tool is null;

        var present = measurements.Count > 0;
        var evidence = context.Measurements.Take(4).Select(Describe).ToList();
        context.Set(Kind, present, present ? [] : MissingMessages(document, loneSides), evidence);
    }

    private static void ReadCodeBlocks(DescriptionDocument document, List<RawMeasurement> raw, List<string> loneSides)
    {
        PendingRun? pending = null;
        // Blocks that named no side since the last pair: "X is the bottleneck:" + a run, then "With the changes:" + a run.
        // Their metrics are read only when an after run has nothing else to pair with.
        var unsided = new List<CodeSnippet>();
        // The caption the previous block took from the text after it, which is then not the next block's lead-in.
        TextBlock? usedCaption = null;
        // The earlier unnamed run an after run is paired with when no before run follows it.
        List<RawMeasurement>? unsidedPartner = null;
        foreach (var code in document.CodeBlocks)
        {
            var caption = CaptionAfter(document, code);
            var leadIsCaption = usedCaption is not null && code.LeadIn.Trim() == usedCaption.Text.Trim();
            usedCaption = null;
            if (BenchstatOutput.Looks(code.Content))
            {
                raw.AddRange(BenchstatOutput.Read(code.Content));
                continue;
            }
            if (AsvCompare.Looks(code.Content))
            {
                raw.AddRange(AsvCompare.Read(code.Content));
                continue;
            }
            if (!leadIsCaption && Sides.OfPairLeadIn(code.LeadIn) is { } firstSide && TwoRuns(code.Content) is var (one, two) &&
                ToolOutput.Pair(firstSide == Side.Before ? one : two, firstSide == Side.Before ? two : one).ToList() is { Count: > 0 } lines)
            {
                // "main vs. change:" over a block of two lines of the same figures: one line per side, in the lead-in's order.
                raw.AddRange(lines);
                continue;
            }
            // The block's tool metrics, read once: for rows told apart by a side, and as the block's run below.
            var toolMetrics = ToolOutput.Metrics(code.Content);
            raw.AddRange(ToolOutput.VariantPairs(toolMetrics));
            raw.AddRange(ToolOutput.InlinePairs(code.Content));
            raw.AddRange(TextTables.Read(code.Content));
            raw.AddRange(ToolOutput.SegmentPairs(code.Content));
            raw.AddRange(ToolOutput.ParameterPairs(code.Content));
            raw.AddRange(SidedQuantities.LabelledLines(code.Content, columns: true));
            var side = leadIsCaption ? Side.None : Sides.OfLeadIn(code.LeadIn);
            if (side == Side.None)
            {
                side = Sides.Of(FirstLine(code.Content));
            }
            if (side == Side.None && caption is not null)
            {
                side = Sides.OfBareLabel(caption.Text.Trim().Trim(CaptionMarks));
                usedCaption = caption;
            }
            if (side == Side.None && pending is { Side: Side.Before } && RunOf(code.Content, toolMetrics) is { Count: > 0 } next &&
                ToolOutput.Pair(pending.Metrics, next).ToList() is { Count: > 0 } following)
            {
                // "with the current code:" … "Same load with the batched statement:": the run right after a before run, with
                // the same metrics and no side of its own, is the after run.
                raw.AddRange(following);
                pending = null;
                continue;
            }
            if (side == Side.None)
            {
                unsided.Add(code);
                continue;
            }
            var metrics = RunOf(code.Content, toolMetrics);
            if (metrics.Count == 0)
            {
                continue;
            }
            if (pending is null && side == Side.After && LastRun(unsided) is { } earlier && ToolOutput.Pair(earlier, metrics).ToList() is { Count: > 0 } run)
            {
                // An after run with no before run: the run shown earlier without a side is the one it improves on — unless
                // a before run follows ("This PR:" … "master:" under a third, unnamed run), which is then its partner.
                unsidedPartner = run;
                unsided.Clear();
                pending = new PendingRun(side, metrics, code.LeadIn, code.Content);
                continue;
            }
            if (pending is null && side == Side.Before && LastRun(unsided) is { } shown && ToolOutput.Pair(metrics, shown).ToList() is { Count: > 0 } earlierRun)
            {
                // "What it reports now:" … "and what I got before the change:": a before run with no after run, after a run
                // that names no side, is what that run improved on — unless an after run follows, which is then its partner.
                unsidedPartner = earlierRun;
                unsided.Clear();
                pending = new PendingRun(side, metrics, code.LeadIn, code.Content);
                continue;
            }
            if (pending is not null && pending.Side == side && unsidedPartner is not null)
            {
                raw.AddRange(unsidedPartner);
                pending = null;
            }
            unsidedPartner = null;
            if (pending is null || pending.Side == side)
            {
                // The first side of a pair; the other may come before or after it ("With mmap:" … "Without mmap:").
                pending = new PendingRun(side, metrics, code.LeadIn, code.Content);
                continue;
            }
            var (before, after) = side == Side.After ? (pending, new PendingRun(side, metrics, code.LeadIn, code.Content)) : (new PendingRun(side, metrics, code.LeadIn, code.Content), pending);
            var pairs = ToolOutput.Pair(before.Metrics, after.Metrics).ToList();
            if (pairs.Count == 0)
            {
                // Names that differ run to run ("testspeed(2801):" / "testspeed(3519):"): pair by the words instead.
                pairs.AddRange(ToolOutput.Pair(SidedQuantities.Generic(before.Content), SidedQuantities.Generic(after.Content)));
            }
            if (pairs.Count == 0)
            {
                // Nothing in common (a command line read as a run, then the real "before" output): the newer block
                // waits for its own partner instead of being used up.
                pending = new PendingRun(side, metrics, code.LeadIn, code.Content);
                continue;
            }
            var states = Sides.OfState(Sentences.Plain(before.LeadIn)) != Side.None;
            raw.AddRange(pairs.Select(p => p with { States = states }));
            pending = null;
        }
        if (unsidedPartner is not null)
        {
            raw.AddRange(unsidedPartner);
        }
        else if (pending is not null)
        {
            loneSides.Add(pending.Side == Side.Before
                ? $"only a \"before\" run ({Short(pending.LeadIn)})"
                : $"only an \"after\" run ({Short(pending.LeadIn)})");
        }
    }

    private static readonly char[] CaptionMarks = ['(', ')', '[', ']', '*', '_', ' '];

    /// <summary>
    /// A side label written under a block as its caption: "```…``` (old)". Only a label in brackets, or one with no block
    /// after it, is read so: "After:" between two blocks introduces the second.
    /// </summary>
    private static TextBlock? CaptionAfter(DescriptionDocument document, CodeSnippet code)
    {
        // Blocks and code blocks are each in document order: search, so many blocks stay linear in all.
        var at = FirstAtOrAfter(document.Blocks, code.Index + 1, b => b.Index);
        if (at >= document.Blocks.Count || document.Blocks[at].Index != code.Index + 1)
        {
            return null;
        }
        var next = document.Blocks[at];
        var text = next.Text.Trim();
        if (text.Length > 40 || Sides.OfBareLabel(text.Trim(CaptionMarks)) == Side.None)
        {
            return null;
        }
        var bracketed = (text.StartsWith('(') && text.EndsWith(')')) || (text.StartsWith('[') && text.EndsWith(']'));
        var following = FirstAtOrAfter(document.CodeBlocks, next.Index + 1, c => c.Index);
        var blockFollows = following < document.CodeBlocks.Count && document.CodeBlocks[following].Index == next.Index + 1;
        return bracketed || (!blockFollows && !text.EndsWith(':')) ? next : null;
    }

    private static int FirstAtOrAfter<T>(IReadOnlyList<T> items, int index, Func<T, int> indexOf)
    {
        var (lo, hi) = (0, items.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (indexOf(items[mid]) < index)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>
    /// The metrics of one run: a known tool's, else (output no specific reader knows, "build: 13,409 files, 68 MB
    /// (39.049s)") the quantities named by the words before them.
    /// </summary>
    private static Dictionary<string, Quantity> RunOf(string content, Dictionary<string, Quantity>? toolMetrics = null)
    {
        var metrics = toolMetrics ?? ToolOutput.Metrics(content);
        return metrics.Count > 0 ? metrics : SidedQuantities.Generic(content);
    }

    /// <summary>
    /// Two tables of one shape, the first under a label naming one side and the next under a label naming the other
    /// ("### Before" over a table, "### After" over the same table with new figures): the cells in the same row (by
    /// its first cell) and column pair, figure by figure.
    /// </summary>
    private static IEnumerable<RawMeasurement> SideTables(DescriptionDocument document)
    {
        var found = new List<RawMeasurement>();
        TableData? pending = null;
        var pendingSide = Side.None;
        foreach (var table in document.Tables)
        {
            var side = Sides.OfLeadIn(table.LeadIn);
            if (side == Side.None)
            {
                pending = null;
                continue;
            }
            if (pending is not null && side != pendingSide && SameShape(pending, table))
            {
                var (before, after) = side == Side.After ? (pending, table) : (table, pending);
                found.AddRange(PairCells(before, after));
                pending = null;
                continue;
            }
            (pending, pendingSide) = (table, side);
        }
        return found;
    }

    /// <summary>
    /// A table whose rows are the approaches tried, told apart by the title: the row that names most of what the title
    /// does is the change ("batch the inserts" → "batched, 500 per statement"), compared with the row labelled as the
    /// original — or, in a table of two rows, with the other row when the change's row names a technique the title
    /// names and the other row nothing of the title.
    /// </summary>
    private static IEnumerable<RawMeasurement> RowsByTitle(TableData table, string title)
    {
        var rows = table.Rows.Where(r => r.Count == table.Header.Count && r[0].Trim().Length > 0).ToList();
        if (rows.Count < 2 || rows.Count > 8 || table.Header.Count < 2)
        {
            yield break;
        }
        var titleWords = TitleWords(title);
        if (titleWords.Count == 0)
        {
            yield break;
        }
        var labels = rows.Select(r => Sentences.Plain(r[0]).Trim()).ToList();
        var scores = labels.Select(l => TitleWords(l).Count(titleWords.Contains)).ToList();
        var best = scores.Max();
        if (best == 0 || scores.Count(x => x == best) != 1)
        {
            yield break;
        }
        var after = scores.IndexOf(best);
        var originals = Enumerable.Range(0, rows.Count).Where(i => Sides.OfBareLabel(labels[i]) == Side.Before).ToList();
        int before;
        if (originals.Count == 1)
        {
            before = originals[0];
        }
        else if (originals.Count == 0 && rows.Count == 2 && scores[1 - after] == 0 &&
                 TechniqueWord().Matches(labels[after]).Any(m => TechniqueWord().Matches(title).Any(t => Stem(t.Value) == Stem(m.Value))))
        {
            before = 1 - after;
        }
        else
        {
            yield break;
        }
        if (before == after)
        {
            yield break;
        }
        for (var c = 1; c < table.Header.Count; c++)
        {
            var (b, a) = (CellFigures(rows[before][c]), CellFigures(rows[after][c]));
            if (b.Count > 0 && a.Count > 0 && b[0].Family == a[0].Family)
            {
                var metric = Sentences.Plain(table.Header[c]).Trim();
                yield return new RawMeasurement(metric.Length > 0 ? metric : labels[after], b[0], a[0], MeasurementSource.Table);
            }
        }
    }

    /// <summary>
    /// Two list lines, each one figure of the same kind and neither naming a side, where one line names what the title
    /// brings in and the other does not: "the current serializer takes 0.70 s" / "`orjson.dumps(…)` takes 0.38 s" under
    /// "use orjson for serialization".
    /// </summary>
    private static RawMeasurement? ItemsByTitle(string first, string second, string title)
    {
        if (AdoptedName().Match(Sentences.Plain(title)) is not { Success: true } adopted || Sides.InLine(first) != Side.None || Sides.InLine(second) != Side.None)
        {
            return null;
        }
        var a = Figures(first);
        var b = Figures(second);
        if (a.Count != 1 || b.Count != 1 || a[0].Family != b[0].Family)
        {
            return null;
        }
        var name = adopted.Groups["name"].Value;
        var (na, nb) = (Names(first, name), Names(second, name));
        return (na, nb) switch
        {
            (false, true) => new RawMeasurement(a[0].Unit, a[0], b[0], MeasurementSource.Prose),
            (true, false) => new RawMeasurement(a[0].Unit, b[0], a[0], MeasurementSource.Prose),
            _ => null,
        };

        static List<Quantity> Figures(string line) =>
            Quantities.Find(Sides.WithoutLinks(Sentences.Plain(line))).Select(q => q.Quantity).Where(q => q.Family is not (UnitFamily.None or UnitFamily.Ratio or UnitFamily.Percent)).ToList();

        static bool Names(string line, string name) =>
            Regex.IsMatch(Sentences.Plain(line), @"(?<![\w.])" + Regex.Escape(name) + @"(?![\w])", RegexOptions.IgnoreCase);
    }

    /// <summary>
    /// Two labelled lines, one naming the base and the other what the title does: "master: 12 Gb/s" over "zero-copy:
    /// 36 Gb/s" under "Zero copy between sockets".
    /// </summary>
    private static RawMeasurement? BaseAndTitled(string a, string b, string title)
    {
        var (ma, mb) = (LabelledFigure().Match(Sentences.Plain(a).Trim()), LabelledFigure().Match(Sentences.Plain(b).Trim()));
        if (!ma.Success || !mb.Success)
        {
            return null;
        }
        static string Label(string line) => line[..line.IndexOfAny([':', '：'])].Trim(' ', '-', '*', '`', '_');
        var (la, lb) = (Label(ma.Value), Label(mb.Value));
        // "zero-copy" names what "Zero copy between sockets" does: hyphenated words count by their parts.
        var titleWords = TitleWords(title.Replace('-', ' '));
        bool Titled(string label) => Sides.Of(label) == Side.None && TitleWords(label.Replace('-', ' ')).Any(titleWords.Contains);
        var (before, after) = Sides.Of(la) == Side.Before && Titled(lb) ? (ma.Value, mb.Value)
            : Sides.Of(lb) == Side.Before && Titled(la) ? (mb.Value, ma.Value) : (null, null);
        if (before is null || after is null)
        {
            return null;
        }
        var qb = Quantities.Find(before[before.IndexOfAny([':', '：'])..]).Select(f => f.Quantity).FirstOrDefault(q => q.Family is not (UnitFamily.None or UnitFamily.Ratio));
        var qa = Quantities.Find(after[after.IndexOfAny([':', '：'])..]).Select(f => f.Quantity).FirstOrDefault(q => q.Family is not (UnitFamily.None or UnitFamily.Ratio));
        return qb.Unit is not null && qa.Unit is not null && qb.Family == qa.Family
            ? new RawMeasurement(Label(after), qb, qa, MeasurementSource.Prose)
            : null;
    }

    /// <summary>
    /// The words of a title or label that say what was done, by stem ("batched" → "batch"), without a commit type; text
    /// in scripts written without spaces counts by pairs of characters.
    /// </summary>
    private static HashSet<string> TitleWords(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var plain = Detection.OptimizationDetector.ConventionalPrefix().Replace(Sentences.Plain(text), string.Empty).ToLowerInvariant();
        foreach (Match m in TitleWord().Matches(plain))
        {
            var w = m.Value;
            if (char.IsAsciiLetter(w[0]))
            {
                if (w.Length >= 4 && !CommonTitleWord().IsMatch(w))
                {
                    words.Add(Stem(w));
                }
                continue;
            }
            for (var i = 0; i + 1 < w.Length; i++)
            {
                words.Add(w.Substring(i, 2));
            }
        }
        return words;
    }

    private static string Stem(string word)
    {
        var w = word.ToLowerInvariant();
        foreach (var ending in WordEndings)
        {
            if (w.Length - ending.Length >= 4 && w.EndsWith(ending, StringComparison.Ordinal))
            {
                w = w[..^ending.Length];
                break;
            }
        }
        // "cache" and "cached", "precompute" and "precomputed" share "cach", "precomput".
        return w.Length >= 5 && w[^1] == 'e' ? w[..^1] : w;
    }

    private static readonly string[] WordEndings = ["ing", "ed", "es", "s"];

    private static bool SameShape(TableData one, TableData other) =>
        one.Header.Count >= 2 && one.Header.Count == other.Header.Count &&
        one.Header.Select(h => h.Trim()).SequenceEqual(other.Header.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<RawMeasurement> PairCells(TableData before, TableData after)
    {
        var rows = after.Rows.Where(r => r.Count > 0).GroupBy(r => r[0].Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var row in before.Rows)
        {
            if (row.Count < 2 || !rows.TryGetValue(row[0].Trim(), out var other) || other.Count != row.Count)
            {
                continue;
            }
            for (var c = 1; c < row.Count && c < before.Header.Count; c++)
            {
                var (b, a) = (CellFigures(row[c]), CellFigures(other[c]));
                if (b.Count == 0 || b.Count != a.Count)
                {
                    continue;
                }
                for (var k = 0; k < b.Count; k++)
                {
                    if (b[k].Family == a[k].Family)
                    {
                        var metric = $"{Sentences.Plain(row[0]).Trim()} {Sentences.Plain(before.Header[c]).Trim()}" + (b.Count > 1 ? $" #{k + 1}" : string.Empty);
                        yield return new RawMeasurement(metric, b[k], a[k], MeasurementSource.Table);
                    }
                }
            }
        }
    }

    /// <summary>The figures with units in a cell, in order; a label glued to its figure ("Queries1022") is set apart first.</summary>
    private static List<Quantity> CellFigures(string cell) =>
        Quantities.Find(GluedFigure().Replace(Sentences.Plain(cell), " ")).Select(f => f.Quantity).Where(q => q.Unit.Length > 0).ToList();

    /// <summary>A paragraph that is one short "label: figure" line, with at most links on the lines under it.</summary>
    private static string? LabelParagraph(string text)
    {
        // The first line is looked at in place; the paragraph is split only when it is a labelled figure.
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = (end < 0 ? text.AsSpan() : text.AsSpan(0, end)).Trim();
        if (first.Length is 0 or > 120 || !LabelledFigure().IsMatch(first))
        {
            return null;
        }
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Skip(1).All(l => Sides.WithoutLinks(l).Trim().Length == 0) ? lines[0] : null;
    }

    /// <summary>A block of exactly two non-empty lines that each read as a run of figures.</summary>
    private static (Dictionary<string, Quantity> First, Dictionary<string, Quantity> Second)? TwoRuns(string content)
    {
        var lines = content.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length != 2)
        {
            return null;
        }
        var (first, second) = (FiguresOnly(lines[0]) ?? RunOf(lines[0]), FiguresOnly(lines[1]) ?? RunOf(lines[1]));
        return first.Count > 0 && second.Count > 0 ? (first, second) : null;
    }

    /// <summary>
    /// A line of nothing but figures with their units, "968805333 ns/op   2970674744 B/op": each figure named by its unit
    /// (null when words other than units sit between them).
    /// </summary>
    private static Dictionary<string, Quantity>? FiguresOnly(string line)
    {
        var found = new Dictionary<string, Quantity>(StringComparer.OrdinalIgnoreCase);
        var end = 0;
        foreach (var (q, index, length) in Quantities.Find(line))
        {
            if (line.AsSpan(end, index - end).Trim().Length > 0 || q.Unit.Length == 0)
            {
                return null;
            }
            found.TryAdd(q.Unit, q);
            end = index + length;
        }
        return found.Count > 0 && line.AsSpan(end).Trim().Length == 0 ? found : null;
    }

    /// <summary>The metrics of the latest of these blocks that has any.</summary>
    private static Dictionary<string, Quantity>? LastRun(List<CodeSnippet> blocks)
    {
        for (var i = blocks.Count - 1; i >= 0; i--)
        {
            var metrics = RunOf(blocks[i].Content);
            if (metrics.Count > 0)
            {
                return metrics;
            }
        }
        return null;
    }

    private sealed record PendingRun(Side Side, Dictionary<string, Quantity> Metrics, string LeadIn, string Content);

    /// <summary>
    /// Which side a value of a setting stands for: the value the title names is the change's ("Create the database in
    /// WAL journal mode"), the one the description goes "back to" or calls the default the old one.
    /// </summary>
    private static Side ValueSide(string title, DescriptionDocument document, string value)
    {
        // "prove on jemalloc instead of glibc malloc": the value the change replaces is the old one, in the title too.
        // "Replace Babel with SWC", "switch from pip to uv", "move off GPA": the value the change leaves is the old one.
        var old = new Regex(@"\b(?:back to|revert(?:s|ed)? to|default(?: is| was|:)?|previously|instead of|rather than|replac(?:e|es|ed|ing)|(?:switch|switches|switched|switching|mov(?:e|es|ed|ing)|migrat(?:e|es|ed|ing)|port(?:s|ed|ing)?)\s+(?:\w+\s+){0,2}?(?:from|off|away from))\s+(?:the\s+)?`?" + Regex.Escape(value) + @"(?![\w-]|\.\w)", RegexOptions.IgnoreCase);
        if (old.IsMatch(title))
        {
            return Side.Before;
        }
        var word = new Regex(@"(?<![\w.-])" + Regex.Escape(value) + @"(?![\w-]|\.\w)", RegexOptions.IgnoreCase);
        if (word.IsMatch(title))
        {
            return Side.After;
        }
        return document.AllPlainSentences.Any(s => old.IsMatch(s)) ? Side.Before : Side.None;
    }

    /// <summary>
    /// Which side a version stands for, from a sentence that names it with a side: "4.63.0 baseline vs this fix in
    /// 4.64.0", "3.8.2 (the current release)", "after upgrading to 2.4.0". The words right after the version speak first,
    /// then the two words right before it.
    /// </summary>
    private static Side VersionSide(IReadOnlyDictionary<string, List<(string Sentence, int At, int Length)>> mentions, string version)
    {
        if (!mentions.TryGetValue(version, out var places))
        {
            return Side.None;
        }
        foreach (var (sentence, at, length) in places)
        {
            var end = at + length;
            var after = string.Join(' ', NearWords().Matches(sentence[end..Math.Min(sentence.Length, end + 40)]).Take(2).Select(m => m.Value));
            var before = string.Join(' ', NearWords().Matches(sentence[Math.Max(0, at - 40)..at]).TakeLast(2).Select(m => m.Value));
            foreach (var words in new[] { after, before })
            {
                var isBefore = VersionBefore().IsMatch(words);
                if (isBefore != VersionAfter().IsMatch(words))
                {
                    return isBefore ? Side.Before : Side.After;
                }
            }
        }
        return Side.None;
    }

    [GeneratedRegex(@"[\w-]+")]
    private static partial Regex NearWords();

    [GeneratedRegex(@"\b(?:baseline|before|old|older|current|previous|released?|from)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VersionBefore();

    [GeneratedRegex(@"\b(?:this (?:fix|pr|change|patch|branch)|fix(?:ed)?|after|new|with|to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VersionAfter();

    private static void ReadProse(DescriptionDocument document, List<RawMeasurement> raw, List<string> loneSides, Func<string, Side> valueSide, string title)
    {
        TextBlock? pendingBefore = null;
        Dictionary<string, Quantity>? pendingRun = null;
        var labelOnly = Side.None;
        // Consecutive list items read as lines: "- without the cache: 11.9 s" / "- with the cache: 8 s".
        var items = new List<string>();
        // The last labelled list and what introduced it, for a list repeated with the new figures.
        List<string>? earlierItems = null;
        var itemsLeadIn = string.Empty;
        var earlierLeadIn = string.Empty;
        var lastText = string.Empty;
        Dictionary<string, List<(string Sentence, int At, int Length)>>? versionMentions = null;
        TextBlock? previousParagraph = null;
        // Paragraphs that are each one labelled line ("Load time before the fix: 4.8 s", a link under it), read as lines.
        var labelParagraphs = new List<string>();
        void FlushLabelParagraphs()
        {
            if (labelParagraphs.Count > 1)
            {
                raw.AddRange(SidedQuantities.LabelledLines(string.Join('\n', labelParagraphs), columns: false));
            }
            labelParagraphs.Clear();
        }
        void FlushItems()
        {
            if (items.Count > 0 && earlierItems is not null &&
                (SidedQuantities.IntroducesNewFigures(itemsLeadIn) || Sides.OfLeadIn(itemsLeadIn) == Side.After ||
                 Sides.OfLeadIn(earlierLeadIn) == Side.Before || SidedQuantities.CarriesItsChange(items)))
            {
                raw.AddRange(SidedQuantities.RepeatedLines(earlierItems, items));
            }
            if (items.Count > 0)
            {
                earlierItems = [.. items];
                earlierLeadIn = itemsLeadIn;
            }
            if (items.Count == 2 && (ItemsByTitle(items[0], items[1], title) ?? BaseAndTitled(items[0], items[1], title)) is { } byTitle)
            {
                raw.Add(byTitle);
            }
            if (items.Count > 0)
            {
                raw.AddRange(SidedQuantities.LegendLines(itemsLeadIn, items));
                if (SidedQuantities.CountedLines(itemsLeadIn, items) is { } counted)
                {
                    raw.Add(counted);
                }
            }
            if (items.Count > 1)
            {
                var lines = string.Join('\n', items);
                raw.AddRange(SidedQuantities.LabelledLines(lines, columns: false));
                if (SidedQuantities.SettingValueLines(lines, valueSide) is { } byValue)
                {
                    raw.Add(byValue);
                }
                if (lines.Contains('.', StringComparison.Ordinal))
                {
                    // Where each version is named, found once for the whole description (lists may be many).
                    versionMentions ??= SidedQuantities.VersionMentions(document.AllPlainSentences);
                    raw.AddRange(SidedQuantities.VersionLines(items, v => VersionSide(versionMentions, v)));
                }
            }
            items.Clear();
        }
        foreach (var block in document.Blocks)
        {
            if (block.Role == BlockRole.ListItem)
            {
                if (items.Count == 0)
                {
                    itemsLeadIn = lastText;
                }
                items.Add(block.Text);
            }
            else
            {
                FlushItems();
                lastText = block.Text;
            }
            if (block.Role == BlockRole.Paragraph && LabelParagraph(block.Text) is { } labelLine)
            {
                labelParagraphs.Add(labelLine);
            }
            else
            {
                FlushLabelParagraphs();
            }
            var inResults = block.In(ItemKind.BeforeAfter);
            var count = raw.Count;
            // Tool output pasted without a code fence (a commit message's benchstat table).
            if (block.Text.Contains('\n', StringComparison.Ordinal) && BenchstatOutput.Looks(block.Text))
            {
                raw.AddRange(BenchstatOutput.Read(block.Text));
                continue;
            }
            foreach (var sentence in block.Sentences)
            {
                raw.AddRange(ProseMeasurements.Read(sentence, inResults));
            }
            raw.AddRange(SidedQuantities.LabelledLines(block.Text, columns: false));
            if (raw.Count == count && block.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries) is [var lineA, var lineB] &&
                BaseAndTitled(lineA, lineB, title) is { } titled)
            {
                raw.Add(titled);
            }
            if (raw.Count == count)
            {
                // "used to take 14.5% … now down to 4%": sides from the cues next to each number, in a sentence or two.
                var plain = block.PlainSentences;
                for (var i = 0; i < plain.Count && raw.Count == count; i++)
                {
                    if (SidedQuantities.InProse(i + 1 < plain.Count ? plain[i] + " " + plain[i + 1] : plain[i]) is { } m)
                    {
                        raw.Add(m);
                    }
                }
                // "The CI tests took around 20 minutes …" ¶ "… Overall runtime is now about 7 minutes.": the paragraph right
                // before may hold the value the new one replaces.
                if (raw.Count == count && previousParagraph is not null && previousParagraph.Index == block.Index - 1 && block.Role == BlockRole.Paragraph)
                {
                    foreach (var now in plain.Take(3).Where(p => Cues.HasDigit(p) && SidedQuantities.HasSideCue(p)))
                    {
                        var earlier = previousParagraph.PlainSentences.Take(3).Where(p => Cues.HasDigit(p) && !SidedQuantities.HasSideCue(p))
                            .Select(p => SidedQuantities.InProse(p + " " + now)).FirstOrDefault(m => m is not null);
                        if (earlier is not null)
                        {
                            raw.Add(earlier);
                            break;
                        }
                    }
                }
            }
            previousParagraph = block.Role == BlockRole.Paragraph ? block : null;
            // "Before — **27 queries**" followed later by "After — **9 queries**"; or a bare "Before" paragraph with the
            // value in the paragraph under it.
            var aside = AsideFigures(block.Text);
            var side = aside?.Side ?? LeadingSide(block.Text);
            var labelled = labelOnly;
            labelOnly = aside is null ? Sides.OfBareLabel(block.Text) : Side.None;
            if (labelOnly != Side.None)
            {
                continue;
            }
            if (side == Side.None && labelled != Side.None && Cues.HasDigit(block.Text))
            {
                side = labelled;
            }
            if (side == Side.Before && ToolOutput.Metrics(block.Text) is var beforeRun && (beforeRun.Count > 0 || Quantities.Find(block.Text).Any()))
            {
                pendingBefore = block;
                pendingRun = beforeRun;
            }
            else if (side == Side.After && pendingBefore is not null)
            {
                // Unfenced tool output under each label pairs metric by metric, like two code blocks; else the first values.
                var pairs = ToolOutput.Pair(pendingRun!, ToolOutput.Metrics(block.Text)).ToList();
                if (pairs.Count > 0)
                {
                    raw.AddRange(pairs);
                }
                else if (ProseMeasurements.FromLabelledBlocks(StripSide(pendingBefore.Text), StripSide(block.Text)) is { } m &&
                         (aside is null || m.Before.Normalised != m.After.Normalised))
                {
                    // Figures in brackets that are the same on both sides say how each side was measured, not what changed.
                    raw.Add(m);
                }
                pendingBefore = null;
            }
        }
        FlushItems();
        FlushLabelParagraphs();
        if (pendingBefore is not null && raw.Count == 0)
        {
            loneSides.Add($"only a \"before\" value ({Short(pendingBefore.Text)})");
        }
    }

    /// <summary>A title that says the change turns something off or takes it away: "Disable JIT", "ci: drop the caches".</summary>
    internal static bool SwitchesOff(string title) => TurnsOff().IsMatch(title);

    private static List<RawMeasurement> Deduplicate(List<RawMeasurement> raw)
    {
        var seen = new HashSet<string>();
        var list = new List<RawMeasurement>();
        // The same values bit for bit format to the same key, which is in the set already: the key is not built again
        // (FastPaths; a repeated table or section repeats its measurements).
        var seenBits = FastPaths.On ? new HashSet<(long, long, UnitFamily)>() : null;
        foreach (var m in raw)
        {
            if (seenBits is not null && !seenBits.Add((BitConverter.DoubleToInt64Bits(m.Before.Normalised), BitConverter.DoubleToInt64Bits(m.After.Normalised), m.Before.Family)))
            {
                continue;
            }
            var key = string.Create(CultureInfo.InvariantCulture, $"{m.Before.Normalised:G6}|{m.After.Normalised:G6}|{m.Before.Family}");
            if (seen.Add(key))
            {
                list.Add(m);
            }
        }
        return list;
    }

    private static IEnumerable<string> MissingMessages(DescriptionDocument document, List<string> loneSides)
    {
        var section = document.SectionsFor(ItemKind.BeforeAfter).FirstOrDefault();
        var relative = document.AllPlainSentences.Select(s => RelativeClaim().Match(s))
            .FirstOrDefault(m => m.Success);
        var estimate = document.AllSentences.FirstOrDefault(s => EstimateClaim().IsMatch(Sentences.Plain(s)));
        if (loneSides.Count > 0)
        {
            yield return $"The description gives {loneSides[0]} but no matching measurement from the other side of the change, so nothing shows what the change did.";
        }
        else if (estimate is not null)
        {
            yield return $"\"{Short(estimate)}\" is an estimate, not a measurement: run the load test before and after and quote both numbers.";
        }
        else if (relative is not null)
        {
            yield return $"\"{Short(relative.Value)}\" is a relative claim with no before and after values: quote the measured numbers for both sides (e.g. p95 240 ms → 80 ms).";
        }
        else if (section is not null && section.IsEmpty)
        {
            yield return $"The \"{section.Title}\" section is empty or says N/A: every optimization needs numbers measured before and after the change.";
        }
        else if (section is not null)
        {
            yield return $"The \"{section.Title}\" section has no metric measured both before and after the change (a table with before/after columns, benchstat output, or \"240 ms → 80 ms\").";
        }
        else
        {
            yield return "No before/after numbers found: add a load-test result measured before and after the change (a before/after table, benchstat output, or \"p95 240 ms → 80 ms\").";
        }
    }

    private static Side LeadingSide(string text)
    {
        if (LabelLine(text) is { } label)
        {
            return label.Side;
        }
        var m = SideLead().Match(Sentences.Plain(text));
        return m.Success ? Sides.Of(m.Groups["w"].Value) : Side.None;
    }

    private static string StripSide(string text) =>
        AsideFigures(text) is { } aside ? aside.Figures :
        LabelLine(text) is { } label ? Sentences.Plain(label.Figures) : SideLead().Replace(Sentences.Plain(text), string.Empty, 1);

    /// <summary>
    /// A side label whose figures sit in the brackets after it, on a line of its own (a screenshot may follow):
    /// "Before (740 kB):", "Depois **(66 KB)**:", "After (500 draw calls, 60 fps):".
    /// </summary>
    private static (Side Side, string Figures)? AsideFigures(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = end < 0 ? text : text[..end];
        if (first.Length > 120 || first.IndexOf('(', StringComparison.Ordinal) < 0)
        {
            return null;
        }
        var plain = Sentences.Plain(first).Trim();
        var open = plain.IndexOf('(', StringComparison.Ordinal);
        var close = plain.LastIndexOf(')');
        if (open <= 0 || close < open || plain[(close + 1)..].Trim().TrimEnd(':', '：').Trim().Length > 0)
        {
            return null;
        }
        var side = Sides.OfBareLabel(plain[..open].Trim().TrimEnd(':', '：'));
        var figures = plain[(open + 1)..close];
        // What follows on the next lines is a screenshot or a link, never more figures.
        return side != Side.None && Quantities.Find(figures).Any(f => f.Quantity.Unit.Length > 0) &&
               (end < 0 || !Quantities.Find(Sentences.Plain(Sides.WithoutLinks(text[end..]))).Any(f => f.Quantity.Unit.Length > 0))
            ? (side, figures)
            : null;
    }

    /// <summary>
    /// A paragraph whose first line is only a side label and whose next lines hold the figures: "_Pre-change_" over
    /// a tool's size report, "Baseline" over two lines of output.
    /// </summary>
    private static (Side Side, string Figures)? LabelLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        if (end <= 0 || end > 200)
        {
            return null;
        }
        var line = Sides.WithoutAsides(Sentences.Plain(text[..end])).Trim();
        if (line.Length > 60)
        {
            return null;
        }
        var side = Sides.OfBareLabel(line.TrimEnd(':').Trim(CaptionMarks));
        return side == Side.None || !Cues.HasDigit(text[end..]) ? null : (side, text[(end + 1)..]);
    }

    private static string FirstLine(string text)
    {
        var line = text.TrimStart().Split('\n', 2)[0];
        return line.Length <= 40 ? line.TrimEnd(':') : string.Empty;
    }

    internal static string Describe(Measurement m)
    {
        var change = m.ChangePercent is { } c ? string.Create(CultureInfo.InvariantCulture, $" ({c:+0.#;-0.#;0}%)") : string.Empty;
        var unit = m.Unit.Length > 0 && m.Unit != "x" ? " " + m.Unit : m.Unit;
        return string.Create(CultureInfo.InvariantCulture, $"{m.Metric}: {m.Before:0.###}{unit} → {m.After:0.###}{unit}{change}");
    }

    internal static string Short(string text)
    {
        var t = text.Replace('\n', ' ').Trim();
        return t.Length <= 80 ? t : t[..77].TrimEnd() + "…";
    }

    [GeneratedRegex(@"^[^\n:：]{2,80}[:：]\s*~?\d(?:[^\n.;!?]|\.(?=\d)){0,40}$")]
    private static partial Regex LabelledFigure();

    // What a title brings in: "use orjson for …", "switch to zstd", "replace gson with moshi", "adopt msgspec".
    [GeneratedRegex(@"\b(?:use|uses|using|adopt(?:s|ed|ing)?|switch(?:es|ed|ing)? to|mov(?:e|es|ed|ing) to|migrat(?:e|es|ed|ing) to|port(?:s|ed|ing)? to|replac(?:e|es|ed|ing)\s+[^.\n]{1,40}?\s+with|bring(?:s|ing)? in)\s+(?:the\s+|a\s+)?`?(?<name>[A-Za-z][\w+-]{2,})", RegexOptions.IgnoreCase)]
    private static partial Regex AdoptedName();

    [GeneratedRegex(@"[a-z][a-z0-9_-]*|" + Quantities.CjkLetter + "+")]
    private static partial Regex TitleWord();

    [GeneratedRegex(@"^(?:with|from|into|this|that|these|those|make|makes|more|less|when|than|then|only|over|under|perf|performance|speed|faster|improve\w*|optimi[sz]\w*|reduce\w*|avoid\w*|code|change\w*|update\w*|some|also)$")]
    private static partial Regex CommonTitleWord();

    [GeneratedRegex(@"\b(?:" + Vocabulary.Techniques.TitleWords + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex TechniqueWord();

    [GeneratedRegex(@"(?<=\p{L})(?=\d)")]
    private static partial Regex GluedFigure();

    [GeneratedRegex(@"^\s*(?<w>before|after)\b\s*(?:[—–:-]|\(|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SideLead();

    [GeneratedRegex(@"[^.;\n]{0,40}\b\d+(?:\.\d+)?\s?(?:%|x|×)\s*(?:faster|slower|lower|higher|fewer|less|more|better|quicker|improvement|reduction|speed-?up|drop)[^.;\n]{0,30}|[^.;\n]{0,40}\b(?:dropped|improved|reduced|cut)\b[^.;\n]{0,20}\b\d+(?:\.\d+)?(?:\s?[-–]\s?\d+)?\s?(?:%|x|×)[^.;\n]{0,30}", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeClaim();

    [GeneratedRegex(@"\b(?:expected|estimated?|projected|should (?:be|drop|go))\b[^.\n]{0,60}\d", RegexOptions.IgnoreCase)]
    private static partial Regex EstimateClaim();

    [GeneratedRegex(@"^(?:[\w-]+(?:\([\w.,/ -]+\))?!?:\s*)?(?:disabl(?:e|es|ing)|drop(?:s|ping)?|remov(?:e|es|ing)|turn(?:s|ing)? off|switch(?:es|ing)? off|nuke|delet(?:e|es|ing)|stop(?:s|ping)?|skip(?:s|ping)?|do not|don't|no longer)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TurnsOff();
}
