namespace PrReviewBot.Core.Gates.Judges;

/// <summary>Judges one gate: satisfied, or the specific questions still to answer. Gates are judged in order; a later
/// gate may look at the earlier ones (the ladder step follows from gates 1–3).</summary>
internal interface IGateJudge
{
    GateKind Gate { get; }

    GateResult Judge(IssueFacts facts, IReadOnlyList<GateResult> earlier);
}
