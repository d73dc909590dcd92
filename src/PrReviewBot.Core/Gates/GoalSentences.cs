using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Gate 1 as people write it when it is not a "metric comparator value" pair: a ceiling ("no call may take more than
/// 4 s", "the test fails any call whose p99 is above 1 s"), a share that must finish in time ("99% of calls must
/// return in under a second"), an error budget as a ratio ("fewer than 1 in 2,000 requests fail"), a memory or size
/// budget ("must fit in a 256 MB container", "get it back under 500 kB"), a regression's baseline to return to ("p99
/// back to the 40 ms we had"), a threshold the work is held to ("against the locked 2,000 ms threshold"), and the same
/// in German, Spanish and Russian. Each form carries its own reason to be a goal, so none of them reads a before/after
/// value or a current figure as a target.
/// </summary>
internal static partial class GoalSentences
{
    private const string Num = @"~?\s?\d[\d,.]*\s?(?:[kK](?![a-zA-Z]))?";

    private const string Unit = @"(?:ms|msec|milliseconds?|µs|s|secs?|seconds?|minutes?|min|[KMGT]i?B|kB|kb|mb|gb|%|rps|qps|req/s|sekunden?|segundos?|мс|с|сек\w*|мб|гб)(?![\w])";

    /// <summary>The goal the sentence states, quoted as written; null when it states none of these forms.</summary>
    public static string? Read(IssueSentence sentence)
    {
        var text = sentence.Text;
        if (sentence.IsQuestion || Hedge().IsMatch(text))
        {
            return null;
        }
        foreach (var form in new[] { Ceiling(), ShareInTime(), RatioBudget(), FitIn(), BackTo(), NamedThreshold(), FailsAbove(), RateThisWorkTargets() })
        {
            if (form.Match(text) is { Success: true } m)
            {
                return m.Value.Trim();
            }
        }
        // Under a "Goal" or "Expected" heading, "responds in 500 ms" is the goal itself.
        if (sentence.In(GateKind.HardTargets) && BareDuration().Match(text) is { Success: true } d)
        {
            return d.Value.Trim();
        }
        // Comparator words of other languages count where the sentence (or its section) says it is a goal.
        if ((sentence.In(GateKind.HardTargets) || ForeignGoalCue().IsMatch(text)) && ForeignComparator().Match(text) is { Success: true } f)
        {
            return f.Value.Trim();
        }
        return null;
    }

    // "no call to this endpoint takes more than 4 seconds", "nothing slower than 8 s", "no request over 3 s".
    [GeneratedRegex(@"\b(?:no|nothing|none of the|not a single)\s+(?:\w+\s+){0,6}?(?:(?:call|request|query|page|response|job|run|api call)s?\s+)?(?:[\w/`{}.-]+\s+){0,4}?(?:may |should |must |can |will )?(?:take|takes|taking|is|be|over|above|longer than|slower than|more than|exceed\w*)\s+(?:(?:over|above|longer than|slower than|more than)\s+)?" + Num + Unit, RegexOptions.IgnoreCase)]
    private static partial Regex Ceiling();

    // "99% of API calls must return in under 1 second".
    [GeneratedRegex(@"\b\d{2}(?:\.\d+)?\s?% of (?:\w+ ){0,3}(?:calls|requests|queries|responses|page ?views|jobs)\b[^.]{0,30}\b(?:must|should|need to|needs to|have to|has to|are to)\b[^.]{0,30}\b(?:under|within|below|less than|faster than)\s+(?:a |one |" + Num + Unit + @")", RegexOptions.IgnoreCase)]
    private static partial Regex ShareInTime();

    // "fewer than 1 in 2,000 requests fail", "at most one in 500 failing".
    [GeneratedRegex(@"\b(?:fewer than|less than|under|at most|no more than|below)\s+(?:1|one)\s+(?:in|out of|per)\s+\d[\d,.]*\s?[kK]?\s+(?:\w+\s+){0,2}(?:fail\w*|errors?|error out|time out|drop\w*)", RegexOptions.IgnoreCase)]
    private static partial Regex RatioBudget();

    // "must fit in a 256 MB container", "run within 512 MiB".
    [GeneratedRegex(@"\b(?:fit|fits|run|runs|stay|stays)\s+(?:in|into|within|inside)\s+(?:a |an |the |our )?\d[\d,.]*\s?(?:[KMGT]i?B|kB|mb|gb)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FitIn();

    // "p99 back to the 40 ms we had", "get it back under 500 kB" — but not "it has grown back to 7.5 MB".
    [GeneratedRegex(@"\b(?:(?:get|bring|keep|put)\s+(?:\w+\s+){0,2}back\s+(?:under|below|to|within)|back\s+(?:under|below|within))\s+(?:the\s+)?" + Num + Unit + @"|\bback to (?:the )?" + Num + Unit + @"\s+(?:we had|it was|from before|before|of the last (?:good )?(?:build|release|version))", RegexOptions.IgnoreCase)]
    private static partial Regex BackTo();

    // "against the locked 2,000 ms threshold", "the p99 threshold is 2 s", "permitted time ... is 200 ms".
    [GeneratedRegex(@"\d[\d,.]*\s?(?:ms|s|seconds?|[KMGT]i?B|kB)\s+(?:threshold|budget|ceiling|limit|slo)\b|\b(?:threshold|budget|ceiling|permitted time|allowed time|time budget)\b(?:\s+(?:\w+\s+){0,5}?)(?:is|of|at|:)\s+" + Num + Unit, RegexOptions.IgnoreCase)]
    private static partial Regex NamedThreshold();

    // "the test fails any API call whose 99th percentile is above 1 s", "fail when LCP > 3,000 ms".
    [GeneratedRegex(@"\bfails?\s+(?:any|every|each|when|if)\b[^.]{0,60}?\b(?:above|over|exceeds?|longer than|more than|slower than)\s+" + Num + Unit, RegexOptions.IgnoreCase)]
    private static partial Regex FailsAbove();

    // "at the 60k+ RPS this work targets".
    [GeneratedRegex(@"\d[\d,.]*\s?[kK]?\+?\s*(?:rps|qps|req/s|requests per second|ms|s)\s+(?:that |which )?(?:this|the|our) (?:\w+ )?(?:targets|aims? (?:at|for))\b", RegexOptions.IgnoreCase)]
    private static partial Regex RateThisWorkTargets();

    [GeneratedRegex(@"\b(?:responds?|returns?|loads?|completes?|finish(?:es)?|renders?|answers?)\s+(?:in|within|under)\s+(?:about\s+)?" + Num + Unit, RegexOptions.IgnoreCase)]
    private static partial Regex BareDuration();

    [GeneratedRegex(@"\b(?:muss|müssen|soll|ziel|debe|deben|objetivo|нужно|надо|должн\w*|держать|цель)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignGoalCue();

    [GeneratedRegex(@"(?:\b(?:weniger als|unter|höchstens|maximal|menos de|por debajo de|como máximo)|(?<![\p{L}])(?:ниже|меньше|не более|не больше|до))\s+" + Num + Unit, RegexOptions.IgnoreCase)]
    private static partial Regex ForeignComparator();

    // "might buy a couple of hundred qps", "maybe under 2 s": an estimate, not a goal.
    [GeneratedRegex(@"\b(?:might|maybe|perhaps|probably|could bring|would bring|estimate\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hedge();
}
