using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Findings;

/// <summary>A cache added without profile evidence that I/O is the bottleneck.</summary>
internal sealed class CacheWithoutIoEvidence : IFindingRule
{
    public string Id => FindingIds.CacheWithoutIoEvidence;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        if (!context.Techniques.Contains("cache"))
        {
            yield break;
        }
        var io = context.Bottlenecks.Contains(BottleneckClass.Io) || context.Bottlenecks.Contains(BottleneckClass.ExternalDependency);
        if (context.ProfileArtifacts.Count > 0 && io)
        {
            yield break;
        }
        var missing = context.ProfileArtifacts.Count == 0 ? "no profile" : "a profile that does not show I/O as the bottleneck";
        yield return FindingFactory.Make(Id,
            $"This PR adds a cache with {missing}.",
            "The process says \"Only cache when profile shows I/O is the bottleneck\": a cache brings invalidation bugs and memory growth, and hides the real cost if the bottleneck is elsewhere.",
            "Attach the trace or profile that shows the repeated reads dominating (e.g. \"70% of request time is the same three SELECTs for hot items\") and the staleness the data tolerates.");
    }
}
