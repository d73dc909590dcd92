using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Findings;

/// <summary>Several optimizations in one PR: two or more switches, or two or more techniques.</summary>
internal sealed class BundledOptimizations : IFindingRule
{
    public string Id => FindingIds.BundledOptimizations;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        var techniques = context.Techniques;
        var flags = context.Switches.Select(s => s.Name).ToList();
        string? what = null;
        if (techniques.Count >= 2)
        {
            what = $"{techniques.Count} optimizations ({string.Join(", ", techniques)})";
        }
        else if (flags.Count >= 2)
        {
            what = $"{flags.Count} switches ({string.Join(", ", flags.Take(4).Select(f => $"`{f}`"))})";
        }
        if (what is null)
        {
            yield break;
        }
        yield return FindingFactory.Make(Id,
            $"This PR bundles {what}. If p99 regresses after release, nobody can tell which change caused it.",
            "The process asks for one optimization per PR with its own feature flag, so each can be measured and rolled back independently (\"If you cannot roll back a change independently, do not ship it bundled with other changes\").",
            "Split the PR: first the change the profile points at (with its flag and before/after numbers), then each further step in its own PR once metrics prove it is needed.");
    }
}
