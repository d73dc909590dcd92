using Microsoft.Extensions.Logging;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// "Re-run" on a check suite or a check run names a commit, and on forks no PR at all: find the PRs whose head it
/// is (from the payload, else from what the bot has seen, else by asking GitHub) and review each again.
/// </summary>
public sealed class CommitPullRequests(IGitHub gitHub, IWorkStore store, TimeProvider time, ILogger<CommitPullRequests> log) : IJobHandler
{
    public JobKind Kind => JobKind.Commit;

    public async Task RunAsync(LeasedJob job, IReadOnlyList<JobDelivery> deliveries, CancellationToken ct)
    {
        var sha = job.Sha ?? throw new InvalidOperationException($"job {job.Subject} names no commit");
        var repo = RepositoryRef.Parse(job.Repository, job.InstallationId);
        var numbers = deliveries.SelectMany(d => d.Routing.Detail is CommitPullRequestList listed ? listed.Numbers : []).Distinct().ToList();
        if (numbers.Count == 0)
        {
            numbers = (await store.FindPullRequestsByHeadAsync(repo.FullName, sha, ct)).Select(p => p.Number).ToList();
        }
        if (numbers.Count == 0)
        {
            numbers = (await gitHub.FindOpenPullRequestsForCommitAsync(repo, sha, ct)).ToList();
        }
        if (numbers.Count == 0)
        {
            log.LogInformation("No open PR has {Sha} as its head in {Repository}; nothing to re-run", sha, repo.FullName);
            return;
        }
        foreach (var number in numbers)
        {
            await store.EnqueueAsync(new WorkRequest(WorkRequest.PullRequestSubject(repo.FullName, number), JobKind.PullRequest,
                repo.FullName, repo.InstallationId, number, null, null, time.GetUtcNow(), Force: true), ct);
        }
        log.LogInformation("Re-running the review of {Repository} PRs {Numbers} for commit {Sha}", repo.FullName, numbers, sha);
    }
}
