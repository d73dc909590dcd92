using Microsoft.Extensions.Logging;
using PrReviewBot.Core.Config;
using PrReviewBot.GitHub;

namespace PrReviewBot.Work;

/// <summary>
/// An issue (or PR) read from GitHub at most once per job, and only if something needs it: several commands and the
/// gate check of one job share one GraphQL call.
/// </summary>
public sealed class LazyIssueSnapshot(IGitHub gitHub, RepositoryRef repo, int number, bool findComment, ILogger log)
{
    private Task<IssueSnapshot?>? _read;

    public RepositoryRef Repository => repo;

    public int Number => number;

    public Task<IssueSnapshot?> GetAsync(CancellationToken ct) => _read ??= gitHub.ReadIssueAsync(repo, number, findComment, ct);

    /// <summary>
    /// The configuration on the default branch (or the owner's <c>.github</c> repository). A broken file falls back to
    /// the defaults, the strictest choice for who may override, and says so in the log.
    /// </summary>
    public async Task<ReviewConfig> ConfigAsync(CancellationToken ct)
    {
        var issue = await GetAsync(ct);
        if (issue is null)
        {
            return ReviewConfig.Default;
        }
        var (config, errors) = PullRequestReview.LoadConfig(issue.RepositoryConfig, issue.OrganizationConfig);
        if (config is null)
        {
            log.LogWarning("Configuration of {Repository} is invalid, using the defaults for #{Number}: {Errors}",
                repo.FullName, number, string.Join("; ", errors));
        }
        return config ?? ReviewConfig.Default;
    }
}
