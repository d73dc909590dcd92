namespace PrReviewBot.GitHub;

/// <summary>
/// GitHub answered with success and well-formed JSON that Octokit could not map (a field null where its model wants
/// a value, e.g. a check run's <c>started_at</c>). The request was carried out: a write is done and must not be
/// sent again because its answer could not be read.
/// </summary>
public sealed class GitHubAnswerUnreadableException(string message, Exception inner) : Exception(message, inner);
