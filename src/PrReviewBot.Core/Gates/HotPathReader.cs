using System.Globalization;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Reads Gate 2 from sentences: which endpoints carry the traffic ("The feed endpoint accounts for 88% of traffic",
/// "`GET /api/feed` — 88%"), what staleness the data tolerates and the read/write ratio.
/// </summary>
internal static partial class HotPathReader
{
    private static readonly HashSet<string> NotANameWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "our", "my", "your", "this", "that", "these", "those", "a", "an", "its", "their", "each", "every", "one",
        "which", "what", "all", "main", "hot", "slow", "slowest", "busiest", "same", "of", "for", "on", "in", "to", "and",
        "is", "are", "handles", "handle", "single", "only", "new", "api", "rest", "http", "public", "some", "other", "most",
        "where", "whose", "by", "from", "at", "with", "it", "we", "them", "they", "any", "two", "three", "both", "few",
    };

    public static IEnumerable<HotEndpoint> Endpoints(string sentence, bool inHotPathSection)
    {
        var share = Share(sentence, inHotPathSection);
        var names = Names(sentence).ToList();
        if (names.Count == 0 && share is not null && !ProfileShare().IsMatch(sentence))
        {
            yield return new HotEndpoint(string.Empty, share);
            yield break;
        }
        for (var i = 0; i < names.Count; i++)
        {
            // A share belongs to the first endpoint named in its sentence ("/feed 88%, /post 7%" is read per list item).
            yield return new HotEndpoint(names[i], i == 0 ? share : null);
        }
    }

    /// <summary>The traffic share stated in a sentence: "88% of traffic", "traffic share: 88%", or a bare "88%" in the hot-path section.</summary>
    public static double? Share(string sentence, bool inHotPathSection)
    {
        var m = TrafficShare().Match(sentence);
        if (!m.Success)
        {
            m = ShareWord().Match(sentence);
        }
        if (!m.Success && inHotPathSection && !ProfileShare().IsMatch(sentence))
        {
            m = BarePercent().Match(sentence);
        }
        return m.Success && double.TryParse(m.Groups["pct"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) && pct is > 0 and <= 100
            ? pct
            : null;
    }

    public static IEnumerable<string> Names(string sentence)
    {
        var names = new List<string>();
        foreach (Match m in PathName().Matches(sentence))
        {
            var path = m.Groups["path"].Value.TrimEnd('.', ',', ')', ':');
            if (path.Length > 1 && !path.StartsWith("//", StringComparison.Ordinal))
            {
                names.Add((m.Groups["verb"].Success ? m.Groups["verb"].Value.ToUpperInvariant() + " " : string.Empty) + path);
            }
        }
        foreach (Match m in NamedEndpoint().Matches(sentence))
        {
            // The name is the run of words right before "endpoint", back to the first filler word ("pattern in feed
            // endpoint" → "feed").
            var all = m.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var words = new List<string>();
            for (var w = all.Length - 1; w >= 0 && !NotANameWords.Contains(all[w]); w--)
            {
                words.Insert(0, all[w]);
            }
            if (words.Count == 0)
            {
                continue;
            }
            var name = string.Join(' ', words) + " " + m.Groups["kind"].Value.ToLowerInvariant().TrimEnd('s');
            if (!names.Any(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                names.Add(name);
            }
        }
        return names;
    }

    /// <summary>A sentence that answers the staleness question, or null.</summary>
    public static bool AnswersStaleness(string sentence) =>
        StalenessWord().IsMatch(sentence) && !Unknown().IsMatch(sentence) && !sentence.TrimEnd().EndsWith('?') &&
        (Quantities.Find(sentence).Any(q => q.Quantity.Family == UnitFamily.Time) || StalenessAnswer().IsMatch(sentence));

    public static bool AnswersReadWriteRatio(string sentence) =>
        ReadWrite().IsMatch(sentence) && !Unknown().IsMatch(sentence) && !sentence.TrimEnd().EndsWith('?') &&
        (RatioNumber().IsMatch(sentence) || HeavyWord().IsMatch(sentence));

    // "60% of p99 time is in database queries": a share of time, not of traffic.
    [GeneratedRegex(@"\b(?:of|in)\s+(?:the\s+)?(?:p\d{2}|remaining|wall[- ]clock|cpu|total)\b|\btime\b|\bspent\b|\bcpu\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProfileShare();

    [GeneratedRegex(@"(?<pct>\d{1,3}(?:\.\d+)?)\s?%\s*(?:of\s+(?:all\s+|our\s+|total\s+|the\s+|api\s+|incoming\s+|overall\s+|production\s+)*(?:traffic|requests|calls|load|rps|qps|hits|page ?views|volume|api calls))", RegexOptions.IgnoreCase)]
    private static partial Regex TrafficShare();

    [GeneratedRegex(@"\b(?:traffic\s+)?share(?:\s+of\s+(?:traffic|requests))?\s*(?:is|of|:|=|~|≈|at)?\s*~?(?<pct>\d{1,3}(?:\.\d+)?)\s?%", RegexOptions.IgnoreCase)]
    private static partial Regex ShareWord();

    [GeneratedRegex(@"(?<!\d)~?(?<pct>\d{1,3}(?:\.\d+)?)\s?%")]
    private static partial Regex BarePercent();

    [GeneratedRegex(@"(?:(?<verb>\b(?:GET|POST|PUT|PATCH|DELETE)\b)\s+)?(?<![\w/.:%])(?<path>/[A-Za-z0-9_{}:.\-/]*[A-Za-z0-9_}])")]
    private static partial Regex PathName();

    [GeneratedRegex(@"\b(?<name>(?:[A-Za-z][\w-]*\s+){0,3}?[A-Za-z][\w-]*)\s+(?<kind>endpoints?|routes?|handlers?|rpcs?|resolvers?|mutations?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NamedEndpoint();

    [GeneratedRegex(@"\b(?:stale(?:ness)?(?!\s+(?:planner |query |table |optimi[sz]er )?(?:statistics|stats|plans?|locks?|branch\w*|code|docs?|comments?|issues?|prs?)\b)|freshness|fresh|real[- ]?time|up[- ]to[- ]date|eventual(?:ly)?[- ]consisten\w*|strong(?:ly)? consisten\w*|consistency|out[- ]of[- ]date|lag(?:ging)? behind)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StalenessWord();

    [GeneratedRegex(@"\b(?:real[- ]?time|must be (?:fresh|current|up[- ]to[- ]date)|strong(?:ly)? consisten\w*|eventual(?:ly)?[- ]consisten\w* is (?:fine|ok|acceptable)|(?:can|may) be stale|stale (?:data )?is (?:fine|ok|acceptable)|tolerat\w+|no staleness|never stale|minutes?|seconds?|hours?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StalenessAnswer();

    [GeneratedRegex(@"\b(?:unknown|not sure|unsure|tbd|todo|no idea|don't know|do not know|not known|to be (?:defined|decided|measured))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Unknown();

    [GeneratedRegex(@"\bread[/ -]?(?:to[/ -]?)?write(?:\s+ratio)?\b|\br/w\b|\breads?\s*(?::|/|to|vs\.?)\s*writes?\b|\bread[- ]heavy\b|\bwrite[- ]heavy\b|\bread[- ]mostly\b|\bmostly (?:reads|writes)\b|\breads?\b[^.]{0,30}\bwrites?\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReadWrite();

    [GeneratedRegex(@"\d+(?:\.\d+)?\s*:\s*\d+|\d+(?:\.\d+)?\s?%|\d+\s?x\b|\d+\s+(?:reads?|writes?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RatioNumber();

    [GeneratedRegex(@"\b(?:read[- ]heavy|write[- ]heavy|read[- ]mostly|mostly (?:reads|writes)|almost (?:all|no) (?:reads|writes)|rarely (?:written|updated|changes?))\b", RegexOptions.IgnoreCase)]
    private static partial Regex HeavyWord();
}
