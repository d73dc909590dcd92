using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Gate 3 in prose: sentences that report what profiling found ("Profiling shows 60% of p99 time is in database
/// queries", "the flamegraph is dominated by json.Marshal"), told apart from guesses ("I think it's the DB") and from
/// profiling that has not happened yet ("we haven't profiled", "we will profile next week").
/// </summary>
internal static partial class ProfileStatements
{
    public static bool IsFinding(IssueSentence sentence)
    {
        var text = sentence.Text;
        if (IsGuess(text) || NotProfiled(text) || sentence.IsQuestion)
        {
            return false;
        }
        var finding = FindingCue().IsMatch(text);
        return finding && (ProfileSource().IsMatch(text) || sentence.In(GateKind.Profile));
    }

    public static bool IsGuess(string text) => Guess().IsMatch(text);

    public static bool HasFindingCue(string text) => FindingCue().IsMatch(text);

    /// <summary>True for a sentence that guesses at the bottleneck ("probably the DB", "I think the cache is slow").</summary>
    public static bool GuessesBottleneck(string text) => Guess().IsMatch(text) && BottleneckWord().IsMatch(text);

    public static bool NotProfiled(string text) => NotYet().IsMatch(text);

    /// <summary>A lead-in such as "Profiling shows:" or "pprof top:" whose list follows in the next blocks.</summary>
    public static bool IsLeadIn(string text) => text.TrimEnd().EndsWith(':') && ProfileSource().IsMatch(text) && !NotYet().IsMatch(text);

    [GeneratedRegex(@"\b(?:profil\w*|flame ?graphs?|flamecharts?|pprof|traces?|tracing|traced|apm|spans?|span breakdown|async-profiler|dotnet-trace|dotnet-counters|py-spy|perf (?:record|report|top)|pyroscope|parca|jaeger|tempo|datadog|new relic|honeycomb|x-ray|explain(?: analy[sz]e)?|slow ?query log|pg_stat_statements|wall[- ]clock|heap dump|cpu profile|mutex profile|block profile|sampl(?:ed|ing))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProfileSource();

    [GeneratedRegex(@"\d+(?:\.\d+)?\s?%|\b(?:dominat\w*|spen[dt]|spending|accounts? for|majority|most of|bottleneck|hot ?spots?|(?:is|are|sits?) in|blocked|waiting|shows?|showed|shown|points? (?:at|to)|pointed (?:at|to)|reveal\w*|indicat\w+|found|n\s?\+\s?1|takes?|took|bound|contention|contended|pressure|round[- ]trips?|\d+(?:\.\d+)?\s?ms)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FindingCue();

    [GeneratedRegex(@"\b(?:i think|we think|i guess|we guess|probably|maybe|might be|may be|seems?|seemingly|feels?|felt|suspect\w*|assum\w+|my guess|our guess|gut|hunch|intuition|i believe|we believe|i bet|pretty sure|must be the|likely|presumably|could be)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Guess();

    [GeneratedRegex(@"\b(?:db|database|quer(?:y|ies)|sql|cache|redis|cpu|network|gc|memory|lock|json|serializ\w+|upstream|disk|i/o|io)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BottleneckWord();

    [GeneratedRegex(@"\b(?:haven't|have not|hasn't|has not|not yet|never|no time to|didn't|did not|will|won't|going to|plan(?:ning)? to|need to|needs to|should|want to|todo|tbd|no|without|before|next step(?: is)? to)\b[^.]{0,30}\b(?:profil\w*|flame ?graph|trac(?:e|ed|ing)|pprof|apm|measur\w+)|\b(?:profil\w*|flame ?graph|trac(?:e|ing)|pprof)\b[^.]{0,20}\b(?:tbd|todo|pending|not (?:done|attached|available)|coming|to follow|later)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotYet();
}
