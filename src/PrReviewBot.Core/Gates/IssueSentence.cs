namespace PrReviewBot.Core.Gates;

/// <summary>
/// One sentence of the issue, as plain text (code-span backticks and bold stars removed), with the line it sits on and
/// the gate section it belongs to (null outside any). The title is sentence zero, line 0.
/// </summary>
internal sealed record IssueSentence(string Text, int Line, GateKind? Gate, bool InConstraintItem, bool InList = false)
{
    public bool In(GateKind gate) => Gate == gate;

    public bool IsQuestion => Text.TrimEnd().EndsWith('?');
}
