using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Rendering;

/// <summary>Renders the sticky PR comment, exactly as the App posts it.</summary>
public static class CommentRenderer
{
    /// <summary>Hidden marker that identifies the bot's sticky comment among a PR's comments.</summary>
    public const string Marker = "<!-- prreviewbot:perf-review -->";

    // PLACEHOLDER (phase 0): replaced by the real renderer.
    public static string Render(Verdict verdict, PresentationContext context)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(context);
        return Marker + "\n" + string.Join("\n", verdict.Items.Select(i => $"- {i.Kind.DisplayName()}: {i.Status}"));
    }
}
