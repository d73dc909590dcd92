namespace PrReviewBot.Core.Parsing;

/// <summary>
/// Cheap checks and equivalent forms that skip work whose answer is already known: a pattern that cannot match
/// without a character the text lacks is not run; a pattern is written so it cannot backtrack without end; a fact
/// every caller asks for is worked out once. Each one gives the answer the plain path gives, on every input (see
/// docs/PERFORMANCE.md). Set the environment variable <c>PRREVIEWBOT_FAST_PATHS=0</c> to take the plain path
/// everywhere: the same verdicts, slower; the switch exists to measure the shortcuts and to rule them out when
/// chasing a bug.
/// </summary>
internal static class FastPaths
{
    /// <summary>On unless <c>PRREVIEWBOT_FAST_PATHS=0</c>; settable so tests can compare both paths on one text.</summary>
    internal static bool On { get; set; } = Environment.GetEnvironmentVariable("PRREVIEWBOT_FAST_PATHS") != "0";
}
