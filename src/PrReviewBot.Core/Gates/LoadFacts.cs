using System.Text.RegularExpressions;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Gate 2 facts beyond the endpoint tables: how much load a path carries today ("~9.2 req/s at peak", "800k times per
/// hour", "about 300 pods each call it every ~60 s"), its share ("98% of /search traffic", "70% portfolio reads"), and its
/// latency distribution (two or more percentiles of today's latency, in prose, a table or tool output; or the tail as a
/// share: "0.01% of its requests took longer than 0.5 s", "70 of 164,000 calls took over 4 seconds"). A rate that is a
/// goal ("p99 &lt; 200 ms at 100 req/s") or the before side of a regression ("used to do 14k requests/second") is not
/// today's load; one percentile alone is a current figure, not a distribution.
/// </summary>
internal static partial class LoadFacts
{
    /// <summary>The sentence that states the load a path carries today, if any.</summary>
    public static string? Volume(IEnumerable<IssueSentence> sentences, Func<IssueSentence, bool> statesTarget) =>
        sentences.FirstOrDefault(s => !s.IsQuestion && !statesTarget(s) && !BeforeAfter().IsMatch(s.Text) && !Forecast().IsMatch(s.Text) &&
                                      (Rate().IsMatch(s.Text) || FleetPolling().IsMatch(s.Text) || CallsInWindow().IsMatch(s.Text)))?.Text;

    /// <summary>The sentence that states a path's share of the traffic or load, if any.</summary>
    public static string? Share(IEnumerable<IssueSentence> sentences) =>
        sentences.FirstOrDefault(s => !s.IsQuestion && Share().IsMatch(s.Text))?.Text;

    /// <summary>
    /// Where the issue gives today's latency distribution: the percentiles found (at least two) or a tail share.
    /// </summary>
    public static string? Distribution(IssueReading reading, IEnumerable<IssueSentence> sentences, DescriptionDocument document)
    {
        var labels = reading.Latency.Select(l => Label(l.Percentile)).Where(l => l is not null).Distinct().ToList();
        if (labels.Count >= 2)
        {
            return "latency " + string.Join(", ", labels);
        }
        if (sentences.FirstOrDefault(s => Tail().IsMatch(s.Text) || Bimodal().IsMatch(s.Text)) is { } tail)
        {
            return tail.Text;
        }
        // "TotalTime: median 1527 ms (p95 1576 ms)": labelled values in one sentence, each followed by its number (a
        // comparator between label and number would make it a target instead).
        foreach (var s in sentences)
        {
            var inline = LabelledValue().Matches(s.Text).Select(m => Label(m.Groups["label"].Value)).Where(l => l is not null).Distinct().ToList();
            if (inline.Count >= 2)
            {
                return s.Text;
            }
        }
        foreach (var table in document.Tables)
        {
            // A table of today's numbers: its header or its row names carry the percentiles. A table with a target
            // column states goals, not a distribution.
            if (table.Header.Any(h => TargetColumn().IsMatch(h)))
            {
                continue;
            }
            var cells = table.Header.Concat(table.Rows.Select(r => r.Count > 0 ? r[0] : string.Empty));
            var found = cells.SelectMany(c => PercentileWord().Matches(c).Select(m => Label(m.Value))).Where(l => l is not null).Distinct().ToList();
            if (found.Count >= 2)
            {
                return "table: " + string.Join(", ", found);
            }
        }
        foreach (var code in document.CodeBlocks)
        {
            var found = PercentileWord().Matches(code.Content).Select(m => Label(m.Value)).Where(l => l is not null).Distinct().ToList();
            if (found.Count >= 2 && Cues.HasDigit(code.Content))
            {
                return "tool output: " + string.Join(", ", found);
            }
        }
        return null;
    }

    /// <summary>"p99", "Perc99", "99th percentile", "quantile:0.99" → "p99"; "median" → "p50"; "average"/"mean" → "average".</summary>
    private static string? Label(string word)
    {
        var w = word.ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        if (w is "median" or "p50" or "perc50" or "50thpercentile")
        {
            return "p50";
        }
        if (w is "average" or "avg" or "mean")
        {
            return "average";
        }
        var digits = new string(w.Where(char.IsDigit).ToArray());
        if (w.StartsWith("quantile", StringComparison.Ordinal))
        {
            digits = digits.TrimStart('0');
            if (digits.Length == 1)
            {
                digits += "0";
            }
        }
        return digits.Length is >= 2 and <= 4 ? "p" + digits : null;
    }

    [GeneratedRegex(@"(?<![\w.])~?\d[\d,.]*\s?[kKM]?\+?\s*(?:req(?:uests)?\s?/\s?(?:s|sec|second|min|minute|h|hr|hour)\b|rps\b|qps\b|tps\b|(?:requests?|calls?|queries|times|page ?views?|messages?|jobs?)\s+(?:per|a|an|each|every)\s+(?:second|minute|hour|day)\b)|(?<![\w.])\d[\d,.]*\s?[kK]?\s+(?:concurrent|active|simultaneous)\s+(?:users|vus|virtual users|clients|connections)\b|(?<![\w.])~?\d[\d,.]*\s?[kKM]?\s*(?:\w+\s+)?(?:orders|events|jobs|messages|uploads|logins|searches|transactions|writes|reads|lookups|page ?views)\s?(?:/\s?(?:s|sec|min|h|hr|hour|day)\b|per (?:second|minute|hour|day)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Rate();

    // "about 300 pods each call the API on their own every ~60 s".
    [GeneratedRegex(@"\b\d[\d,]*\s+(?:pods|instances|clients|workers|nodes|servers|replicas|devices)\b[^.]{0,50}\bevery\s+~?\d", RegexOptions.IgnoreCase)]
    private static partial Regex FleetPolling();

    // "Last month about 70 of more than 164,000 calls took over 4 seconds": a call count over a stated window.
    [GeneratedRegex(@"\b(?:of|over|about|around)\s+(?:more than\s+|about\s+|~)?\d[\d,]{3,}\s+(?:calls|requests|page ?views)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CallsInWindow();

    [GeneratedRegex(@"\b\d{1,3}(?:\.\d+)?\s?% of (?:the |all |our |its )?(?:[\w/`{}.:\-]+ ){0,3}(?:traffic|requests|calls|load|time|queries)\b|\b\d{1,3}(?:\.\d+)?\s?% (?:\w+ ){0,2}(?:reads|writes|lookups)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Share();

    // "0.01% of its requests took longer than 0.5 s", "70 of 164,000 calls took over 4 seconds".
    [GeneratedRegex(@"\b\d[\d.,]*\s?%? of (?:its |the |all |those |these )?(?:more than |about |~)?(?:\d[\d,]*\s+)?(?:\w+ )?(?:requests|calls|queries|responses|page ?views)\b[^.]{0,40}?\b(?:took|take|takes|were|are|ran|run|ended|finished)\s+(?:longer|slower|more|over|above|in excess)", RegexOptions.IgnoreCase)]
    private static partial Regex Tail();

    [GeneratedRegex(@"\b(?<label>p\d{2,3}(?:\.\d+)?|median|average|avg|mean)\s*[:=]?\s*(?:of\s+|is\s+|was\s+)?~?\d[\d,.]*\s?(?:ms|s|µs|seconds?|milliseconds?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LabelledValue();

    [GeneratedRegex(@"\bbimodal\b|\blong tail\b", RegexOptions.IgnoreCase)]
    private static partial Regex Bimodal();

    [GeneratedRegex(@"\b(?:p\d{2,3}(?:\.\d+)?|perc\d{2,3}|\d{2}(?:\.\d+)?(?:th)? percentile|quantile:\s?0\.\d+|median|average|avg|mean)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PercentileWord();

    [GeneratedRegex(@"\b(?:targets?|goals?|slos?|budgets?|thresholds?|limits?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TargetColumn();

    // A forecast is not today's load: "around 200 RPS at launch, maybe 1,000 RPS within 6 months".
    [GeneratedRegex(@"\b(?:expect\w*|forecast\w*|projected|at launch|initially|will|growing to|maybe|eventually|within \d+ (?:weeks?|months?|years?)|next (?:year|quarter|month))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Forecast();

    // The before side of a regression or a comparison: not today's load.
    [GeneratedRegex(@"\b(?:used to|down to|dropped (?:from|to)|went (?:from|down)|before the|after installing|after upgrading)\b|→|->", RegexOptions.IgnoreCase)]
    private static partial Regex BeforeAfter();
}
