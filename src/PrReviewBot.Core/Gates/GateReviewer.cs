using PrReviewBot.Core.Gates.Judges;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Gate mode: judges an optimization issue (title and body) against the five gates of the process. Pure: strings in,
/// a verdict out. Safe to share between threads. Any input gives a verdict; none throws.
/// </summary>
public sealed class GateReviewer
{
    private readonly IReadOnlyList<IGateJudge> _judges =
    [
        new HardTargetsGate(),
        new HotPathGate(),
        new ProfileGate(),
        new SimplestSolutionGate(),
        new RollbackGate(),
    ];

    public static GateReviewer Default { get; } = new();

    public GateVerdict Judge(IssueDescription issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return Judge(IssueReader.Read(issue));
    }

    internal GateVerdict Judge(IssueFacts facts)
    {
        var results = new List<GateResult>();
        foreach (var judge in _judges)
        {
            results.Add(judge.Judge(facts, results));
        }
        return new GateVerdict { Gates = results, Reading = facts.Reading };
    }
}
