using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Items.Constraint;

/// <summary>
/// Reads measurable targets: a metric, a comparator, a number and a unit ("p95 &lt; 80 ms", "at least 2,500 RPS",
/// "less than 1% of evaluations missed", "requests are cut off at 30 seconds"). A result ("now 60 fps") or a relative
/// wish ("make it faster") is not a target.
/// </summary>
internal static partial class TargetReader
{
    private const string Percentile = @"(?<pct>\bp\d{2,4}(?:\.\d+)?\b|\b\d{2}(?:\.\d+)?(?:th|st|nd|rd)?\s+percentile\b|\bmedian\b|\baverage\b|\bavg\b|\bmean\b|\b\d{2}(?:\.\d+)?%\s+of\s+(?:requests|calls|queries))";

    private const string Comparator =
        @"(?<cmp><=|>=|=<|≤|≥|<|>|\bunder\b|\binside(?: of)?\b|\bbelow\b|\bless than\b|\blower than\b|\bfewer than\b|\bat most\b|\bno more than\b|\bno (?:worse|slower|higher|longer|bigger|larger|heavier|greater) than\b|\bnot (?:to )?exceed(?:ing)?\b|\bwithin\b|\bat least\b|\bmore than\b|\bgreater than\b|\bno less than\b|\bup to\b|" +
        @"\bcuts?\s+(?:\w+\s+){0,3}off at\b|\btimes? out (?:at|after)\b|\bcapped at\b|\b(?:(?:bring|get|cut|push)(?:s|ing)? (?:[\w-]+ ){0,4}?|back )down to\b|\ba cap of\b|\blimit(?:ed)? (?:of|to|at|von)\b|\b(?:limit|cap|ceiling|quota|timeout|time limit|budget)\s*\(|\bmax(?:imum)? of\b|\bminimum of\b|" +
        @"\b(?:must|should|needs? to|has to|to) (?:handle|sustain|support|serve|reach|achieve|stay (?:under|below)|be (?:under|below|at most|at least))\b|" +
        @"低于|小于|不超过|不高于|少于|控制在|高于|大于|不低于|至少|最多|" +
        // Spanish, Portuguese, French, German
        @"\b(?:en )?menos de\b|\bpor debajo de\b|\bcomo m[aá]ximo\b|\babaixo de\b|\bno m[aá]ximo\b|\bmoins de\b|\ben dessous de\b|\bau plus\b|\bweniger als\b|\bh[öo]chstens\b|" +
        @"\bal menos\b|\bpelo menos\b|\bau moins\b|\bmindestens\b|" +
        @"\bне (?:более|больше|дольше|выше|превыша\w*)\b|\bне (?:менее|меньше|ниже)\b|\bменее\b|\bменьше\b)";

    private const string Value = @"\s*(?:the\s+|a\s+|\p{Lu}[\w-]*(?:'s|’s)\s+)?[~≈]?\s*(?<cur>[$€£])?\s?(?<num>\d[\d,]*(?:\.\d+)?)\s?(?<mult>[kKM](?![a-zA-Z]))?(?:\s|-)?(?<unit>" + TargetUnits + @")(?![A-Za-z0-9])";

    private const string TargetUnits =
        Units.TimeInProse + @"|h|%|x|×|" +
        // "a 5m timeout": minutes as one letter, where a time limit follows
        @"m(?=[\s-]?(?:timeout|time-?out|time limit)\b)|" +
        @"rps|qps|tps|req(?:uests)?\s?/\s?s(?:ec)?|requests per second|ops\s?/\s?s(?:ec)?|[\w]+/s|fps|" +
        // counts of things that go wrong or cost: "0 missed evaluations", "at most 3 queries"
        @"(?:missed |failed |dropped |skipped )?(?:[a-z]+ )?(?:evaluations|errors|failures|timeouts|queries|round ?trips|allocations|allocs|retries|restarts|evictions)|" +
        @"[KMGT]i?B|Gi|Mi|G(?=\s|$|[.,;)])|kB|bytes|MB/s|GB/s|(?<=[$€£]\s?\d[\d,.]*[kKM]?\s?)(?:/\s?(?:day|month|mo|hour|hr|h|request|req|query)|per (?:day|month|hour|request)|a (?:day|month))|(?<=[$€£]\s?\d[\d,.]*[kKM]?)";




