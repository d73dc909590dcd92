using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrReviewBot.Core.Commands;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Storage;
using Serilog.Context;

namespace PrReviewBot.Work;

/// <summary>
/// Runs one leased job and settles it: done; rescheduled (rate limit, GitHub down); failed with a visible error
/// (GitHub refuses for good); or handed back at shutdown. Accepted work is never silently dropped.
/// </summary>
public sealed class JobRunner(
    IWorkStore store,
    PullRequestReview review,
    MergeGroupCheck mergeGroup,
    CommitPullRequests commit,
    PerfCommands commands,
    IssueGateReview issueGates,
    IGitHub gitHub,
    IOptionsMonitor<QueueOptions> queue,
    TimeProvider time,
    ILogger<JobRunner> log)
{
    /// <summary>Raised after a job is settled (tests and metrics watch it).</summary>
    public event Action<LeasedJob, string>? Settled;

    public async Task RunAsync(LeasedJob job, CancellationToken stopping)
    {
        IReadOnlyList<PendingDelivery> deliveries = [];
        using var subject = LogContext.PushProperty("Subject", job.Subject);
        using var repository = LogContext.PushProperty("Repository", job.Repository);
        using var number = LogContext.PushProperty("PullRequest", job.Number);
        string outcome;
        try
        {
            deliveries = await store.PendingDeliveriesAsync(job.Subject, stopping);
            var ids = deliveries.Select(d => d.DeliveryId).ToList();
            using var deliveryIds = LogContext.PushProperty("DeliveryIds", ids);
            using var deliveryId = LogContext.PushProperty("DeliveryId", ids.LastOrDefault());
            try
            {
                switch (job.Kind)
                {
                    case JobKind.PullRequest:
                        await ReviewWithCommandsAsync(job, deliveries, stopping);
                        break;
                    case JobKind.Issue:
                        await issueGates.RunAsync(job, deliveries, stopping);
                        break;
                    case JobKind.MergeGroup:
                        await mergeGroup.RunAsync(job, deliveries, stopping);
                        break;
                    case JobKind.Commit:
                        await commit.RunAsync(job, deliveries, stopping);
                        break;
                }
                var removed = await store.CompleteAsync(job, ids, CancellationToken.None);
                outcome = removed ? "done" : "done, runs again for newer work";
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                await store.ReleaseAsync(job, CancellationToken.None);
                log.LogInformation("Handed {Subject} back (shutdown, or its lease was lost); it runs again where it is leased next", job.Subject);
                outcome = "released";
            }
            catch (Exception e)
            {
                outcome = await SettleFailureAsync(job, ids, e);
            }
        }
        catch (Exception e)
        {
            // The store itself failed: the lease runs out and the job is picked up again.
            log.LogError(e, "Could not settle {Subject}; it runs again when its lease expires", job.Subject);
            outcome = "unsettled";
        }
        Settled?.Invoke(job, outcome);
    }

    /// <summary>A PR's commands first (they may override, revoke or ask for a recheck), then its review when anything asks for one.</summary>
    private async Task ReviewWithCommandsAsync(LeasedJob job, IReadOnlyList<PendingDelivery> deliveries, CancellationToken ct)
    {
        var number = job.Number ?? throw new InvalidOperationException($"job {job.Subject} names no PR number");
        var repo = RepositoryRef.Parse(job.Repository, job.InstallationId ?? (await store.GetPullRequestAsync(job.Repository, number, ct))?.InstallationId);
        var effects = await commands.RunAsync(new LazyIssueSnapshot(gitHub, repo, number, findComment: true, log), CommentTarget.PullRequest, deliveries, ct);
        if (effects.Review)
        {
            await review.RunAsync(effects.Force && !job.Force ? job with { Force = true } : job, deliveries, ct);
        }
    }

    private async Task<string> SettleFailureAsync(LeasedJob job, IReadOnlyList<string> ids, Exception e)
    {
        var now = time.GetUtcNow();
        var fault = e is DbException
            ? new Fault(FaultKind.Transient, null, $"storage: {e.Message}")
            : GitHubFaults.Classify(e, now);
        var options = queue.CurrentValue;
        switch (fault.Kind)
        {
            case FaultKind.RateLimited:
            {
                var due = now + (fault.Wait ?? GitHubFaults.SecondaryLimitDefaultWait) + Jitter(TimeSpan.FromSeconds(5));
                await store.RetryLaterAsync(job, due, fault.Summary, countAttempt: true, CancellationToken.None);
                log.LogWarning("GitHub asked to wait ({Reason}): {Subject} resumes at {Due:o}", fault.Summary, job.Subject, due);
                return "waiting for rate limit";
            }
            case FaultKind.Unavailable:
            {
                // An outage is nobody's attempt: the job waits for the circuit, however long GitHub is down.
                var due = now + (fault.Wait ?? GitHubFaults.CircuitProbeWait) + Jitter(TimeSpan.FromSeconds(2));
                await store.RetryLaterAsync(job, due, fault.Summary, countAttempt: false, CancellationToken.None);
                log.LogInformation("{Subject} waits for GitHub ({Reason}); resumes at {Due:o}", job.Subject, fault.Summary, due);
                return "waiting for GitHub";
            }
            case FaultKind.Transient or FaultKind.Unauthorized when job.Attempts + 1 < options.MaxJobAttempts:
            {
                var due = now + (fault.Wait ?? Backoff(job.Attempts, options.RetryBaseDelay));
                await store.RetryLaterAsync(job, due, fault.Summary, countAttempt: true, CancellationToken.None);
                log.LogWarning(e, "{Subject} failed ({Reason}), attempt {Attempt}; trying again at {Due:o}", job.Subject, fault.Summary, job.Attempts + 1, due);
                return "retrying";
            }
            default:
            {
                var requeued = !await store.FailAsync(job, ids, fault.Summary, CancellationToken.None);
                log.LogError(e, "{Subject} failed for good ({Reason}) after {Attempts} attempts; its deliveries are marked failed",
                    job.Subject, fault.Summary, job.Attempts + 1);
                return requeued ? "failed, runs again for newer work" : "failed";
            }
        }
    }

    /// <summary>5 s, 10 s, 20 s … up to 15 minutes, with jitter so a GitHub outage does not end in a stampede.</summary>
    internal static TimeSpan Backoff(int attempts, TimeSpan first)
    {
        var seconds = Math.Min(15 * 60, first.TotalSeconds * Math.Pow(2, Math.Min(attempts, 12)));
        return TimeSpan.FromSeconds(seconds) + Jitter(TimeSpan.FromSeconds(seconds / 5));
    }

    private static TimeSpan Jitter(TimeSpan max) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * max.TotalMilliseconds);
}
