using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Gate 5 in prose: a feature flag to disable the change without redeploying, a load-test script, a flamegraph
/// comparison, alert rules, a circuit breaker — each counted only where the sentence does not deny it ("we don't have
/// feature flags", "no load tests yet") or merely ask about it.
/// </summary>
internal static partial class RollbackPlanReader
{
    public static bool FeatureFlag(IssueSentence s) => Affirmed(s, Flag()) || Affirmed(s, SwitchPhrase());

    /// <summary>A load test, or a benchmark run that drives requests through the service ("benchmark bot, 10 min run,
    /// 10,000 requests", "serving benchmark of 1000 requests") — a micro-benchmark of one function is neither.</summary>
    public static bool LoadTest(IssueSentence s) => Affirmed(s, LoadTestWord()) || (Affirmed(s, BenchmarkRun()) && RequestLoad().IsMatch(s.Text));

    public static bool FlamegraphComparison(IssueSentence s) => Affirmed(s, FlameCompare());

    public static bool AlertRules(IssueSentence s) => Affirmed(s, Alert());

    public static bool CircuitBreaker(IssueSentence s) => Affirmed(s, Breaker());

    /// <summary>Pasted benchmark output that drove requests through the service (a serving benchmark, a crank report).</summary>
    public static bool BenchmarkOutput(IEnumerable<string> codeBlocks)
    {
        var all = string.Join('\n', codeBlocks);
        return BenchmarkRun().IsMatch(all) && RequestLoad().IsMatch(all);
    }

    private static bool Affirmed(IssueSentence sentence, Regex what)
    {
        if ((sentence.IsQuestion && !sentence.In(GateKind.Rollback)) || !what.IsMatch(sentence.Text))
        {
            return false;
        }
        foreach (var clause in sentence.Clauses)
        {
            var m = what.Match(clause);
            if (m.Success && !Denied().IsMatch(clause[..m.Index]) && !Unanswered().IsMatch(clause))
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"\b(?:feature[- ]flags?|feature[- ]toggles?|toggles?|kill[- ]?switch(?:es)?|flags?|flagged|launchdarkly|unleash|flipt|flagd|split\.io|configcat|growthbook|feature gates?|config switch(?:es)?|rollout percentage)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Flag();

    [GeneratedRegex(@"\b(?:load[- ]?test(?:s|ing)?|load[- ]test(?:ing)? scripts?|stress[- ]test(?:s|ing)?|soak test\w*|benchmark (?:scripts?|suite|harness)|" + Vocabulary.Tools.LoadTest + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex LoadTestWord();

    [GeneratedRegex(@"\bflame ?graphs?\b[^.]{0,40}\b(?:comparison|compare|diff\w*|before|after|side[- ]by[- ]side)\b|\b(?:compare|comparing|diff(?:ing)?|differential)\b[^.]{0,30}\b(?:flame ?graphs?|profiles?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FlameCompare();

    // "the setting still turns it back on", "a command-line switch", "`--disable-log-stats`", "behind a server-side flag".
    [GeneratedRegex(@"\b(?:setting|option|switch|toggle|config(?:uration)? (?:key|value))\b[^.]{0,40}\b(?:turn\w* (?:\w+ )?(?:back )?(?:on|off)|enable[sd]?|disable[sd]?|switch\w* (?:\w+ )?(?:on|off))\b|\b(?:turn\w*|switch\w*) (?:\w+ ){0,3}(?:back )?(?:on|off)\b[^.]{0,30}\b(?:setting|option|flag|switch)\b|(?<![\w-])--(?:disable|enable|no)-[\w-]+|\bbehind a (?:[\w-]+ )?(?:feature )?flag\b|\bflag to (?:enable|disable|turn)\b|\bcommand[- ]line (?:switch|flag|option)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SwitchPhrase();

    [GeneratedRegex(@"\b(?:benchmark(?:s|ing)? (?:bot|run|runs|results?)|bench_serving|serving benchmark|crank|throughput (?:run|report)|benchmark\s*\()", RegexOptions.IgnoreCase)]
    private static partial Regex BenchmarkRun();

    [GeneratedRegex(@"\b(?:requests|req/s|rps|qps|throughput|clients|concurrent|\d+ ?min(?:ute)?s? run)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RequestLoad();

    [GeneratedRegex(@"\b(?:alert(?:s|ing)?(?: rules?)?|alertmanager|pagerduty|opsgenie|slo burn(?:[- ]rate)?|burn[- ]rate alerts?|paging)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Alert();

    [GeneratedRegex(@"\b(?:" + Vocabulary.Resilience.CircuitBreakers + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex Breaker();

    [GeneratedRegex(@"\b(?:no|not|don't|do not|doesn't|does not|without|lack\w*|missing|haven't|have not|has no|have no|none|never|nor|neither)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Denied();

    [GeneratedRegex(@"\b(?:tbd|todo|to be (?:defined|decided|written|added)|unknown|not sure|n/a)\b|^\s*(?:-|—|–|\?+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Unanswered();
}
