using System.Globalization;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Planning;

namespace PrReviewBot.Core.Gates.Judges;

/// <summary>
/// Gate 4: the escalation-ladder step the issue proposes, with the evidence that step's trigger asks for. Satisfied
/// when the issue proposes one technique, the shared technique catalogue maps it to a ladder step, the profile gate is
/// answered, and the measured evidence shows that step's trigger (step 1: queries dominate; step 2: repeated reads and
/// a staleness the data tolerates; step 3: the cache round trip despite a high hit rate; step 4: a measured stampede;
/// step 5: marshalling in the CPU profile; step 6: contention or allocation pressure at more than 10K requests per
/// second). Two or more techniques at once, a technique the ladder does not cover, or a step without its evidence keep
/// the gate open, with the reason.
/// </summary>
internal sealed partial class SimplestSolutionGate : IGateJudge
{
    public GateKind Gate => GateKind.SimplestSolution;

    public GateResult Judge(IssueFacts facts, IReadOnlyList<GateResult> earlier)
    {
        var r = facts.Reading;
        var units = Bundle.Units(facts.Techniques);
        var answers = new List<string>();
        if (units.Count > 0)
        {
            answers.Add("proposed: " + Phrasing.List(units.Select(u => u.Step is { } s ? $"{u.Name} (step {s.ToString(CultureInfo.InvariantCulture)})" : $"{u.Name} (outside the ladder)")));
        }
        if (r.StepsInPlace.Count > 0)
        {
            answers.Add("in place: " + StepNames(r.StepsInPlace));
        }

        var questions = new List<string>();
        var further = new List<string>(facts.Pick.Cautions);
        if (units.Count >= 2)
        {
            var what = units.All(u => u.Step is not null) ? "ladder steps" : "techniques";
            questions.Add($"This asks for {units.Count} {what} at once ({Phrasing.List(units.Select(u => u.Name))}). Take one step at a time, each with its own metric proof and feature flag: bundled, nobody can tell which one helped or hurt.");
            return new GateResult(Gate, GateStatus.Open, answers, questions, further);
        }
        if (units.Count == 0)
        {
            var pointed = facts.Pick.Step is { } p ? EscalationLadder.Step(p) : null;
            questions.Add(pointed is not null
                ? $"Which ladder step do you propose? The profile points at step {pointed.Number}, {pointed.Name}: say so, with the metric that proves it."
                : "Name the simplest sufficient change and the metric that proves it is needed, starting from step 1 of the escalation ladder.");
            return new GateResult(Gate, GateStatus.Open, answers, questions, further);
        }
        var unit = units[0];
        if (unit.Step is not { } stepNumber)
        {
            questions.Add($"{unit.Name} is not a step of the escalation ladder: say which measurement shows it is the simplest sufficient change, and how it will be proven and rolled back.");
            return new GateResult(Gate, GateStatus.Open, answers, questions, further);
        }
        var step = EscalationLadder.Step(stepNumber);
        var profiled = earlier.FirstOrDefault(g => g.Gate == GateKind.Profile)?.Satisfied == true;
        var trigger = profiled ? Trigger(facts, stepNumber) : null;
        if (trigger is null && profiled && facts.Pick.Step is { } pointedAt && pointedAt != stepNumber)
        {
            var pointed = EscalationLadder.Step(pointedAt);
            questions.Add(stepNumber > pointedAt
                ? $"You ask for step {step.Number} ({step.Name}), but the profile points at step {pointed.Number} ({pointed.Name}): start there. Step {step.Number} needs this proof first: {EscalationLadder.Step(step.Number - 1).MetricProofToEscalate}"
                : $"You ask for step {step.Number} ({step.Name}), but the profile points at step {pointed.Number} ({pointed.Name}): does step {step.Number} address the bottleneck the profile shows?");
            return new GateResult(Gate, GateStatus.Open, answers, questions, further);
        }
        if (trigger is null)
        {
            questions.Add($"Step {step.Number} ({step.Name}) applies when: {step.When} {(profiled ? "The evidence does not show that yet" : "Nothing measured shows that yet")}: add the metric that proves it. \"I think we need {EscalationLadder.ShortName(step.Number)}\" is not sufficient.");
            return new GateResult(Gate, GateStatus.Open, answers, questions, further);
        }
        answers.Add($"evidence for step {step.Number}: \"{Phrasing.Quote(trigger)}\"");
        if (facts.Pick.Step is { } pick && pick != stepNumber)
        {
            further.Add($"The profile reading also points at step {pick} ({EscalationLadder.Step(pick).Name}): check that step {step.Number} addresses the bottleneck it shows.");
        }
        return new GateResult(Gate, GateStatus.Satisfied, answers, questions, further);
    }

    /// <summary>The measured statement that shows the step's trigger, or null.</summary>
    internal static string? Trigger(IssueFacts facts, int step)
    {
        var r = facts.Reading;
        var evidence = r.MeasuredEvidence.Concat(r.ProfileFindings).Distinct().ToList();
        switch (step)
        {
            case 1:
                return evidence.FirstOrDefault(e => DatabaseWord().IsMatch(e));
            case 2:
                var repeated = evidence.FirstOrDefault(e => RepeatedReads().IsMatch(e));
                return repeated is not null && r.Staleness is not null ? repeated : null;
            case 6:
                var contention = evidence.FirstOrDefault(e => ContentionWord().IsMatch(e));
                return contention is not null && HighRate(r) ? contention : null;
            default:
                return facts.Pick.Step == step ? facts.Pick.Evidence.FirstOrDefault() : null;
        }
    }

    /// <summary>The ladder's range for its last step starts around 10K requests per second.</summary>
    private static bool HighRate(IssueReading r) =>
        r.Traffic.Any(t => t.Value >= 10_000) || (r.Volume is { } v && TenThousandPlus().IsMatch(v)) ||
        r.MeasuredEvidence.Concat(r.ProfileFindings).Any(e => TenThousandPlus().IsMatch(e));

    private static string StepNames(IEnumerable<int> steps) =>
        Phrasing.List(steps.Select(s => $"{s}. {EscalationLadder.Step(s).Name}"));

    [GeneratedRegex(@"\b(?:quer(?:y|ies)|sql|db|database|index(?:es)?|scans?|rows?|n\s?\+\s?1|select|etcd|postgres\w*|mysql|orm|lazy[- ]load\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseWord();

    [GeneratedRegex(@"\b(?:repeated|same (?:data|rows?|query|lookups?|keys?)|highest[- ]volume|most (?:frequent|called)|cumulative calls|calls|every request|per request|locality|hit (?:rate|ratio))\b", RegexOptions.IgnoreCase)]
    private static partial Regex RepeatedReads();

    [GeneratedRegex(@"\b(?:contention|contended|\w*mutex\w*|lock(?:s|ed|ing)?|blocking|block profile|gc|garbage collect\w*|allocat\w+|alloc)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContentionWord();

    [GeneratedRegex(@"(?:\b(?:[1-9]\d{1,2}(?:[.,]\d+)?\s?[kK]\+?|[1-9]\d{1,2},\d{3})\s*(?:qps|rps|tps|req(?:uests)?\s?/\s?s|requests per second|ops/s))", RegexOptions.IgnoreCase)]
    private static partial Regex TenThousandPlus();
}
