namespace PrReviewBot.Core.Gates;

public enum GateStatus
{
    Satisfied,
    Open,
}

/// <summary>
/// One gate as judged. <see cref="Answers"/> quote what the issue says for it; <see cref="Questions"/> are what must
/// still be answered before the gate is satisfied; <see cref="FurtherQuestions"/> are worth answering but do not hold
/// the gate open (a missing CPU budget, the staleness tolerance, alert rules...).
/// </summary>
public sealed record GateResult(
    GateKind Gate,
    GateStatus Status,
    IReadOnlyList<string> Answers,
    IReadOnlyList<string> Questions,
    IReadOnlyList<string> FurtherQuestions)
{
    public bool Satisfied => Status == GateStatus.Satisfied;

    /// <summary>The process's STOP sentence while the gate is open; null once it is satisfied.</summary>
    public string? Stop => Satisfied ? null : Gate.Stop();
}
