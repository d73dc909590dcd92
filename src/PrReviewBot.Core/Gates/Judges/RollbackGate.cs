namespace PrReviewBot.Core.Gates.Judges;

/// <summary>
/// Gate 5: every optimization independently reversible. Satisfied by a switch that turns the change off without
/// redeploying plus a load test or alert rules that show whether it helped or hurt — and a circuit breaker as well
/// when the change brings in a new external dependency. A fallback on error alone is not a switch; a switch without a
/// load test or alerts cannot tell you when to use it. Flamegraph comparison is a further question.
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
            answers.Add("switch: " + Phrasing.List(rb.FlagNames.Take(4)));
        }
        else if (rb.FeatureFlag)
        {
            answers.Add(r.SwitchEvidence is { } sw ? "switch: \"" + Phrasing.Quote(sw) + "\"" : "switch: stated (no name yet)");
        }
        if (rb.LoadTestScript)
        {
            answers.Add(r.LoadTestEvidence is { } lt ? "load test: \"" + Phrasing.Quote(lt) + "\"" : "load test: stated");
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
        if (!rb.LoadTestScript && !rb.AlertRules)
        {
            questions.Add("Which load-test script will prove the improvement (before/after numbers, at least 60 s sustained at production rate), or which alert rules will catch a regression?");
        }
        var dependency = NewDependency(r);
        if (dependency is not null && !rb.CircuitBreaker)
        {
            questions.Add($"The change adds a new external dependency ({dependency}): where is its circuit breaker?");
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
        var satisfied = rb.FeatureFlag && (rb.LoadTestScript || rb.AlertRules) && (dependency is null || rb.CircuitBreaker);
        return new GateResult(Gate, satisfied ? GateStatus.Satisfied : GateStatus.Open, answers, questions, further);
    }

    /// <summary>A Redis layer asked for where none runs today is a new external dependency.</summary>
    internal static string? NewDependency(IssueReading reading) =>
        reading.ProposedSteps.Contains(2) && !reading.StepsInPlace.Contains(2) ? "Redis" : null;
}
