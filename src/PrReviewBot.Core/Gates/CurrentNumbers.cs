using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Reads today's numbers, as opposed to targets: latency percentiles ("p95 is 240ms", "p50/p95/p99: 40/240/610 ms",
/// "we're at 240ms p95"), request rates ("handles 2,500 RPS", "growing to 1,000 RPS") and resource usage ("CPU at 85%").
/// A number next to a target word ("target p95 is 80ms") is left to the target reader.
/// </summary>
internal static partial class CurrentNumbers
{
    private const string TimeUnit = @"(?<unit>ms|msec|milliseconds?|s|secs?|seconds?|µs|μs|us)";

    public static IEnumerable<LatencyReading> Latency(string sentence)
    {
        var found = new List<LatencyReading>();
        var taken = new List<(int Start, int End)>();
        foreach (Match m in SeveralPercentiles().Matches(sentence))
        {
            if (TargetLead(sentence, m.Index))
            {
                continue;
            }
            var pcts = m.Groups["pcts"].Value.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var values = m.Groups["nums"].Value.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unit = m.Groups["unit"].Success ? m.Groups["unit"].Value : UnitOf(values[^1]);
            if (pcts.Length != values.Length || unit is null)
            {
                continue;
            }
            for (var i = 0; i < pcts.Length; i++)
            {
                if (Quantities.TryParseNumber(NumberOf(values[i]), out var v))
                {
                    found.Add(new LatencyReading(pcts[i].ToLowerInvariant(), v, Quantities.CanonicalUnit(UnitOf(values[i]) ?? unit)));
                }
            }
            taken.Add((m.Index, m.Index + m.Length));
        }
        // "We need p95 under 80 ms (today it is 240ms)": a current value whose percentile was named earlier in the sentence.
        foreach (Match m in CurrentValue().Matches(sentence))
        {
            if (taken.Any(t => m.Index < t.End && t.Start < m.Index + m.Length))
            {
                continue;
            }
            var named = PercentileToken().Matches(sentence[..m.Index]).LastOrDefault() ?? PercentileToken().Match(sentence, m.Index + m.Length);
            if (named.Success && Quantities.TryParseNumber(m.Groups["num"].Value, out var current))
            {
                found.Add(new LatencyReading(PercentileName(named.Value), current, Quantities.CanonicalUnit(m.Groups["unit"].Value)));
                taken.Add((m.Index, m.Index + m.Length));
            }
        }
        foreach (var regex in new[] { PercentileThenValue(), ValueThenPercentile() })
        {
            foreach (Match m in regex.Matches(sentence))
            {
                var pctGroup = m.Groups["pct"];
                if (taken.Any(t => m.Index < t.End && t.Start < m.Index + m.Length) || TargetLead(sentence, Math.Min(m.Index, pctGroup.Index)) ||
                    TargetWord().IsMatch(m.Groups["mid"].Value))
                {
                    continue;
                }
                if (Quantities.TryParseNumber(m.Groups["num"].Value, out var v))
                {
                    found.Add(new LatencyReading(PercentileName(pctGroup.Value), v, Quantities.CanonicalUnit(m.Groups["unit"].Value)));
                    taken.Add((m.Index, m.Index + m.Length));
                }
            }
        }
        return found;
    }

    public static IEnumerable<TrafficRate> Rates(string sentence, IReadOnlyCollection<Target> targets)
    {
        foreach (var (quantity, index, _) in Quantities.Find(sentence))
        {
            if (!IsRequestRate(quantity.Unit))
            {
                continue;
            }
            var (before, after) = ClauseAround(sentence, index);
            var kind = targets.Any(t => t.Metric == "throughput" && Math.Abs(t.Value - quantity.Value) < 1e-9) ? RateKind.Target
                : CurrentWord().IsMatch(after) ? RateKind.Current
                : ExpectedCue().IsMatch(before) || ExpectedCue().IsMatch(after) ? RateKind.Expected
                : RateKind.Current;
            yield return new TrafficRate(quantity.Value, quantity.Unit, kind);
        }
    }

    /// <summary>Current error rate, CPU and memory figures, quoted as written ("CPU at 85%").</summary>
    public static IEnumerable<string> Usage(string sentence, IReadOnlyCollection<Target> targets)
    {
        foreach (Match m in UsageFigure().Matches(sentence))
        {
            var metric = m.Groups["m"].Value.ToLowerInvariant();
            var family = metric.Contains("err", StringComparison.Ordinal) || metric.Contains("5xx", StringComparison.Ordinal) ? "error rate"
                : metric.StartsWith("cpu", StringComparison.Ordinal) ? "CPU" : "memory";
            if (TargetLead(sentence, m.Index) || targets.Any(t => t.Metric == family))
            {
                continue;
            }
            yield return m.Value.Trim();
        }
    }

    public static bool IsRequestRate(string unit)
    {
        var u = unit.ToLowerInvariant();
        if (u is "rps" or "qps" or "tps" or "req/s" or "ops/s")
        {
            return true;
        }
        return u.EndsWith("/s", StringComparison.Ordinal) && Quantities.FamilyOf(unit) == UnitFamily.Rate &&
               !SizeRate().IsMatch(u);
    }

    /// <summary>True when the clause before <paramref name="index"/> states a goal rather than a measurement.</summary>
    private static bool TargetLead(string sentence, int index)
    {
        var lead = sentence[..index];
        var stop = lead.LastIndexOfAny(['.', ';', ',']);
        var clause = stop >= 0 ? lead[(stop + 1)..] : lead;
        return TargetWord().IsMatch(clause) && !CurrentWord().IsMatch(clause);
    }

