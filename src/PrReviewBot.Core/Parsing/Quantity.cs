using System.Globalization;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Parsing;

/// <summary>What kind of thing a unit measures; decides how values compare and which direction is better.</summary>
internal enum UnitFamily
{
    None,
    Time,
    Size,
    Rate,
    Percent,
    Count,
    Ratio,
}

/// <summary>A number with its unit as written ("240ms", "2,500 RPS", "1.2k", "49m34s") and a normalised value.</summary>
internal readonly record struct Quantity(double Value, string Unit, UnitFamily Family)
{
    /// <summary>The value in the family's base unit (milliseconds, bytes, per second) so quantities compare.</summary>
    public double Normalised => Family switch
    {
        UnitFamily.Time => Value * Quantities.TimeFactor(Unit),
        UnitFamily.Size => Value * Quantities.SizeFactor(Unit),
        UnitFamily.Rate => Value * Quantities.RateFactor(Unit),
        _ => Value,
    };
}

internal static partial class Quantities
{
    /// <summary>A number: digits with thousands separators and decimals, optionally with a k/M/B multiplier.</summary>
    public const string NumberPattern = @"(?<!(?!" + CjkLetter + @")[\w.])[-−+]?~?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?[kKM](?![a-zA-Z]))?";

    /// <summary>Scripts written without spaces, where a number follows a word directly ("約12秒", "클래스 3개").</summary>
    public const string CjkLetter = @"[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}\p{IsHangulSyllables}]";

    /// <summary>Units we understand, longest first so "ms" wins over "m" and "MB/s" over "MB".</summary>
    public const string UnitPattern =
        @"(?:req(?:uests)?\s?/\s?s(?:ec)?|requests per second|reqs?/s|rps|qps|tps|ops\s?/\s?(?:ms|us|µs)\b|ops\s?/\s?s(?:ec)?|ops/sec|op/s|iterations?/s|claims/s|fps|" +
        @"[KMGT]i?B\s?/\s?s(?:ec)?|[KMGT]bit/s|Gbps|Mbps|" +
        @"ns/op|B/op|allocs/op|(?:ms|µs|us|s)/(?:s|frame|op|req)|[a-z]{2,12}\s?/\s?s(?:ec)?\b|[a-z]{2,12} per second|[a-z]{2,12}\s?/\s?min\b|[a-z]{2,12} per minute|" +
        Units.Time + "|" +
        @"[KMGT]i?B|kB|bytes|B|[KMGT]i(?![A-Za-z])|%|µA|μA|uA|mA|mW|kW|W|" +
        CountUnits + "|" +
        @"x|×)";

    /// <summary>
    /// Things counted rather than measured: "27 queries", "8 allocations", "no round trips"; and scores in points, as
    /// audit tools give them ("92 points", Korean "92점", Japanese "92点").
    /// </summary>
    public const string CountUnits = @"queries|query|requests|rows|allocs|allocations|objects|calls|round[- ]trips|items|points|pts|점|点";


    /// <summary>All quantities with a unit in a piece of text, in order.</summary>
    public static IEnumerable<(Quantity Quantity, int Index, int Length)> Find(string text)
    {
        foreach (Match m in QuantityRegex().Matches(text))
        {
            if (m.Groups["cm"].Success)
            {
                // "0m3.420s", as `time` prints it: minutes and seconds, in seconds.
                var seconds = double.Parse(m.Groups["cm"].Value, System.Globalization.CultureInfo.InvariantCulture) * 60 +
                              double.Parse(m.Groups["cs"].Value, System.Globalization.CultureInfo.InvariantCulture);
                yield return (new Quantity(seconds, "s", UnitFamily.Time), m.Index, m.Length);
                continue;
            }
            if (TryParseNumber(m.Groups["num"].Value, out var value))
            {
                var unit = CanonicalUnit(m.Groups["unit"].Value);
                yield return (new Quantity(value, unit, FamilyOf(unit)), m.Index, m.Length);
            }
        }
    }

