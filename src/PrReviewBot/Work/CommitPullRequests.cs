using System.Text.Json;
using Microsoft.Extensions.Logging;
using PrReviewBot.GitHub;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// "Re-run" on a check suite or a check run names a commit, and on forks no PR at all: find the PRs whose head it
/// is (from the payload, else from what the bot has seen, else by asking GitHub) and review each again.
/// </summary>
public sealed class CommitPullRequests(IGitHub gitHub, IWorkStore store, TimeProvider time, ILogger<CommitPullRequests> log)
{
    public async Task RunAsync(LeasedJob job, IReadOnlyList<PendingDelivery> deliveries, CancellationToken ct)
    {
        var sha = job.Sha ?? throw new InvalidOperationException($"job {job.Subject} names no commit");
        var repo = RepositoryRef.Parse(job.Repository, job.InstallationId);
        var numbers = deliveries.SelectMany(d => NumbersIn(d.Body)).Distinct().ToList();
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

    /// <summary>PR numbers a check_suite or check_run payload lists.</summary>
    internal static IEnumerable<int> NumbersIn(string? body)
    {
        if (body is null)
        {
            yield break;
        }
        using var doc = JsonDocument.Parse(body);
        foreach (var holder in new[] { "check_suite", "check_run" })
        {
            if (doc.RootElement.TryGetProperty(holder, out var h) && h.TryGetProperty("pull_requests", out var prs) && prs.ValueKind == JsonValueKind.Array)
            {
                foreach (var pr in prs.EnumerateArray())
                {
                    if (pr.TryGetProperty("number", out var n) && n.TryGetInt32(out var number))
                    {
                        yield return number;
                    }
                }
            }
        }
    }
}
