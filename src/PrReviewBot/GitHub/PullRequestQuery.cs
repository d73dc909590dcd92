using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrReviewBot.GitHub;

/// <summary>
/// The GraphQL documents that read a PR in one call: PR fields, labels, the first 100 changed paths, the config
/// file on the base branch and in the owner's <c>.github</c> repository and, when asked, the last 100 comments
/// (to find the sticky one). Bigger PRs page on with <see cref="FilesPage"/> and <see cref="CommentsPage"/>.
/// </summary>
internal static class PullRequestQuery
{
    public const string ConfigPath = ".github/perf-review.yml";
    public const string OrganizationRepository = ".github";
    public const int MaxFilePages = 30;      // GitHub lists at most 3,000 files of a PR.
    public const int MaxCommentPages = 20;

    private const string BlobFields = "... on Blob { text byteSize isBinary isTruncated }";
    private const string CommentFields = "pageInfo { hasPreviousPage startCursor } nodes { fullDatabaseId viewerDidAuthor body }";

    public const string Snapshot =
        "query PullRequestReview($owner: String!, $name: String!, $number: Int!, $configExpression: String!, $withComments: Boolean!) {\n" +
        "  repository(owner: $owner, name: $name) {\n" +
        "    defaultBranchRef { name }\n" +
        "    pullRequest(number: $number) {\n" +
        "      number title body state isDraft headRefOid baseRefName baseRefOid\n" +
        "      labels(first: 100) { nodes { name } }\n" +
        "      files(first: 100) { pageInfo { hasNextPage endCursor } nodes { path } }\n" +
        "      comments(last: 100) @include(if: $withComments) { " + CommentFields + " }\n" +
        "    }\n" +
        "    config: object(expression: $configExpression) { " + BlobFields + " }\n" +
        "  }\n" +
        "  organizationConfig: repository(owner: $owner, name: \"" + OrganizationRepository + "\") {\n" +
        "    config: object(expression: \"HEAD:" + ConfigPath + "\") { " + BlobFields + " }\n" +
        "  }\n" +
        "}";

    public const string FilesPage =
        "query PullRequestFiles($owner: String!, $name: String!, $number: Int!, $after: String!) {\n" +
        "  repository(owner: $owner, name: $name) { pullRequest(number: $number) {\n" +
        "    files(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { path } }\n" +
        "  } }\n" +
        "}";

    public const string CommentsPage =
        "query PullRequestComments($owner: String!, $name: String!, $number: Int!, $before: String!) {\n" +
        "  repository(owner: $owner, name: $name) { pullRequest(number: $number) {\n" +
        "    comments(last: 100, before: $before) { " + CommentFields + " }\n" +
        "  } }\n" +
        "}";

    /// <summary>The config file alone, on a base branch other than the one <see cref="Snapshot"/> guessed (a retargeted PR).</summary>
    public const string Config =
        "query PullRequestConfig($owner: String!, $name: String!, $configExpression: String!) {\n" +
        "  repository(owner: $owner, name: $name) { config: object(expression: $configExpression) { " + BlobFields + " } }\n" +
        "}";

    public static string ConfigExpression(string? baseRef) => $"{(string.IsNullOrEmpty(baseRef) ? "HEAD" : baseRef)}:{ConfigPath}";

    public static string Body(string query, object variables) =>
        new JsonObject
        {
            ["query"] = query,
            ["variables"] = JsonSerializer.SerializeToNode(variables),
        }.ToJsonString();
}