    private static readonly System.Buffers.SearchValues<string> NumberWordStarts = System.Buffers.SearchValues.Create(
        ["one ", "two ", "three ", "four ", "five ", "six ", "seven ", "eight ", "nine ", "ten ", "eleven ", "twelve ", "fifteen ",
         "twenty ", "thirty ", "forty", "fifty ", "sixty ", "ninety ", "hundred "],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Small numbers spelled out before a unit of time written as digits: "within three minutes" → "within 3 minutes".
    /// Other words stay as they are ("one of the two queries").
    /// </summary>
    public static string WithSpelledNumbers(string text) =>
        !text.AsSpan().ContainsAny(NumberWordStarts) ? text : SpelledNumber().Replace(text, m => NumberWordValue(m.Value).ToString(CultureInfo.InvariantCulture));

    private static int NumberWordValue(string word) => word.ToLowerInvariant().Replace('-', ' ') switch
    {
        "one" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7, "eight" => 8, "nine" => 9,
        "ten" => 10, "eleven" => 11, "twelve" => 12, "fifteen" => 15, "twenty" => 20, "thirty" => 30, "forty" => 40,
        "forty five" => 45, "fifty" => 50, "sixty" => 60, "ninety" => 90, _ => 100,
    };

    [GeneratedRegex(@"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty(?:[- ]five)?|fifty|sixty|ninety|hundred)(?=\s+(?:" + Units.TimeInProse + @")\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpelledNumber();

    /// <summary>Parses "2,500", "1.2k", "~400", "−3.5", "108K" (invariant culture).</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        var t = text.Trim().Replace("~", string.Empty, StringComparison.Ordinal).Replace('−', '-').Replace(",", string.Empty, StringComparison.Ordinal).Trim();
        var multiplier = 1.0;
        if (t.Length > 0)
        {
            switch (t[^1])
            {
                case 'k' or 'K':
                    multiplier = 1_000;
                    t = t[..^1].Trim();
                    break;
                case 'M':
                    multiplier = 1_000_000;
                    t = t[..^1].Trim();
                    break;
            }
        }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
        {
            value = v * multiplier;
            return double.IsFinite(value);
        }
        value = 0;
        return false;
    }

    /// <summary>Parses a quantity such as "2.38s", "975MB", "45.28m" (benchstat's milli), "17.39ms".</summary>
    public static bool TryParse(string text, out Quantity quantity)
    {
        var m = QuantityRegex().Match(text.Trim());
        if (m.Success && m.Index == 0 && m.Groups["cm"].Success && Find(text.Trim()).FirstOrDefault() is { Quantity.Unit: not null } composite)
        {
            quantity = composite.Quantity;
            return true;
        }
        if (m.Success && m.Index == 0 && TryParseNumber(m.Groups["num"].Value, out var value))
        {
            var unit = CanonicalUnit(m.Groups["unit"].Value);
            quantity = new Quantity(value, unit, FamilyOf(unit));
            return true;
        }
        if (TryParseNumber(text, out var bare))
        {
            quantity = new Quantity(bare, string.Empty, UnitFamily.None);
            return true;
        }
        quantity = default;
        return false;
    }

    /// <summary>Durations written as "49m34s", "13 min 30 s", "1h 5m", "10 min", "30s" in seconds.</summary>
    /// <summary>
    /// A duration written on a clock: "10:52" (minutes and seconds), "1:02:33" and "0:05.86" (hours first when there are
    /// three parts), as CI tables, GNU time and tqdm print them.
    /// </summary>
    public static bool TryParseClock(string text, out double seconds)
    {
        seconds = 0;
        var m = Clock().Match(text.Trim());
        if (!m.Success)
        {
            return false;
        }
        foreach (var part in m.Value.Split(':'))
        {
            seconds = (seconds * 60) + double.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
        }
        return true;
    }

    [GeneratedRegex(@"^(?:\d{1,3}:)?[0-5]?\d:[0-5]\d(?:\.\d+)?$")]
    private static partial Regex Clock();

    public static bool TryParseDuration(string text, out double seconds)
    {
        seconds = 0;
        var any = false;
        foreach (Match m in DurationPart().Matches(text))
        {
            if (!TryParseNumber(m.Groups["n"].Value, out var n))
            {
                continue;
            }
            var unit = m.Groups["u"].Value.ToLowerInvariant();
            seconds += unit switch
            {
                "ms" => n / 1000,
                var u when u.StartsWith('h') => n * 3600,
                var u when u.StartsWith('m') => n * 60,
                _ => n,
            };
            any = true;
        }
        return any;
    }

    public static string CanonicalUnit(string raw)
    {
        var u = raw.Trim();
        var lower = u.ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        return lower switch
        {
            "μs" or "us" or "µs" or "microsecond" or "microseconds" => "µs",
            "ns" or "nanosecond" or "nanoseconds" => "ns",
            "ms" or "msec" or "msecs" or "millis" or "millisecond" or "milliseconds" => "ms",
            "s" or "sec" or "secs" or "second" or "seconds" => "s",
            "m" or "min" or "mins" or "minute" or "minutes" => "min",
            "h" or "hr" or "hrs" or "hour" or "hours" => "h",
            _ when ForeignTimeUnit(lower) is { } foreign => foreign,
            "req/s" or "req/sec" or "requests/s" or "requests/sec" or "requestspersecond" or "reqs/s" => "req/s",
            "rps" => "RPS",
            "qps" => "QPS",
            "tps" => "TPS",
            "fps" => "fps",
            "ops/s" or "ops/sec" or "op/s" => "ops/s",
            "x" or "×" => "x",
            "query" or "queries" => "queries",
            "allocations" or "allocs" => "allocs",
            "roundtrips" or "round-trips" or "roundtrip" => "round trips",
            "points" or "pts" or "점" or "点" => "points",
            "bytes" or "b" => "B",
            "kb" => u == "kB" ? "kB" : "KB",
            "mb" => "MB",
            "gb" or "g" => "GB",
            "tb" => "TB",
            "kib" => "KiB",
            "mib" => "MiB",
            "gib" => "GiB",
            "mb/s" or "mb/sec" => "MB/s",
            "gb/s" or "gb/sec" => "GB/s",
            "kb/s" or "kb/sec" => "KB/s",
            "mib/s" => "MiB/s",
            "ki" => "KiB",
            "mi" => "MiB",
            "gi" => "GiB",
            "ti" => "TiB",
            "μa" or "ua" or "µa" => "µA",
            "ma" => "mA",
            "mw" => "mW",
            "kw" => "kW",
            "w" => "W",
            "%" => "%",
            _ => lower,
        };
    }

    /// <summary>The canonical unit of a time unit written in another language ("horas", "秒", "밀리초"), or null.</summary>
    private static string? ForeignTimeUnit(string lower) => lower switch
    {
        "毫秒" or "ミリ秒" or "밀리초" or "мс" => "ms",
        _ when lower.StartsWith("миллисекунд", StringComparison.Ordinal) => "ms",
        _ when lower.StartsWith("сек", StringComparison.Ordinal) => "s",
        _ when lower.StartsWith("мин", StringComparison.Ordinal) => "min",
        _ when lower.StartsWith("час", StringComparison.Ordinal) => "h",
        _ when lower.StartsWith("mili", StringComparison.Ordinal) || lower.StartsWith("milli", StringComparison.Ordinal) => "ms",
        "秒" or "초" => "s",
        _ when lower.StartsWith("segundo", StringComparison.Ordinal) || lower.StartsWith("seconde", StringComparison.Ordinal) || lower.StartsWith("sekunde", StringComparison.Ordinal) => "s",
        "分钟" or "分" or "분" => "min",
        _ when lower.StartsWith("minuto", StringComparison.Ordinal) || lower == "minuten" => "min",
        "小时" or "時間" or "시간" => "h",
        _ when lower.StartsWith("hora", StringComparison.Ordinal) || lower.StartsWith("heure", StringComparison.Ordinal) || lower.StartsWith("stunde", StringComparison.Ordinal) => "h",
        _ => null,
    };

    public static UnitFamily FamilyOf(string unit) => unit.ToLowerInvariant() switch
    {
        "ns" or "µs" or "ms" or "s" or "min" or "m" or "h" or "ns/op" => UnitFamily.Time,
        "b" or "kb" or "mb" or "gb" or "tb" or "kib" or "mib" or "gib" or "tib" or "b/op" => UnitFamily.Size,
        "%" => UnitFamily.Percent,
        "x" => UnitFamily.Ratio,
        "queries" or "requests" or "rows" or "allocs" or "objects" or "calls" or "round trips" or "items" or "allocs/op" or "points" => UnitFamily.Count,
        "µa" or "ma" or "mw" or "kw" or "w" => UnitFamily.Count,
        var u when u.StartsWith("ms/", StringComparison.Ordinal) || u.StartsWith("µs/", StringComparison.Ordinal) || u.StartsWith("us/", StringComparison.Ordinal) || u.StartsWith("s/", StringComparison.Ordinal) => UnitFamily.Time,
        var u when u.Contains('/') || u.EndsWith(" per second", StringComparison.Ordinal) || u.EndsWith(" per minute", StringComparison.Ordinal) || u is "rps" or "qps" or "tps" or "fps" or "gbps" or "mbps" => UnitFamily.Rate,
        _ => UnitFamily.None,
    };

    internal static double TimeFactor(string unit) => unit.ToLowerInvariant().Split('/')[0] switch
    {
        "ns" or "ns/op" => 1e-6,
        "µs" => 1e-3,
        "ms" => 1,
        "s" => 1000,
        "min" or "m" => 60_000,
        "h" => 3_600_000,
        _ => 1,
    };

    internal static double SizeFactor(string unit) => unit.ToLowerInvariant() switch
    {
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        "tb" => 1e12,
        "kib" => 1024,
        "mib" => 1024 * 1024,
        "gib" => 1024.0 * 1024 * 1024,
        "tib" => 1024.0 * 1024 * 1024 * 1024,
        _ => 1,
    };

    internal static double RateFactor(string unit)
    {
        var u = unit.ToLowerInvariant();
        return u.StartsWith("kb", StringComparison.Ordinal) || u.StartsWith("kib", StringComparison.Ordinal) ? 1e3
            : u.StartsWith("mb", StringComparison.Ordinal) || u.StartsWith("mib", StringComparison.Ordinal) ? 1e6
            : u.StartsWith("gb", StringComparison.Ordinal) || u.StartsWith("gib", StringComparison.Ordinal) ? 1e9
            : 1;
    }

    [GeneratedRegex(@"(?<![\w.])(?<cm>\d{1,3})m(?<cs>\d{1,2}(?:\.\d+)?)s(?![A-Za-z0-9])|(?<num>" + NumberPattern + @")\s?(?:(?<unit>" + UnitPattern + @")|\[(?<unit>" + UnitPattern + @")\])(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuantityRegex();

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s?(?<u>ms|h(?:ours?|rs?)?|m(?:in(?:utes?|s)?)?|s(?:ec(?:onds?|s)?)?)(?![a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPart();
}
