using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Gates.Judges;

/// <summary>
/// Gate 2: the path or endpoint that carries the load, plus at least one of its traffic volume or share, its latency
/// distribution, the staleness its data tolerates or its read/write ratio — in prose, lists, tables or tool output.
/// A single current latency figure is not a distribution, a goal rate is not today's traffic, and "any page" is not a
/// path. What is still unknown after that is asked as further questions.
/// </summary>
internal sealed partial class HotPathGate : IGateJudge
{
    public GateKind Gate => GateKind.HotPath;

    public GateResult Judge(IssueFacts facts, IReadOnlyList<GateResult> earlier)
    {
        var r = facts.Reading;
        var answers = new List<string>();
        var withShare = r.Endpoints.Where(e => e.SharePercent is not null).ToList();
        answers.AddRange(withShare.Take(3).Select(e => "hot path: " + Phrasing.Describe(e)));
        if (r.Share is { } share && withShare.Count == 0)
        {
            answers.Add("share: \"" + Phrasing.Quote(share) + "\"");
        }
        if (r.Volume is { } volume)
        {
            answers.Add("load: \"" + Phrasing.Quote(volume) + "\"");
        }
        if (r.Distribution is { } distribution)
        {
            answers.Add("distribution: " + (distribution.Contains(' ', StringComparison.Ordinal) && distribution.Length > 40 ? "\"" + Phrasing.Quote(distribution) + "\"" : distribution));
        }
        if (r.Staleness is { } staleness)
        {
            answers.Add("staleness: \"" + Phrasing.Quote(staleness) + "\"");
        }
        if (r.ReadWriteRatio is { } ratio)
        {
            answers.Add("read/write: \"" + Phrasing.Quote(ratio) + "\"");
        }
        var hasFact = withShare.Count > 0 || r.Share is not null || r.Volume is not null || r.Distribution is not null || r.Staleness is not null || r.ReadWriteRatio is not null;
        var named = r.Endpoints.Any(e => e.Name.Length > 0) || facts.Sentences.Any(s => PathWord().IsMatch(s.Text)) || facts.Document.CodeBlocks.Count > 0;

        var questions = new List<string>();
        if (!hasFact && facts.EmptySection(Gate) is { } section)
        {
            questions.Add($"The \"{Phrasing.Quote(section)}\" section is still empty (TBD / N/A).");
        }
        if (!named && hasFact)
        {
            questions.Add("Which endpoints account for >80% of traffic? (Check access logs, APM)");
        }
        if (!hasFact)
        {
            var endpoints = r.Endpoints.Where(e => e.Name.Length > 0).Select(e => Phrasing.Endpoint(e.Name)).Take(3).ToList();
            questions.Add(endpoints.Count > 0
                ? $"What share of traffic does {Phrasing.List(endpoints)} take (or how many requests per second)? Which endpoints account for >80% of traffic? (Check access logs, APM)"
                : "Which endpoints account for >80% of traffic? (Check access logs, APM)");
            questions.Add(r.Latency.Count == 1
                ? $"One figure (today's {r.Latency[0].Percentile} of {Phrasing.Number(r.Latency[0].Value)} {r.Latency[0].Unit}) is not a distribution: give p50, p95 and p99 as well."
                : "What is the current latency distribution (p50, p95, p99) of those endpoints?");
        }

        var further = new List<string>();
        var total = withShare.Sum(e => e.SharePercent ?? 0);
        if (withShare.Count > 0 && total < 80)
        {
            further.Add($"The endpoints named cover {Phrasing.Number(total)}% of traffic: which others make up the >80%?");
        }
        if (r.Distribution is null && hasFact)
        {
            further.Add("What is the current latency distribution (p50, p95, p99)?");
        }
        if (r.Staleness is null)
        {
            further.Add("What staleness can the data tolerate? (Real-time? 30 seconds? 5 minutes?)");
        }
        if (r.ReadWriteRatio is null)
        {
            further.Add("What is the read/write ratio?");
        }
        return new GateResult(Gate, hasFact && named ? GateStatus.Satisfied : GateStatus.Open, answers, questions, further);
    }

    // Something that carries requests: an HTTP route, an endpoint, page, query, handler, call path or code identifier.
    [GeneratedRegex(@"(?:^|\s)(?:GET|POST|PUT|PATCH|DELETE)\s+/|(?<![\w.])/[a-z][\w{}:.\-]*(?:/[\w{}:.\-]*)*|\b(?:endpoints?|routes?|pages?|quer(?:y|ies)|handlers?|paths?|transactions?|views?|api calls?|calls?|requests?|rpcs?|resolvers?|lookups?|reads?|listings?|attempts?|operations?|jobs?|messages?|start-?ups?|stores?|services?|workers?|consumers?|queues?|maps?|functions?|methods?|apis?|flows?|checkout|orders?|launch\w*|запрос\w*|seiten?|anfragen?|consultas?|peticiones?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PathWord();
}
