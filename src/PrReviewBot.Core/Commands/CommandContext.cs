using PrReviewBot.Core.Rendering;

namespace PrReviewBot.Core.Commands;

/// <summary>Where a command was written.</summary>
public enum CommentTarget
{
    Issue,
    PullRequest,
}

/// <summary>
/// What a command decision needs to know that only the App can find out: where the comment is, who wrote it, whether
/// that user may override (asked of GitHub only for override and revoke; null when not asked), and the override in
/// force, if any.
/// </summary>
public sealed record CommandContext(
    CommentTarget Target,
    string ActorLogin,
    bool ActorIsBot,
    bool? ActorMayOverride = null,
    OverrideInfo? CurrentOverride = null)
{
    /// <summary>GitHub marks App and bot accounts with type <c>Bot</c> and a login ending in <c>[bot]</c>.</summary>
    public static bool IsBot(string? login, string? userType) =>
        string.Equals(userType, "Bot", StringComparison.OrdinalIgnoreCase) ||
        (login?.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase) ?? false);
}
