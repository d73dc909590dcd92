using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests;

/// <summary>Shorthand for reviewing a description in tests.</summary>
internal static class Review
{
    public static Verdict Of(string body, string title = "perf: change", IReadOnlyList<string>? labels = null, IReadOnlyList<string>? files = null, ReviewConfig? config = null) =>
        Reviewer.Default.Review(new PullRequestDescription(title, body, labels ?? [], files), config ?? ReviewConfig.Default);

    public static ItemResult Item(string body, ItemKind kind) => Of(body).Item(kind);

    public static bool Present(string body, ItemKind kind) => Item(body, kind).Present;

    public static IReadOnlyList<string> Rules(Verdict verdict) => verdict.Findings.Select(f => f.Rule).ToList();
}