    /// <summary>The words before and after a number within its clause ("We serve 800 RPS now | and expect 3,000 RPS").</summary>
    private static (string Before, string After) ClauseAround(string sentence, int index)
    {
        var before = sentence[..index];
        var cut = ClauseBreak().Matches(before).LastOrDefault();
        if (cut is not null)
        {
            before = before[(cut.Index + cut.Length)..];
        }
        var after = sentence[index..];
        var next = ClauseBreak().Match(after);
        if (next.Success)
        {
            after = after[..next.Index];
        }
        return (before, after);
    }

    // Clause ends: ";", a comma not inside a number, a full stop before a space, " and ", " but ", " while ".
    [GeneratedRegex(@";|,(?!\d{3})|\.(?=\s)|\s(?:and|but|while|whereas)\s", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBreak();

    private static string PercentileName(string raw)
    {
        var t = raw.Trim().ToLowerInvariant();
        return t switch
        {
            "median" => "p50",
            "average" or "avg" or "mean" => "mean",
            _ => t,
        };
    }

    private static string NumberOf(string value) => NumberPart().Match(value).Value;

    private static string? UnitOf(string value)
    {
        var m = TrailingUnit().Match(value);
        return m.Success ? m.Value : null;
    }

    [GeneratedRegex(@"\b(?:target(?:ed|s)?|goal|slo|sla|budget|should|must|want|wants|need|needs|under|below|less than|within|at most|max(?:imum)?|up to|aim(?:ing)?|required|requirement|expect(?:ed)?|<|≤)\b|[<≤]", RegexOptions.IgnoreCase)]
    private static partial Regex TargetWord();

    [GeneratedRegex(@"\b(?:current(?:ly)?|today|now|baseline|measured|actual|observed|we(?:'re| are) at|sits? at)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CurrentWord();

    [GeneratedRegex(@"(?<pct>\bp\d{2}(?:\.\d+)?\b|\bp100\b|\bmedian\b|\baverage\b|\bavg\b|\bmean\b)(?<mid>(?:\s+(?:latency|response times?|duration|time|for\s+[`/\w{}.-]+|on\s+[`/\w{}.-]+|of\s+(?:the\s+)?[`/\w{}.-]+(?:\s+endpoint)?)){0,2})\s*(?:(?:is|was|are|sits at|sitting at|hovers around|hovering around|currently|now|today|at|of|around|about|roughly|reaches|hits|:|=|≈|~)\s*){1,3}(?<num>\d[\d,]*(?:\.\d+)?)\s?" + TimeUnit + @"(?![\w/])", RegexOptions.IgnoreCase)]
    private static partial Regex PercentileThenValue();

    [GeneratedRegex(@"(?<num>(?<![\w.])\d[\d,]*(?:\.\d+)?)\s?" + TimeUnit + @"\s+(?:at\s+(?:the\s+)?|@\s*|in\s+)?(?<pct>\bp\d{2}(?:\.\d+)?\b)(?<mid>)", RegexOptions.IgnoreCase)]
    private static partial Regex ValueThenPercentile();

    [GeneratedRegex(@"(?<pcts>\bp\d{2}(?:\.\d+)?(?:\s*/\s*p\d{2,3}(?:\.\d+)?){1,3})\s*(?:latenc(?:y|ies)\s*)?(?:(?:is|are|was|were|currently|now|today|at|of|:|=)\s*){0,2}(?<nums>\d[\d,]*(?:\.\d+)?\s?(?:ms|s|µs)?(?:\s*/\s*\d[\d,]*(?:\.\d+)?\s?(?:ms|s|µs)?){1,3})(?:\s?(?<unit>ms|s|µs|seconds|milliseconds))?(?![\w/])", RegexOptions.IgnoreCase)]
    private static partial Regex SeveralPercentiles();

    [GeneratedRegex(@"\d[\d,]*(?:\.\d+)?")]
    private static partial Regex NumberPart();

    [GeneratedRegex(@"\b(?:today|currently|right now|at the moment|at present)(?:\s+(?:it|that|this|we)(?:'s|\s+(?:is|are|sits at|at|'re at))?|\s+(?:is|at|sits at|of|we're at)|\s*:)?\s*~?(?<num>\d[\d,]*(?:\.\d+)?)\s?" + TimeUnit + @"(?![\w/])", RegexOptions.IgnoreCase)]
    private static partial Regex CurrentValue();

    [GeneratedRegex(@"\bp\d{2}(?:\.\d+)?\b|\bmedian\b", RegexOptions.IgnoreCase)]
    private static partial Regex PercentileToken();

    [GeneratedRegex(@"(?:ms|µs|s)$")]
    private static partial Regex TrailingUnit();

    [GeneratedRegex(@"\b(?:expect\w*|projected|forecast\w*|growing|grow(?:s|th)?|will|initially|at launch|launch|next (?:year|quarter|month)|(?:in|within) \d+ (?:months?|weeks?|years?)|maybe|eventually|by (?:q\d|next|the end)|eventually|plan(?:ned)? for|anticipat\w+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExpectedCue();

    [GeneratedRegex(@"\b(?<m>error rate|errors?|5xx(?: rate)?|cpu(?: usage| utili[sz]ation| load)?|memory(?: usage)?|ram|rss|heap(?: usage)?)\b(?:\s+(?:is|at|of|sits at|averages?|averaging|around|about|peaks? at|currently|now|usage|utili[sz]ation))*\s*[:=~]?\s*\d[\d.,]*\s?(?:%|[KMGT]i?B)(?![\w/])", RegexOptions.IgnoreCase)]
    private static partial Regex UsageFigure();

    [GeneratedRegex(@"^(?:[kmgt]i?b|[kmgt]bit|bytes?|b)/s")]
    private static partial Regex SizeRate();
}
