namespace PrReviewBot.Core.Vocabulary;

/// <summary>Units as regular-expression alternations, longest first where a shorter one is a prefix.</summary>
internal static class Units
{
    /// <summary>Units of time, from nanoseconds to hours, in the spellings descriptions use.</summary>
    public const string Time =
        "µs|μs|us|ns|ms|msecs?|millis(?:econds?)?|microseconds?|nanoseconds?|sec(?:onds?|s)?|s|minutes?|mins?|min|m|hours?|hrs?|h|" + Foreign;

    /// <summary>
    /// The same units in the other languages descriptions are written in (Spanish, Portuguese, French, German, Chinese,
    /// Japanese, Korean, Russian). Longest first; the CJK minute excludes "分の" (a fraction, "10分の1").
    /// </summary>
    public const string Foreign =
        "milisegundos?|millisecondes?|millisekunden|毫秒|ミリ秒|밀리초|segundos?|secondes?|sekunden|秒|초|" +
        "minutos?|minuten|分钟|分(?!の)|분|horas?|heures?|stunden|小时|時間|시간|" +
        // Russian, in the forms numbers take ("30 секунд", "2 минуты", "1 час")
        "миллисекунд[аы]?|мс|секунд[аы]?|сек|минут[аы]?|мин|час(?:а|ов)?";

    /// <summary>
    /// Words that make an amount approximate ("about 2 s", "~40 ms", "roughly a minute"); each reader adds the bounds it
    /// also accepts ("under", "at most", "only").
    /// </summary>
    public const string Approximately = "about|around|roughly|approximately|approx\\.?|nearly|almost|~";

    /// <summary>The same, without the one-letter "m" and "h" that are ambiguous in prose (metres, hours as "h" after a rate).</summary>
    public const string TimeInProse =
        "µs|μs|us|ns|ms|msecs?|millis(?:econds?)?|microseconds?|nanoseconds?|sec(?:onds?|s)?|s|minutes?|mins?|min|hours?|hrs?|" + Foreign;
}
