using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core;

/// <summary>
/// The review: parse a PR description once, judge the five items and the findings, and return the verdict.
/// Pure: strings in, a verdict out.
/// </summary>
public sealed class Reviewer
{
    public static Reviewer Default { get; } = new();

    // PLACEHOLDER (phase 0): replaced by the real engine; kept only so the solution compiles while it is built.
    public Verdict Review(PullRequestDescription pr, ReviewConfig config)
    {
        ArgumentNullException.ThrowIfNull(pr);
        ArgumentNullException.ThrowIfNull(config);
        var items = ItemKinds.All
            .Select(k => new ItemResult(k, ItemStatus.Fail, config.Item(k).Required, [$"{k.DisplayName()} not found."], []))
            .ToList();
        return new Verdict
        {
            IsOptimization = true,
            DetectionReason = "placeholder",
            Conclusion = Conclusion.Failure,
            Mode = config.Mode,
            Items = items,
        };
    }
}
