using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Findings;

/// <summary>A flag named in the description that none of the changed files mentions.</summary>
internal sealed class FlagNotInDiff : IFindingRule
{
    public string Id => FindingIds.FlagNotInDiff;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        var texts = context.Pr.ChangedFileText;
        if (texts.Count == 0 || context.Switches.Count == 0)
        {
            yield break;
        }
        foreach (var flag in context.Switches.Select(s => s.Name))
        {
            var variants = new[] { flag, flag.Replace('-', '_'), flag.Replace('_', '-') };
            if (!texts.Values.Any(t => variants.Any(v => t.Contains(v, StringComparison.OrdinalIgnoreCase))))
            {
                yield return FindingFactory.Make(Id,
                    $"`{flag}` is named in the description but appears in none of the changed files.",
                    "A rollback flag only helps if the code reads it: the process asks for a flag that disables the optimization without a redeploy.",
                    $"Guard the new code path with `{flag}` (or correct the name in the description), e.g. `if (!flags.IsEnabled(\"{flag}\")) return OldPath();`.");
            }
        }
    }
}
