using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Findings;

/// <summary>A profile is attached but the description never says what the bottleneck is.</summary>
internal sealed class BottleneckNotStated : IFindingRule
{
    public string Id => FindingIds.BottleneckNotStated;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        if (context.ProfileArtifacts.Count == 0 || context.Bottlenecks.Count > 0)
        {
            yield break;
        }
        yield return FindingFactory.Make(Id,
            "A profile is attached but the description does not say what the bottleneck is.",
            "Gate 3 asks which kind of bottleneck the profile shows — CPU, I/O, memory pressure, contention or an external dependency — because that decides which step of the escalation ladder applies.",
            "\"The flamegraph shows 31% of CPU in `encoding/json` marshal/unmarshal on the hot path (CPU-bound).\"");
    }
}