    /// <param name="listedGoal">The sentence is an item of a list its lead-in calls goals ("Measures the four budgets:" "- 100 ms startup").</param>
    public static IEnumerable<Target> Read(string sentence, bool inConstraintSection, bool inMonitoringSection = false, bool listedGoal = false)
    {
        var text = OneUnit(Quantities.WithSpelledNumbers(Sentences.Plain(sentence)));
        if (!listedGoal && !Cues.MayTarget(text) && !(text.AsSpan().ContainsAny(Digits) && (AimedGoal().IsMatch(text) || text.Contains("down to", StringComparison.OrdinalIgnoreCase))))
        {
            yield break;
        }
        // "fires when p95 > 80ms for 10 minutes" is an alert condition, not the target the change serves.
        if ((inMonitoringSection && !inConstraintSection) || AlertCondition().IsMatch(text))
        {
            yield break;
        }
        // Goal words are read outside code spans: "`import requirements`" names a module, it states no requirement.
        // The text without them is built only when a goal word is asked about and the sentence has a code span.
        string? withoutCode = null;
        string Words() => withoutCode ??= sentence.Contains('`', StringComparison.Ordinal) ? Sentences.Plain(CodeSpan().Replace(sentence, " ")) : text;
        var goal = inConstraintSection || listedGoal || GoalCue().IsMatch(Words()) || PurposeBound().IsMatch(Words());
        // The sentence's before/after pairs, read once and only if a bound needs them.
        List<Items.BeforeAfter.RawMeasurement>? measured = null;
        var found = false;
        // Where the comparators before a value were read, so one written after the same value is not read twice.
        List<(int Start, int End)>? read = null;
        foreach (Match m in Explicit().Matches(text))
        {
            var cmp = m.Groups["cmp"].Value.ToLowerInvariant();
            var symbolic = cmp.Length <= 2 && !char.IsLetter(cmp[0]);
            var after = text[(m.Index + m.Length)..];
            if (!symbolic && (!goal || Estimate().IsMatch(text)))
            {
                continue;
            }
            if (symbolic && (ArrowAround().IsMatch(text.Substring(Math.Max(0, m.Index - 1), Math.Min(3, text.Length - Math.Max(0, m.Index - 1)))) || IsTemplateText(text)))
            {
                continue;
            }
            if (symbolic && !goal && IsMeasuredSide(sentence, m, measured ??= Measured(sentence)))
            {
                // "a build from ~10min to <1min": a bound on one side of a result, not a target.
                continue;
            }
            // "GitHub kills any job that runs for more than 6 hours": what a platform refuses above a value is a ceiling.
            var comparator = cmp is "more than" or "greater than" && Enforces().IsMatch(text) ? "<=" : Normalise(cmp);
            if (TryBuild(m, text[..m.Index], after, comparator, out var target))
            {
                found = true;
                (read ??= []).Add((m.Index, m.Index + m.Length));
                yield return target;
            }
        }
        // "10ms 以下", "200ms 이하", "750 ms maximum": comparators written after the value.
        foreach (Match m in FastPaths.On && !text.AsSpan().ContainsAny(PostfixStarts) && !text.AsSpan().ContainsAny(PostfixWords) ? Enumerable.Empty<Match>() : Postfix().Matches(text))
        {
            // Words after the value ("750 ms maximum") bound it only where the text states a goal, as words before it do:
            // "p50 20 ms, 750 ms max" reports a run.
            var english = m.Groups["en"].Success || m.Groups["more"].Success;
            if (english && (!goal || Estimate().IsMatch(text)))
            {
                continue;
            }
            if (read is not null && read.Any(r => m.Groups["num"].Index >= r.Start && m.Groups["num"].Index < r.End))
            {
                continue;
            }
            var postfix = m.Groups["more"].Success ? ">=" : m.Groups["post"].Value is "未満" or "미만" ? "<" : "<=";
            if (TryBuild(m, text[..m.Index], text[(m.Index + m.Length)..], postfix, out var target))
            {
                found = true;
                yield return target;
            }
        }
        // "the Lighthouse performance score has to reach at least 90": scores are targets without a unit.
        if (!found && goal && ScoreTarget().Match(text) is { Success: true } score && Quantities.TryParseNumber(score.Groups["num"].Value, out var points))
        {
            found = true;
            yield return new Target(ScoreMetric(text[..score.Index] + score.Groups["metric"].Value), null, Normalise(score.Groups["cmp"].Value.ToLowerInvariant()), points, "points");
        }
        // "Goal: 50K claims/s per pod" — a goal stated without a comparator implies one from the unit.
        if (!found && (listedGoal || StatedGoal().IsMatch(Words()) || AimedGoal().IsMatch(Words())) && !IsTemplateText(text))
        {
            // The value after the goal word is the goal ("p95 is 240 ms today, target 80 ms"); one before it only
            // when nothing follows ("the 200 ms budget"). A listed goal is its first value ("- 100 ms startup").
            var stated = StatedGoal().Match(text);
            var m = Implied().Match(text, listedGoal ? 0 : stated.Success ? stated.Index : AimedGoal().Match(text) is { Success: true } aim ? aim.Index : 0);
            if (!m.Success)
            {
                m = Implied().Match(text);
            }
            if (m.Success && TryBuild(m, text[..m.Index], text[(m.Index + m.Length)..], string.Empty, out var target))
            {
                yield return target with { Comparator = ImpliedComparator(target.Unit) };
            }
        }
    }

