using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Gates.Judges;

/// <summary>
/// Gate 1: concrete, measurable targets. Satisfied by one target, budget or ceiling the issue sets: a metric with a
/// comparator and a value (latency, throughput, error rate, CPU, memory, size), a goal written as a ceiling, an error
/// budget as a ratio, a size budget or a baseline to get back to, or an infrastructure limit. A measurement — a
/// before/after value or today's figure — never is. The other rows of the Gate 1 table, and the load the target must
/// hold at, are further questions with the process's "if missing" advice.
/// </summary>
internal sealed class HardTargetsGate : IGateJudge
{
    public GateKind Gate => GateKind.HardTargets;

    public GateResult Judge(IssueFacts facts, IReadOnlyList<GateResult> earlier)
    {
        var r = facts.Reading;
        var answers = new List<string>();
        answers.AddRange(r.Targets.Take(4).Select(t => "target: " + Phrasing.Describe(t)));
        answers.AddRange(r.StatedGoals.Take(Math.Max(1, 4 - r.Targets.Count)).Select(g => "goal: \"" + Phrasing.Quote(g) + "\""));
        answers.AddRange(r.Traffic.OrderByDescending(t => t.Value).Take(3).Select(t => "traffic: " + Phrasing.Describe(t)));
        if (r.InfraConstraint is { } infra)
        {
            answers.Add("infra constraint: " + Phrasing.Quote(infra));
        }

        var hasTarget = r.Targets.Count > 0 || r.StatedGoals.Count > 0 || r.InfraConstraint is not null;
        var hasLoad = r.Traffic.Count > 0 || r.Targets.Any(t => t.Metric == "throughput");
        var questions = new List<string>();
        if (!hasTarget)
        {
            if (facts.EmptySection(Gate) is { } section)
            {
                questions.Add($"The \"{Phrasing.Quote(section)}\" section is still empty (TBD / N/A): fill in the targets.");
            }
            foreach (var wish in facts.VagueWishes.Take(2))
            {
                questions.Add($"\"{Phrasing.Quote(wish)}\" is not a target: there is no way to know when you are done. Say which metric must reach which value.");
            }
            var current = r.Latency.FirstOrDefault();
            questions.Add(current is not null
                ? $"Latency: today's {current.Percentile} is {Phrasing.Number(current.Value)} {current.Unit}; what must it become? Set the target from the actual requirement (e.g. p95 < 80ms, p99 < 180ms end-to-end)."
                : "Latency: what must p95/p99 be (e.g. p95 < 80ms, p99 < 180ms end-to-end)? If you do not know, measure the current baseline first.");
        }
        if (!hasTarget && r.Latency.Count == 0 && (r.Targets.Count > 0 || facts.Reading.Distribution is not null))
        {
            questions.Add("A measurement is not a target: say which value the work must reach.");
        }

        var further = new List<string>();
        if (!hasLoad)
        {
            (hasTarget ? further : questions).Add("Throughput: at what load must the target hold (e.g. 2,500 RPS sustained)? Check access logs for actual traffic.");
        }
        var metrics = r.Targets.Select(t => t.Metric).ToHashSet();
        if (hasTarget && !metrics.Contains("latency"))
        {
            further.Add("Latency: no latency target (e.g. p95 < 80ms). Measure the current baseline first.");
        }
        if (!metrics.Contains("error rate"))
        {
            further.Add("Error budget: none stated (e.g. < 0.1% error rate). Define what counts as an error.");
        }
        if (!metrics.Contains("CPU"))
        {
            further.Add("CPU budget: none stated (e.g. average < 65% on app nodes). Profile current utilization.");
        }
        if (!metrics.Contains("memory"))
        {
            further.Add("Memory budget: none stated (e.g. steady-state < 60–70% of total RAM). Monitor current usage.");
        }
        if (r.InfraConstraint is null)
        {
            further.Add("Infra constraint: none stated (e.g. no new paid infrastructure). Clarify the budget before choosing tools.");
        }
        if (hasTarget && r.Monitoring.Count == 0)
        {
            further.Add("Every target must be monitored in production: link the dashboard that shows it. A target without a dashboard is a wish.");
        }
        return new GateResult(Gate, hasTarget ? GateStatus.Satisfied : GateStatus.Open, answers, questions, further);
    }
}
