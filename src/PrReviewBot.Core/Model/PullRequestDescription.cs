namespace PrReviewBot.Core.Model;

/// <summary>
/// What the review needs to know about a PR: its text, its labels and the paths it changes.
/// <see cref="ChangedFiles"/> is null when unknown (the CLI without <c>--files</c>); rules that need it then stay silent.
/// </summary>
public sealed record PullRequestDescription(
    string Title,
    string Body,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string>? ChangedFiles = null)
{
    public static PullRequestDescription FromBody(string body) => new(string.Empty, body, []);
}