    private static List<Items.BeforeAfter.RawMeasurement> Measured(string sentence)
    {
        var measured = Items.BeforeAfter.ProseMeasurements.Read(sentence, inResultsSection: false).ToList();
        if (Items.BeforeAfter.SidedQuantities.InProse(Sentences.Plain(sentence)) is { } sided)
        {
            measured.Add(sided);
        }
        return measured;
    }

    /// <summary>The comparator's value is one side of a before/after the same sentence reports.</summary>
    private static bool IsMeasuredSide(string sentence, Match m, List<Items.BeforeAfter.RawMeasurement> measured)
    {
        if (!Quantities.TryParseNumber(m.Groups["num"].Value + m.Groups["mult"].Value, out var value))
        {
            return false;
        }
        if (measured.Any(r => r.Before.Value == value || r.After.Value == value))
        {
            return true;
        }
        // "p9999 spiked to 4.6 ms under the old default, ≤ 930 µs with nodelay": beside another value of the same kind in a
        // sentence that names a side, a bound reports a result.
        var plain = Sentences.Plain(sentence);
        var unit = Quantities.CanonicalUnit(m.Groups["unit"].Value);
        var family = Quantities.FamilyOf(unit);
        return family != UnitFamily.None && Items.BeforeAfter.SidedQuantities.HasSideCue(plain) &&
               Quantities.Find(plain).Count(q => q.Quantity.Family == family) >= 2;
    }

    private static string ScoreMetric(string lead)
    {
        var words = lead.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(4);
        return string.Join(' ', words).Trim(' ', ':', ',');
    }

    private static bool TryBuild(Match m, string lead, string after, string comparator, out Target target)
    {
        target = default!;
        if (!Quantities.TryParseNumber(m.Groups["num"].Value + m.Groups["mult"].Value, out var value))
        {
            return false;
        }
        var unit = Quantities.CanonicalUnit(m.Groups["unit"].Value);
        if (m.Groups["cur"].Success && m.Groups["cur"].Value.Length > 0)
        {
            // "$40/day": the currency is the unit, per what the value is budgeted.
            var currency = m.Groups["cur"].Value switch { "€" => "EUR", "£" => "GBP", _ => "USD" };
            var per = m.Groups["unit"].Value.Trim().TrimStart('/').Replace("per ", string.Empty, StringComparison.Ordinal).Replace("a ", string.Empty, StringComparison.Ordinal).Trim();
            unit = per.Length > 0 ? $"{currency}/{per}" : currency;
        }
        var percentile = m.Groups["pct2"].Success ? PercentileName(m.Groups["pct2"].Value) : null;
        var before = PercentileBefore().Match(lead);
        if (percentile is null && before.Success)
        {
            percentile = PercentileName(before.Groups["pct"].Value);
        }
        var metric = MetricFor(lead + " " + after, unit, percentile);
        target = new Target(metric, percentile, comparator, value, unit);
        return true;
    }

