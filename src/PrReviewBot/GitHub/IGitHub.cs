using PrReviewBot.Core.Rendering;
using PrReviewBot.Service;

namespace PrReviewBot.GitHub;

/// <summary>
/// Everything the bot needs from GitHub, and nothing more (policy-bot's <c>pull.Context</c> idea): evaluation
/// reads one snapshot; posting is a check (or status), a sticky comment, and, for commands, a permission.
/// </summary>
public interface IGitHub
{
    GitHubMode Mode { get; }

    /// <summary>
    /// The PR as it is now, with the config files that govern it (base branch, then the owner's <c>.github</c>
    /// repository) and, when <paramref name="findComment"/>, the bot's sticky comment. Null when the PR does not exist.
    /// <paramref name="baseRefHint"/> is where the config is read; a wrong hint costs one more call, never a wrong answer.
    /// </summary>
    Task<PullRequestSnapshot?> ReadPullRequestAsync(RepositoryRef repo, int number, string? baseRefHint, bool findComment, CancellationToken ct);

    /// <summary>Open PRs whose head is <paramref name="sha"/> (for check suites re-run on forks, which name no PR).</summary>
    Task<IReadOnlyList<int>> FindOpenPullRequestsForCommitAsync(RepositoryRef repo, string sha, CancellationToken ct);

    /// <summary>A completed check run in one call (App mode), or a commit status (token mode).</summary>
    Task PublishCheckAsync(RepositoryRef repo, CheckPublication check, CancellationToken ct);

    /// <summary>
    /// Whether the latest check run (App mode) or status (token mode) named like <paramref name="check"/> on its head SHA
    /// already says what it says: a run interrupted by a crash may have posted it without recording so.
    /// </summary>
    Task<bool> IsCheckPostedAsync(RepositoryRef repo, CheckPublication check, CancellationToken ct);

    Task<long> CreateCommentAsync(RepositoryRef repo, int number, string body, CancellationToken ct);

    /// <summary>Edits a comment in place; false when it no longer exists (someone deleted it).</summary>
    Task<bool> UpdateCommentAsync(RepositoryRef repo, long commentId, string body, CancellationToken ct);

    /// <summary>A user's permission on the repository: <c>admin</c>, <c>write</c>, <c>read</c> or <c>none</c>.</summary>
    Task<string> GetPermissionAsync(RepositoryRef repo, string user, CancellationToken ct);

    // Gate mode, plan and commands (issue 4) ------------------------------------------------------------------------

    /// <summary>
    /// An issue (or a PR, read as an issue) as gate mode, plan and the commands see it, in one GraphQL call: title, body,
    /// state, labels, the config files (default branch, then the owner's <c>.github</c> repository) and, when
    /// <paramref name="findComment"/>, the bot's sticky gate comment. Null when the number names nothing.
    /// </summary>
    Task<IssueSnapshot?> ReadIssueAsync(RepositoryRef repo, int number, bool findComment, CancellationToken ct);

    /// <summary>
    /// An issue a PR's constraint links, by a conditional REST request: unchanged since the last read, it costs no
    /// rate limit. Null when the number names no issue (or names a PR).
    /// </summary>
    Task<LinkedIssue?> ReadLinkedIssueAsync(RepositoryRef repo, int number, CancellationToken ct);

    /// <summary>
    /// The lines each changed file of a PR adds (the <c>+</c> lines of its patch), by path, read with conditional
    /// requests. Null when they cannot all be known: more files than are read, or a text diff GitHub does not return.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>?> ReadAddedLinesAsync(RepositoryRef repo, int number, CancellationToken ct);

    /// <summary>Adds a label to an issue or PR (GitHub creates the label in the repository if it does not exist).</summary>
    Task AddLabelAsync(RepositoryRef repo, int number, string label, CancellationToken ct);

    /// <summary>Removes a label from an issue or PR; false when it was not there.</summary>
    Task<bool> RemoveLabelAsync(RepositoryRef repo, int number, string label, CancellationToken ct);

    /// <summary>Whether <paramref name="user"/> is an active member of the team (false when not, or when the App may not see it).</summary>
    Task<bool> IsActiveTeamMemberAsync(RepositoryRef repo, string organization, string teamSlug, string user, CancellationToken ct);
}

/// <summary>A repository and the installation that may act on it (null in token mode).</summary>
public sealed record RepositoryRef(string Owner, string Name, long? InstallationId)
{
    public string FullName => $"{Owner}/{Name}";

    public static RepositoryRef Parse(string fullName, long? installationId)
    {
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == fullName.Length - 1)
        {
            throw new ArgumentException($"'{fullName}' is not owner/name", nameof(fullName));
        }
        return new RepositoryRef(fullName[..slash], fullName[(slash + 1)..], installationId);
    }

    public override string ToString() => FullName;
}

public enum PullRequestState
{
    Open,
    Closed,
    Merged,
}

public sealed record PullRequestSnapshot(
    int Number,
    string Title,
    string Body,
    PullRequestState State,
    bool IsDraft,
    string HeadSha,
    string BaseRef,
    string? BaseSha,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> ChangedFiles,
    ConfigFile? RepositoryConfig,
    ConfigFile? OrganizationConfig,
    StickyComment? Comment);

/// <summary>
/// A config file as found. <see cref="Text"/> is null when it cannot be read as text (<see cref="Problem"/> says why).
/// </summary>
public sealed record ConfigFile(string Location, string? Text, string? Problem);

public sealed record StickyComment(long Id, string Body);

/// <summary>An issue or PR read for gate mode, plan and commands. <see cref="GateComment"/> is the bot's sticky gate comment, if found.</summary>
public sealed record IssueSnapshot(
    int Number,
    string Title,
    string Body,
    bool IsPullRequest,
    bool IsOpen,
    IReadOnlyList<string> Labels,
    ConfigFile? RepositoryConfig,
    ConfigFile? OrganizationConfig,
    StickyComment? GateComment);

/// <summary>An issue linked from a PR's constraint: what gate mode judges.</summary>
public sealed record LinkedIssue(int Number, string Title, string Body);

/// <param name="StatusDescription">What a commit status says in token mode (at most 140 characters).</param>
public sealed record CheckPublication(string Name, string HeadSha, CheckOutput Output, string? DetailsUrl, string ExternalId, string StatusDescription);
