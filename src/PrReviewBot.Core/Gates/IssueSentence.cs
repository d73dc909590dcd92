namespace PrReviewBot.Core.Gates;

/// <summary>
/// One sentence of the issue, as plain text (code-span backticks and bold stars removed), with the line it sits on and
/// the gate section it belongs to (null outside any). The title is sentence zero, line 0.
/// </summary>
internal sealed record IssueSentence(string Text, int Line, GateKind? Gate, bool InConstraintItem, bool InList = false, bool InTable = false)
{
    public bool In(GateKind gate) => Gate == gate;

    private IReadOnlyList<string>? _clauses;

    public bool IsQuestion => Text.TrimEnd().EndsWith('?');

    /// <summary>The sentence's clauses (<see cref="Gates.Clauses"/>), split once.</summary>
    public IReadOnlyList<string> Clauses => _clauses ??= Gates.Clauses.Of(Text);

    /// <summary>A sentence about alerting ("Alert on p99 > 50ms") states a threshold, not a target or a current fact.</summary>
    public bool AboutAlerts => Text.Contains("alert", StringComparison.OrdinalIgnoreCase) || Text.Contains("page ", StringComparison.OrdinalIgnoreCase) && Text.Contains("on-call", StringComparison.OrdinalIgnoreCase);
}
