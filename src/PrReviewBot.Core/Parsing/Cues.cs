using System.Buffers;

namespace PrReviewBot.Core.Parsing;

/// <summary>
/// Cheap checks that decide whether a sentence can hold a measurement or a target before the expensive patterns
/// run. Most sentences in a description are neither; skipping them keeps a review linear and fast.
/// </summary>
internal static class Cues
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private static readonly SearchValues<string> MeasurementWords = SearchValues.Create(
        ["->", "=>", "from ", " vs", "versus", "before", "after", "was ", "previously", "instead of", "rather than", "compared ", "von ", "de ", "desde", "da ", "dal ", "dai "],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> Arrows = SearchValues.Create("→➜⟶➔⇒➡从從에か");

    private static readonly SearchValues<string> TargetWords = SearchValues.Create(
        ["<", ">", "under", "below", "less", "lower than", "fewer", "at most", "at least", "more than", "greater",
         "exceed", "within", "no worse", "no slower", "no higher", "no longer than", "no bigger", "no larger", "no heavier", "ceiling", "quota", "timeout", "inside", "up to", "off at", "time out", "times out", "capped", "cap of", "limit", "max", "minimum",
         "handle", "sustain", "support", "serve", "reach", "achieve", "stay", "target", "goal", "slo", "sla", "kpi",
         "objective", "budget", "requirement", "toward", "tops", "or even", "or more", "expectation",
         "menos de", "debajo de", "máximo", "maximo", "abaixo de", "moins de", "dessous de", "au plus", "weniger als", "chstens", "al menos", "au moins", "mindestens",
         "не более", "не больше", "не дольше", "не выше", "не превыша", "не менее", "не меньше", "не ниже", "менее", "меньше"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Stems of the words that say something costs time (bottleneck statements).</summary>
    public static readonly SearchValues<string> CostWords = SearchValues.Create(
        ["bottleneck", "dominat", "spen", "hot path", "hotpath", "hot spot", "hotspot", "slow", "expensive", "cost", "bound",
         "block", "wait", "time out", "times out", "timing out", "limit", "cap", "share of", "% of", "pointed", "show",
         "profile", "flame", "trace", "contention", "contended", "n+1", "round trip", "round-trip", "roundtrip", "pressure",
         "churn", "allocat", "stall", "trap", "render", "jank", "where the time goes", "of the time", "of its time", "of the cpu", "of the samples", "went into", "goes into", "more frequent", "too many", "too often", "because", "the problem", "the issue",
         "the cause", "caused by"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Words that make a code span in a sentence a switch name.</summary>
    public static readonly SearchValues<string> SwitchWords = SearchValues.Create(
        ["flag", "gate", "setting", "knob", "toggle", "env", "option", "switch", "config", "default", "opt-in", "opt in",
         "turn", "set ", "set`", "rollback", "roll back", "disable", "back out"],
        StringComparison.OrdinalIgnoreCase);

    public static bool Any(string text, SearchValues<string> words) => text.AsSpan().ContainsAny(words);

    public static bool HasDigit(string text) => text.AsSpan().ContainsAny(Digits);

    /// <summary>A sentence that could state a before/after pair.</summary>
    public static bool MayMeasure(string text) =>
        HasDigit(text) && (text.AsSpan().ContainsAny(MeasurementWords) || text.AsSpan().ContainsAny(Arrows));

    /// <summary>A sentence that could state a target.</summary>
    public static bool MayTarget(string text) =>
        HasDigit(text) && (text.AsSpan().ContainsAny(TargetWords) || text.AsSpan().ContainsAny(TargetSymbols));

    // Symbols and the first characters of comparators written in Chinese, Japanese and Korean.
    private static readonly SearchValues<char> TargetSymbols = SearchValues.Create("≤≥$€£低小超以未이미至最控高大不");
}
