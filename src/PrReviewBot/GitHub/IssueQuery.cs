namespace PrReviewBot.GitHub;

/// <summary>
/// The GraphQL documents that read an issue (or a PR as an issue) in one call: title, body, state, labels, the config
/// file on the default branch and in the owner's <c>.github</c> repository and, when asked, the last 100 comments (to
/// find the sticky gate comment). Issues with more comments page on with <see cref="CommentsPage"/>.
/// </summary>
internal static class IssueQuery
{
    private const string BlobFields = "... on Blob { text byteSize isBinary isTruncated }";
    private const string CommentFields = "pageInfo { hasPreviousPage startCursor } nodes { fullDatabaseId viewerDidAuthor body }";

    // Issue and PR states are different enums: GraphQL needs them under different names.
    private const string Fields =
        "number title body labels(first: 100) { nodes { name } } comments(last: 100) @include(if: $withComments) { " + CommentFields + " }";

    public const string Snapshot =
        "query IssueSnapshot($owner: String!, $name: String!, $number: Int!, $withComments: Boolean!) {\n" +
        "  repository(owner: $owner, name: $name) {\n" +
        "    issueOrPullRequest(number: $number) {\n" +
        "      __typename\n" +
        "      ... on Issue { issueState: state " + Fields + " }\n" +
        "      ... on PullRequest { pullRequestState: state " + Fields + " }\n" +
        "    }\n" +
        "    config: object(expression: \"HEAD:" + PullRequestQuery.ConfigPath + "\") { " + BlobFields + " }\n" +
        "  }\n" +
        "  organizationConfig: repository(owner: $owner, name: \"" + PullRequestQuery.OrganizationRepository + "\") {\n" +
        "    config: object(expression: \"HEAD:" + PullRequestQuery.ConfigPath + "\") { " + BlobFields + " }\n" +
        "  }\n" +
        "}";

    public const string CommentsPage =
        "query IssueComments($owner: String!, $name: String!, $number: Int!, $before: String!) {\n" +
        "  repository(owner: $owner, name: $name) { issueOrPullRequest(number: $number) {\n" +
        "    ... on Issue { comments(last: 100, before: $before) { " + CommentFields + " } }\n" +
        "    ... on PullRequest { comments(last: 100, before: $before) { " + CommentFields + " } }\n" +
        "  } }\n" +
        "}";

    /// <summary>A PR's changed files are read at most this many pages of 100 for their patches.</summary>
    public const int MaxPatchPages = 3;
}
