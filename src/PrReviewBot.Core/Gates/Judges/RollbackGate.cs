namespace PrReviewBot.Core.Gates.Judges;

/// <summary>
/// Gate 5: every optimization independently reversible. Satisfied by a feature flag that disables it without
/// redeploying and a load-test script that proves the improvement. Flamegraph comparison, alert rules and a circuit
/// breaker for a new external dependency are further questions.
/// </summary>
internal sealed class RollbackGate : IGateJudge
{
    public GateKind Gate => GateKind.Rollback;

    public GateResult Judge(IssueFacts facts, IReadOnlyList<GateResult> earlier)
    {
        var r = facts.Reading;
        var rb = r.Rollback;
        var answers = new List<string>();
        if (rb.FlagNames.Count > 0)
        {
            answers.Add("feature flag: " + Phrasing.List(rb.FlagNames.Take(4)));
        }
        else if (rb.FeatureFlag)
        {
            answers.Add("feature flag: stated (no name yet)");
        }
        if (rb.LoadTestScript)
        {
            answers.Add("load test: stated");
        }
        if (rb.FlamegraphComparison)
        {
            answers.Add("flamegraph comparison: stated");
        }
        if (rb.AlertRules)
        {
            answers.Add("alert rules: stated");
        }
        if (rb.CircuitBreaker)
        {
            answers.Add("circuit breaker: stated");
        }

        var questions = new List<string>();
        if (!rb.FeatureFlag && facts.EmptySection(Gate) is { } section)
        {
            questions.Add($"The \"{Phrasing.Quote(section)}\" section is still empty (TBD / N/A).");
        }
        if (!rb.FeatureFlag)
        {
            questions.Add("Which feature flag disables the optimization without redeploying, and what happens when it is off?");
        }
        if (!rb.LoadTestScript)
        {
            questions.Add("Which load-test script will prove the improvement (before/after numbers, at least 60 s sustained at production rate)?");
        }

        var further = new List<string>();
        if (r.ProposedSteps.Count >= 2)
        {
            further.Add("One flag per optimization, so each can be disabled on its own.");
        }
        if (!rb.FlamegraphComparison)
        {
            further.Add("Plan a flamegraph comparison (before/after) for the hot-path change.");
        }
        if (!rb.AlertRules)
        {
            further.Add("Which alert rules detect a regression (p99 breach, cache hit-rate drop, error-rate spike)?");
        }
        if (NewDependency(r) is { } dependency && !rb.CircuitBreaker)
        {
            further.Add($"The change adds a new external dependency ({dependency}): where is its circuit breaker?");
        }
        return new GateResult(Gate, rb.FeatureFlag && rb.LoadTestScript ? GateStatus.Satisfied : GateStatus.Open, answers, questions, further);
    }

    /// <summary>A Redis layer asked for where none runs today is a new external dependency.</summary>
    internal static string? NewDependency(IssueReading reading) =>
        reading.ProposedSteps.Contains(2) && !reading.StepsInPlace.Contains(2) ? "Redis" : null;
}
