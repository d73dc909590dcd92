namespace PrReviewBot.Core.Rendering;

/// <summary>An override recorded by <c>/perf-review override</c>: the check passes while it stands.</summary>
public sealed record OverrideInfo(string User, string Reason, DateTimeOffset At);

/// <summary>What the renderers need beyond the verdict: where the report page is, and any override in force.</summary>
public sealed record PresentationContext(string? ReportUrl = null, OverrideInfo? Override = null)
{
    public static PresentationContext None { get; } = new();
}

/// <summary>The check run's conclusion as GitHub knows it.</summary>
public enum CheckConclusion
{
    Success,
    Failure,
    Neutral,
}

/// <summary>A check run's title, summary and text, each within GitHub's limits.</summary>
public sealed record CheckOutput(string Title, string Summary, string Text, CheckConclusion Conclusion);
