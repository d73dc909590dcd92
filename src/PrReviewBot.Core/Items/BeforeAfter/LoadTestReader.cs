using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Items.BeforeAfter;

/// <summary>
/// Reads the conditions a load test ran under: the tool (wrk, k6, vegeta...), how long it ran, at what rate and on
/// what data. The process asks for at least 60 s sustained on production-like data.
/// </summary>
internal static partial class LoadTestReader
{
    public static LoadTestContext? Read(DescriptionDocument document)
    {
        string? tool = null;
        double? duration = null;
        string? rate = null;
        string? dataset = null;
        foreach (var text in document.Prose.Concat(document.CodeBlocks.Select(c => c.Content)))
        {
            if (!Cues.HasDigit(text))
            {
                continue;
            }
            var plain = Sentences.Plain(text);
            tool ??= Tool().Match(plain) is { Success: true } t ? ToolName(t.Value) : WrkRunning().IsMatch(plain) ? "wrk" : null;
            duration ??= Duration(plain);
            rate ??= Rate().Match(plain) is { Success: true } r ? r.Groups["r"].Value.Trim() : null;
            dataset ??= Dataset().Match(plain) is { Success: true } d ? d.Value.Trim() : null;
        }
        return tool is null && duration is null && rate is null && dataset is null ? null : new LoadTestContext(tool, duration, rate, dataset);
    }

    private static double? Duration(string text)
    {
        if (!text.AsSpan().ContainsAny(DurationCues))
        {
            return null;
        }
        foreach (var regex in new[] { WrkRunning(), DurationFlag(), SustainedFor(), InLoadTestParens() })
        {
            var m = regex.Match(text);
            if (m.Success && Quantities.TryParseDuration(m.Groups["d"].Value, out var seconds) && seconds > 0)
            {
                return seconds;
            }
        }
        return null;
    }

    private static string ToolName(string raw)
    {
        var t = raw.Trim().ToLowerInvariant();
        return t.StartsWith("ab ", StringComparison.Ordinal) ? "ab" : t.StartsWith("hey ", StringComparison.Ordinal) ? "hey" : t.Split(' ')[0];
    }

    private static readonly System.Buffers.SearchValues<string> DurationCues = System.Buffers.SearchValues.Create(
        ["running", "-d", "-z", "--time", "-t", "duration", "for ", "sustained", "lasting", "run", "test", "("], StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(?:" + Tools.LoadTest + @")\b|\bab -[nc]\b|\bhey -[nzc]\b", RegexOptions.IgnoreCase)]
    private static partial Regex Tool();

    [GeneratedRegex(@"Running (?<d>\d+(?:\.\d+)?[smh]) test", RegexOptions.IgnoreCase)]
    private static partial Regex WrkRunning();

    [GeneratedRegex(@"(?:^|\s)(?:-d\s?|--duration[= ]|-z\s?|--time[= ]|-t\s?(?=\d+[smh]\b)|duration[=:]\s*)(?<d>\d+(?:\.\d+)?\s?(?:ms|[smh]|sec|min)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationFlag();

    [GeneratedRegex(@"\b(?:for|sustained(?: for)?|lasting|run of|runs? of)\s+(?:about\s+|~)?(?<d>\d+(?:\.\d+)?\s?(?:ms|s|sec|secs|seconds|m|min|mins|minutes|h|hours?)\b(?:\s?\d+\s?(?:s|sec|seconds)\b)?)", RegexOptions.IgnoreCase)]
    private static partial Regex SustainedFor();

    [GeneratedRegex(@"(?<d>\d+(?:\.\d+)?\s?(?:s|sec|secs|seconds|min|mins|minutes|h|hours?))\s*(?:runs?|test|load test|sustained|constant)\b|\((?:[^()]*,\s*)?(?<d>\d+(?:\.\d+)?\s?(?:s|sec|seconds|min|minutes|h))\s*(?:,[^()]*)?\)", RegexOptions.IgnoreCase)]
    private static partial Regex InLoadTestParens();

    [GeneratedRegex(@"(?:\s-R\s?|--rate[= ])(?<r>\d[\d,.]*\s?(?:/s)?)|\bat\s+(?<r>\d[\d,.]*\s?[kK]?\s?(?:RPS|QPS|TPS|req/s|requests/s(?:ec)?|rps|ops/s)(?:\s+(?:constant|sustained))?)(?!\w)", RegexOptions.IgnoreCase)]
    private static partial Regex Rate();

    [GeneratedRegex(@"\b(?:production[- ](?:sized|like|shaped|cardinality|data(?:set)?|traffic)|prod[- ]like|real traffic|replayed (?:production )?traffic|production payloads?)\b[^.;\n]{0,40}", RegexOptions.IgnoreCase)]
    private static partial Regex Dataset();
}
