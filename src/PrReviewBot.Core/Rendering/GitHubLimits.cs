namespace PrReviewBot.Core.Rendering;

/// <summary>
/// GitHub's size limits on what the bot writes, in one place: the renderers fit their text to them, and the App cuts
/// to them again right before a write (GitHub answers 422 to anything longer).
/// </summary>
public static class GitHubLimits
{
    /// <summary>An issue or PR comment's body, in characters (422 "body is too long (maximum is 65536 characters)").</summary>
    public const int CommentBody = 65_536;

    /// <summary>Each of a check run's <c>output.summary</c> and <c>output.text</c> (the REST description's <c>maxLength</c>).</summary>
    public const int CheckOutputField = 65_535;

    /// <summary>A commit status's <c>description</c> (422 "description is too long (maximum is 140 characters)").</summary>
    public const int StatusDescription = 140;
}