    private static string Normalise(string cmp) => cmp switch
    {
        "低于" or "小于" or "少于" => "<",
        "不超过" or "不高于" or "控制在" or "最多" => "<=",
        "高于" or "大于" => ">",
        "不低于" or "至少" => ">=",
        "менее" or "меньше" => "<",
        var c when c.StartsWith("не менее", StringComparison.Ordinal) || c.StartsWith("не меньше", StringComparison.Ordinal) || c.StartsWith("не ниже", StringComparison.Ordinal) => ">=",
        var c when c.StartsWith("не ", StringComparison.Ordinal) => "<=",
        "<" or "under" or "inside" or "inside of" or "below" or "less than" or "lower than" or "fewer than" or "menos de" or "en menos de" or "por debajo de" or "abaixo de" or "moins de" or "en dessous de" or "weniger als" => "<",
        "como máximo" or "como maximo" or "no máximo" or "no maximo" or "au plus" or "höchstens" or "hochstens" => "<=",
        "al menos" or "pelo menos" or "au moins" or "mindestens" => ">=",
        "<=" or "=<" or "≤" or "at most" or "no more than" or "no worse than" or "no slower than" or "no higher than" or "no longer than" or "no bigger than" or "no larger than" or "no heavier than" or "no greater than" or "within" or "up to" or "not exceed" or "not exceeding" or "not to exceed" => "<=",
        ">" or "more than" or "greater than" => ">",
        ">=" or "≥" or "at least" or "no less than" => ">=",
        var c when c.EndsWith("down to", StringComparison.Ordinal) => "<=",
        var c when c.Contains("off at", StringComparison.Ordinal) || c.Contains("time", StringComparison.Ordinal) || c.Contains("cap", StringComparison.Ordinal) || c.StartsWith("limit", StringComparison.Ordinal) || c.StartsWith("max", StringComparison.Ordinal) ||
                   c.StartsWith("ceiling", StringComparison.Ordinal) || c.StartsWith("quota", StringComparison.Ordinal) => "<",
        var c when c.Contains("under", StringComparison.Ordinal) || c.Contains("below", StringComparison.Ordinal) => "<",
        var c when c.Contains("at most", StringComparison.Ordinal) => "<=",
        _ => ">=",
    };

