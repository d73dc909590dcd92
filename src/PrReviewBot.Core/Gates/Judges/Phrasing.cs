using System.Globalization;
using PrReviewBot.Core.Items.Constraint;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Gates.Judges;

/// <summary>How extracted facts are quoted in gate answers: short, plain, invariant numbers.</summary>
internal static partial class Phrasing
{
    public const int QuoteLength = 140;

    public static string Quote(string text)
    {
        var t = text.Replace('\n', ' ').Trim();
        if (t.Length <= QuoteLength)
        {
            return t;
        }
        var cut = QuoteLength - 1;
        if (char.IsHighSurrogate(t[cut - 1]))
        {
            cut--;
        }
        return t[..cut].TrimEnd() + "…";
    }

    public static string Describe(Target target) => ConstraintItem.Describe(target);

    public static string Describe(TrafficRate rate)
    {
        var kind = rate.Kind switch
        {
            RateKind.Target => "target",
            RateKind.Expected => "expected",
            _ => "current",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Number(rate.Value)} {rate.Unit} ({kind})");
    }

    public static string Describe(LatencyReading latency) =>
        string.Create(CultureInfo.InvariantCulture, $"current {latency.Percentile} {Number(latency.Value)} {latency.Unit}");

    public static string Describe(HotEndpoint endpoint) =>
        endpoint.SharePercent is { } share
            ? string.Create(CultureInfo.InvariantCulture, $"{(endpoint.Name.Length > 0 ? Endpoint(endpoint.Name) : "one endpoint (unnamed)")}: {Number(share)}% of traffic")
            : endpoint.Name;

    /// <summary>"the feed endpoint", "`GET /api/feed`": an endpoint name as it reads in a sentence.</summary>
    public static string Endpoint(string name) =>
        name.Length == 0 ? "the endpoint"
        : PathLike(name) ? $"`{name}`"
        : "the " + name;

    private static bool PathLike(string name) => name.Length < 120 && Path().IsMatch(name);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?:GET|POST|PUT|PATCH|DELETE) )?/[A-Za-z0-9_{}:.\-/]*$")]
    private static partial System.Text.RegularExpressions.Regex Path();

    public static string Number(double value) =>
        value >= 1000 && Math.Abs(value - Math.Round(value)) < 1e-9
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => string.Empty,
            1 => list[0],
            2 => $"{list[0]} and {list[1]}",
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }
}
