namespace PrReviewBot.Core.Gates;

/// <summary>
/// What gate and plan mode read: an optimization issue's (or a PR's) title and body, as the author wrote them.
/// </summary>
public sealed record IssueDescription(string Title, string Body)
{
    public static IssueDescription FromBody(string? body) => new(string.Empty, body ?? string.Empty);
}
