namespace PrReviewBot.Core.Vocabulary;

/// <summary>Units as regular-expression alternations, longest first where a shorter one is a prefix.</summary>
internal static class Units
{
    /// <summary>Units of time, from nanoseconds to hours, in the spellings descriptions use.</summary>
    public const string Time =
        "µs|μs|us|ns|ms|msecs?|millis(?:econds?)?|microseconds?|nanoseconds?|sec(?:onds?|s)?|s|minutes?|mins?|min|m|hours?|hrs?|h";

    /// <summary>The same, without the one-letter "m" and "h" that are ambiguous in prose (metres, hours as "h" after a rate).</summary>
    public const string TimeInProse =
        "µs|μs|us|ns|ms|msecs?|millis(?:econds?)?|microseconds?|nanoseconds?|sec(?:onds?|s)?|s|minutes?|mins?|min|hours?|hrs?";
}
