namespace PrReviewBot.Core.Gates.Judges;

/// <summary>
/// Gate 2: which endpoints carry the traffic (with their share) and the current latency distribution. Staleness
/// tolerance and the read/write ratio are further questions: they decide later whether a cache is even allowed.
/// </summary>
internal sealed class HotPathGate : IGateJudge
{
    public GateKind Gate => GateKind.HotPath;

    public GateResult Judge(IssueFacts facts, IReadOnlyList<GateResult> earlier)
    {
        var r = facts.Reading;
        var answers = new List<string>();
        var withShare = r.Endpoints.Where(e => e.SharePercent is not null).ToList();
        answers.AddRange(withShare.Take(4).Select(e => "hot path: " + Phrasing.Describe(e)));
        answers.AddRange(r.Latency.Take(4).Select(l => "latency: " + Phrasing.Describe(l)));
        if (r.Staleness is { } staleness)
        {
            answers.Add("staleness: " + Phrasing.Quote(staleness));
        }
        if (r.ReadWriteRatio is { } ratio)
        {
            answers.Add("read/write: " + Phrasing.Quote(ratio));
        }

        var questions = new List<string>();
        if (withShare.Count == 0 && facts.EmptySection(Gate) is { } section)
        {
            questions.Add($"The \"{Phrasing.Quote(section)}\" section is still empty (TBD / N/A).");
        }
        if (withShare.Count == 0)
        {
            var named = r.Endpoints.Where(e => e.Name.Length > 0).Select(e => Phrasing.Endpoint(e.Name)).Take(3).ToList();
            questions.Add(named.Count > 0
                ? $"What share of traffic does {Phrasing.List(named)} take? Which endpoints account for >80% of traffic? (Check access logs, APM)"
                : "Which endpoints account for >80% of traffic? (Check access logs, APM)");
        }
        if (r.Latency.Count == 0)
        {
            questions.Add("What is the current latency distribution (p50, p95, p99) of those endpoints?");
        }

        var further = new List<string>();
        var total = withShare.Sum(e => e.SharePercent ?? 0);
        if (withShare.Count > 0 && total < 80)
        {
            further.Add($"The endpoints named cover {Phrasing.Number(total)}% of traffic: which others make up the >80%?");
        }
        if (r.Latency.Count > 0)
        {
            var missing = new[] { "p50", "p95", "p99" }.Where(p => !r.Latency.Any(l => l.Percentile == p)).ToList();
            if (missing.Count > 0)
            {
                further.Add($"Give the whole distribution, not one percentile: {Phrasing.List(missing)} too.");
            }
        }
        if (r.Staleness is null)
        {
            further.Add("What staleness can the data tolerate? (Real-time? 30 seconds? 5 minutes?)");
        }
        if (r.ReadWriteRatio is null)
        {
            further.Add("What is the read/write ratio?");
        }
        return new GateResult(Gate, withShare.Count > 0 && r.Latency.Count > 0 ? GateStatus.Satisfied : GateStatus.Open, answers, questions, further);
    }
}
