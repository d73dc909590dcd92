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
        ["→", "->", "➜", "=>", "⟶", "➔", "⇒", "➡", "—>", "from ", " vs", "versus", "before", "after"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> TargetWords = SearchValues.Create(
        ["<", ">", "≤", "≥", "under", "below", "less", "lower than", "fewer", "at most", "at least", "more than", "greater",
         "exceed", "within", "up to", "off at", "time out", "times out", "capped", "cap of", "limit", "max", "minimum",
         "handle", "sustain", "support", "serve", "reach", "achieve", "stay", "target", "goal", "slo", "sla", "kpi",
         "objective", "budget", "requirement"],
        StringComparison.OrdinalIgnoreCase);

    public static bool HasDigit(string text) => text.AsSpan().ContainsAny(Digits);

    /// <summary>A sentence that could state a before/after pair.</summary>
    public static bool MayMeasure(string text) => HasDigit(text) && text.AsSpan().ContainsAny(MeasurementWords);

    /// <summary>A sentence that could state a target.</summary>
    public static bool MayTarget(string text) => HasDigit(text) && text.AsSpan().ContainsAny(TargetWords);
}
