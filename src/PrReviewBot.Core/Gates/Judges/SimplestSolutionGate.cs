using PrReviewBot.Core.Planning;

namespace PrReviewBot.Core.Gates.Judges;

/// <summary>
/// Gate 4: which escalation-ladder step, with its metric proof. Satisfied when the issue asks for exactly one step and
/// the profile shows that step's trigger. Asking for several steps at once, for a step above the one the profile points
/// at, or for any step before gates 1–3 are answered keeps the gate open, with the reason.
/// </summary>
internal sealed class SimplestSolutionGate : IGateJudge
{
    public GateKind Gate => GateKind.SimplestSolution;

    public GateResult Judge(IssueFacts facts, IReadOnlyList<GateResult> earlier)
    {
        var r = facts.Reading;
        var pick = facts.Pick;
        var proposed = r.ProposedSteps;
        var answers = new List<string>();
        if (proposed.Count > 0)
        {
            answers.Add("asked for: " + Phrasing.List(r.ProposedTechniques.Where(t => !t.StartsWith("circuit", StringComparison.Ordinal)).DefaultIfEmpty(StepNames(proposed))) +
                        $" (ladder step{(proposed.Count > 1 ? "s" : string.Empty)} {Phrasing.List(proposed.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)))})");
        }
        if (r.StepsInPlace.Count > 0)
        {
            answers.Add("in place: " + StepNames(r.StepsInPlace));
        }

        var questions = new List<string>();
        var further = new List<string>(pick.Cautions);
        var measured = earlier.Where(g => g.Gate <= GateKind.Profile).All(g => g.Satisfied);
        if (proposed.Count >= 2)
        {
            questions.Add($"This asks for {proposed.Count} ladder steps at once ({StepNames(proposed)}). Take one step at a time, each with its own metric proof and feature flag: bundled, nobody can tell which one helped or hurt.");
        }
        if (!measured)
        {
            questions.Add(proposed.Count > 0
                ? $"Which one step does the metric proof support? \"I think we need {EscalationLadder.ShortName(proposed[^1])}\" is not sufficient; the step follows from gates 1–3, so answer those first."
                : "Which escalation-ladder step, with its metric proof? The step follows from the profile, so answer gates 1–3 first.");
            return new GateResult(Gate, GateStatus.Open, answers, questions, further);
        }

        var pointed = pick.Step is { } p ? EscalationLadder.Step(p) : null;
        if (pointed is not null)
        {
            answers.Add($"the profile points at step {pointed.Number} ({pointed.Name}): " + Phrasing.Quote(Phrasing.List(pick.Evidence.Take(2))));
        }
        if (proposed.Count == 0)
        {
            questions.Add(pointed is not null
                ? $"Which ladder step do you propose? The profile points at step {pointed.Number}, {pointed.Name}: say so, with the metric that proves it."
                : pick.OutsideLadder is { } outside
                    ? $"Name the simplest change that removes the bottleneck, with the metric that proves it. {outside}"
                    : "Name the simplest sufficient change and the metric that proves it is needed, starting from step 1 of the escalation ladder.");
        }
        else if (proposed.Count == 1)
        {
            var asked = EscalationLadder.Step(proposed[0]);
            if (pointed is null)
            {
                questions.Add($"Step {asked.Number} ({asked.Name}) applies when: {asked.When} The profile does not show that yet: add the metric that proves it.");
            }
            else if (asked.Number > pointed.Number)
            {
                var proof = EscalationLadder.Step(asked.Number - 1).MetricProofToEscalate;
                questions.Add($"You ask for step {asked.Number} ({asked.Name}), but the profile points at step {pointed.Number} ({pointed.Name}): start there. Step {asked.Number} needs this proof first: {proof}");
            }
            else if (asked.Number < pointed.Number)
            {
                questions.Add($"You ask for step {asked.Number} ({asked.Name}), but the profile points at step {pointed.Number} ({pointed.Name}): does step {asked.Number} address the bottleneck the profile shows?");
            }
            else
            {
                return new GateResult(Gate, GateStatus.Satisfied, answers, questions, further);
            }
        }
        return new GateResult(Gate, GateStatus.Open, answers, questions, further);
    }

    private static string StepNames(IEnumerable<int> steps) =>
        Phrasing.List(steps.Select(s => $"{s}. {EscalationLadder.Step(s).Name}"));
}
