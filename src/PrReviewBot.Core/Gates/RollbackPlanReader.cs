using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Gate 5 in prose: a feature flag to disable the change without redeploying, a load-test script, a flamegraph
/// comparison, alert rules, a circuit breaker — each counted only where the sentence does not deny it ("we don't have
/// feature flags", "no load tests yet") or merely ask about it.
/// </summary>
internal static partial class RollbackPlanReader
{
    public static bool FeatureFlag(IssueSentence s) => Affirmed(s, Flag());

    public static bool LoadTest(IssueSentence s) => Affirmed(s, LoadTestWord());

    public static bool FlamegraphComparison(IssueSentence s) => Affirmed(s, FlameCompare());

    public static bool AlertRules(IssueSentence s) => Affirmed(s, Alert());

    public static bool CircuitBreaker(IssueSentence s) => Affirmed(s, Breaker());

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

    [GeneratedRegex(@"\b(?:load[- ]?test(?:s|ing)?|load[- ]test(?:ing)? scripts?|stress[- ]test(?:s|ing)?|soak test\w*|k6|wrk2?|vegeta|locust|gatling|jmeter|ghz|artillery|bombardier|oha|tsung|siege|benchmark (?:scripts?|suite|harness))\b", RegexOptions.IgnoreCase)]
    private static partial Regex LoadTestWord();

    [GeneratedRegex(@"\bflame ?graphs?\b[^.]{0,40}\b(?:comparison|compare|diff\w*|before|after|side[- ]by[- ]side)\b|\b(?:compare|comparing|diff(?:ing)?|differential)\b[^.]{0,30}\b(?:flame ?graphs?|profiles?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FlameCompare();

    [GeneratedRegex(@"\b(?:alert(?:s|ing)?(?: rules?)?|alertmanager|pagerduty|opsgenie|slo burn(?:[- ]rate)?|burn[- ]rate alerts?|paging)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Alert();

    [GeneratedRegex(@"\b(?:circuit[- ]breakers?|bulkheads?|polly|resilience4j|hystrix|gobreaker)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Breaker();

    [GeneratedRegex(@"\b(?:no|not|don't|do not|doesn't|does not|without|lack\w*|missing|haven't|have not|has no|have no|none|never|nor|neither)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Denied();

    [GeneratedRegex(@"\b(?:tbd|todo|to be (?:defined|decided|written|added)|unknown|not sure|n/a)\b|^\s*(?:-|—|–|\?+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Unanswered();
}
