using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Rendering;

/// <summary>Renders the <c>perf-review</c> check run (title, summary, text, conclusion).</summary>
public static class CheckRenderer
{
    // PLACEHOLDER (phase 0): replaced by the real renderer.
    public static CheckOutput Render(Verdict verdict, PresentationContext context)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(context);
        var missing = verdict.MissingRequired.Count();
        return new CheckOutput($"{missing} of 5 items missing", "", "",
            verdict.Conclusion == Conclusion.Failure ? CheckConclusion.Failure : CheckConclusion.Success);
    }
}
