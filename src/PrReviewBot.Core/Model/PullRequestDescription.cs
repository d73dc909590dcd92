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
    /// <summary>
    /// Text known for some changed files (a diff patch or the file's content), by path. Lets the review check that
    /// a flag named in the description really appears in the change. Empty when nothing is known.
    /// </summary>
    public IReadOnlyDictionary<string, string> ChangedFileText { get; init; } = new Dictionary<string, string>();

    public static PullRequestDescription FromBody(string body) => new(string.Empty, body, []);
}