    /// <summary>
    /// "about a minute", "under an hour": an article before a unit of time, after a word that approximates or bounds it,
    /// is one of that unit. "once a minute" (a rate) is left alone.
    /// </summary>
    private static string OneUnit(string text) =>
        !text.Contains(" a ", StringComparison.OrdinalIgnoreCase) && !text.Contains(" an ", StringComparison.OrdinalIgnoreCase) ? text : ArticleUnit().Replace(text, "1");

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    [GeneratedRegex(@"(?<=\b(?:" + Units.Approximately + @"|under|within|below|less than|at most|no more than)\s+)an?(?=\s+(?:second|minute|hour)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArticleUnit();

    // Goals stated without any comparator word: "with the aim of …", "… has to finish in about …" (read with StatedGoal). "should take" is
    // left out: it says as often what a thing is expected to cost ("a task that should take 40 ms takes 2 s").
    [GeneratedRegex(@"\b(?:aim(?:s|ed|ing)?|(?:must|has to|have to|needs? to) (?:be|take|finish|complete|stay|load|start))\b", RegexOptions.IgnoreCase)]
    private static partial Regex AimedGoal();

    // "… lazy, so start-up gets back under 1000 ms": a bound the change is done for, in its purpose clause.
    [GeneratedRegex(@"\bso(?: that)? (?:[\w-]+ ){1,4}?(?:gets?|stays?|comes?|goes|fits?) (?:back )?(?:under|below|within|inside)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PurposeBound();

    private static string ImpliedComparator(string unit) => Quantities.FamilyOf(unit) == UnitFamily.Rate ? ">=" : "<";

    private static string? PercentileName(string raw)
    {
        var t = raw.Trim().ToLowerInvariant();
        if (t.StartsWith('p'))
        {
            return t;
        }
        if (t is "median")
        {
            return "p50";
        }
        if (t is "average" or "avg" or "mean")
        {
            return null;
        }
        var digits = new string(t.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).Replace(".", string.Empty, StringComparison.Ordinal);
        return digits.Length > 0 ? "p" + digits : null;
    }

    private static string MetricFor(string context, string unit, string? percentile)
    {
        bool Has(string word) => context.Contains(word, StringComparison.OrdinalIgnoreCase);
        if (Has("error"))
        {
            return "error rate";
        }
        if (Has("cpu"))
        {
            return "CPU";
        }
        if (Has("memory") || Has("heap") || Has("rss"))
        {
            return "memory";
        }
        if (unit.StartsWith("USD", StringComparison.Ordinal) || unit.StartsWith("EUR", StringComparison.Ordinal) || unit.StartsWith("GBP", StringComparison.Ordinal))
        {
            return "cost";
        }
        return Quantities.FamilyOf(unit) switch
        {
            UnitFamily.Time => Has("startup") || Has("start-up") ? "startup time" : Has("build") || Has("ci ") ? "duration" : "latency",
            UnitFamily.Rate => "throughput",
            UnitFamily.Size => "size",
            UnitFamily.Ratio => "speedup",
            UnitFamily.Percent => percentile is null ? "ratio" : "latency",
            _ => "value",
        };
    }

    /// <summary>Template prompt text such as "e.g. p95 &lt; 80ms" is not a target.</summary>
    private static bool IsTemplateText(string text) => TemplatePrompt().IsMatch(text);

    [GeneratedRegex(Comparator + Value + @"(?:\s+(?<pct2>p\d{2,4}|\d{2}(?:th)? percentile))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Explicit();

    [GeneratedRegex(Percentile + @"[^.;\n<>≤≥]{0,60}?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentileBefore();

    [GeneratedRegex(@"(?<num>\d[\d,]*(?:\.\d+)?)\s?(?<mult>[kKM](?![a-zA-Z]))?\s?(?<unit>" + TargetUnits + @")(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Implied();

    [GeneratedRegex(@"\b(?:target|goal|slo|sla|kpi|objective|budget|requirement|required|must|should|need(?:s|ed)?(?: to)?|ha(?:s|ve) to|want|hold(?:s|ing)? (?:us|them|\w+) to|agreed|asks? for|calls? for|limit|cap|ceiling|quota|enforc(?:e|es|ed|ing)|threshold|timeouts?|keep (?:\w+ ){0,3}(?:under|below|within)|stay (?:under|below|within)|cut(?:s)? \w+(?: \w+)? off|alerts? on|committed|promise|contract|at most|at least|no more than|kills?|rejects?|refuses?|aborts?|accepts?|expectations?|deben?|deber[ií]a|objetivo|meta|requisito|garantiz\w*|devem?|garantir|exig\w*|doit|doivent|objectif|exigence|muss|m[üu]ssen|soll(?:en)?|ziel|anforderung|требовани\w*|цел[ьи]|должн\w*|нужно|необходимо|бюджет\w*|лимит\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GoalCue();

    // "10ms 以下", "200ms 이하", "750ms maximum", "~5min or even less", "2,000 RPS or more".
    [GeneratedRegex(@"(?<num>\d[\d,]*(?:\.\d+)?)\s?(?<mult>[kKM](?![a-zA-Z]))?[\s-]?(?<unit>" + TargetUnits + @")\s*(?:\*\*|__)?\s*(?<post>以下|以内|未満|이하|이내|미만|(?<en>maximum|max\b|at (?:the )?most|tops\b|or (?:even )?(?:less|fewer|lower|under|below|faster|smaller|sooner)\b|(?<=\d[\s-]?[a-zA-Zµ]{1,7})(?:-|\s)?(?:timeout|time-?out|time limit|cap|(?:[a-z]+ )?limit)\b)|(?<more>minimum|at (?:the )?least|or (?:even )?(?:more|higher|greater|above)\b))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Postfix();

    // The first characters of Postfix's CJK comparators and its English words, one of which it cannot match without (FastPaths).
    private static readonly System.Buffers.SearchValues<char> PostfixStarts = System.Buffers.SearchValues.Create("以未이미");

    private static readonly System.Buffers.SearchValues<string> PostfixWords = System.Buffers.SearchValues.Create(
        ["max", "most", "tops", "timeout", "time-out", "time limit", "cap", "limit", "or less", "or even", "or fewer", "or lower", "or under", "or below", "or faster", "or smaller", "or sooner", "minimum", "least", "or more", "or higher", "or greater", "or above"],
        StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(?:fires?|firing|triggers?|pages? (?:when|if|on-call)|alert(?:s|ing)? (?:when|if|fires|triggers))\b|^\s*-?\s*(?:alert|expr)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex AlertCondition();

    [GeneratedRegex(@"\b(?:kills?|rejects?|refuses?|aborts?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Enforces();

    [GeneratedRegex(@"`[^`\n]+`")]
    private static partial Regex CodeSpan();

    // "Goal: 50K claims/s", "first pass towards a 3 second load": what the change aims at, without a comparator.
    [GeneratedRegex(@"\b(?:(?:target|goal|slo|sla|kpi|objective|budget|requirement)s?|towards?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatedGoal();

    [GeneratedRegex(@"\b(?:estimate[ds]?|estimated|projected|forecast)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Estimate();

    [GeneratedRegex(@"->|<-|=>|<=>|<>")]
    private static partial Regex ArrowAround();

    [GeneratedRegex(@"^\s*(?:e\.g\.|eg\.|for example|example:)", RegexOptions.IgnoreCase)]
    private static partial Regex TemplatePrompt();

    // A score (Lighthouse, Apdex, a quality index) with a comparator and a plain number of points.
    [GeneratedRegex(@"(?<metric>\b(?:[\w-]+\s+){0,2}(?:score|apdex|index)\b)[^.;]{0,60}?" + Comparator + @"\s*(?<num>\d{1,3}(?:\.\d+)?)(?!\s?(?:[A-Za-z%]|\d))", RegexOptions.IgnoreCase)]
    private static partial Regex ScoreTarget();
}
