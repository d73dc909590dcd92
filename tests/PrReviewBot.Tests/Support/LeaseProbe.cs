using System.Collections.Concurrent;
using PrReviewBot.Storage;

namespace PrReviewBot.Tests.Support;

/// <summary>
/// Watches every replica's store at once (one probe, a decorator per replica): a subject leased while another run
/// of it has not settled yet is an overlap, i.e. one PR evaluated by two workers at the same time.
/// </summary>
public sealed class LeaseProbe
{
    private readonly ConcurrentDictionary<string, string> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _overlaps = new();
    private readonly ConcurrentDictionary<string, int> _runsByOwner = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _leased = new();

    public IReadOnlyCollection<string> Overlaps => _overlaps;

    /// <summary>Jobs leased, by lease owner (one owner per replica).</summary>
    public IReadOnlyDictionary<string, int> RunsByOwner => _runsByOwner;

    /// <summary>Every subject leased, in the order it was leased.</summary>
    public IReadOnlyList<string> Leased => [.. _leased];

    public IWorkStore Watch(IWorkStore inner) => new Probed(inner, this);

    private void Started(LeasedJob job)
    {
        _leased.Enqueue(job.Subject);
        _runsByOwner.AddOrUpdate(job.LeaseOwner, 1, (_, n) => n + 1);
        if (!_running.TryAdd(job.Subject, job.LeaseOwner))
        {
            _overlaps.Enqueue($"{job.Subject} leased by {job.LeaseOwner} while {_running.GetValueOrDefault(job.Subject)} still ran it");
        }
    }

    // Called before the store is told: until the store commits, nobody else can lease the subject.
    private void Settling(LeasedJob job) => _running.TryRemove(new KeyValuePair<string, string>(job.Subject, job.LeaseOwner));

    private sealed class Probed(IWorkStore inner, LeaseProbe probe) : IWorkStore
    {
        public Task InitializeAsync(CancellationToken ct) => inner.InitializeAsync(ct);

        public Task RecoverAsync(CancellationToken ct) => inner.RecoverAsync(ct);

        public Task<bool> IsReachableAsync(CancellationToken ct) => inner.IsReachableAsync(ct);

        public Task<AcceptOutcome> AcceptDeliveryAsync(InboundDelivery delivery, WorkRequest? work, CancellationToken ct) =>
            inner.AcceptDeliveryAsync(delivery, work, ct);

        public Task EnqueueAsync(WorkRequest work, CancellationToken ct) => inner.EnqueueAsync(work, ct);

        public async Task<LeasedJob?> LeaseNextAsync(string owner, TimeSpan leaseFor, LeaseFilter filter, CancellationToken ct)
        {
            var job = await inner.LeaseNextAsync(owner, leaseFor, filter, ct);
            if (job is not null)
            {
                probe.Started(job);
            }
            return job;
        }

        public Task<bool> RenewLeaseAsync(LeasedJob job, TimeSpan leaseFor, CancellationToken ct) => inner.RenewLeaseAsync(job, leaseFor, ct);

        public Task<DateTimeOffset?> NextLeasableAtAsync(IReadOnlyCollection<long> skipInstallations, CancellationToken ct) =>
            inner.NextLeasableAtAsync(skipInstallations, ct);

        public Task<IReadOnlyList<PendingDelivery>> PendingDeliveriesAsync(string subject, CancellationToken ct) => inner.PendingDeliveriesAsync(subject, ct);

        public Task<bool> CompleteAsync(LeasedJob job, IReadOnlyList<string> deliveryIds, CancellationToken ct)
        {
            probe.Settling(job);
            return inner.CompleteAsync(job, deliveryIds, ct);
        }

        public Task RetryLaterAsync(LeasedJob job, DateTimeOffset dueAt, string reason, bool countAttempt, CancellationToken ct)
        {
            probe.Settling(job);
            return inner.RetryLaterAsync(job, dueAt, reason, countAttempt, ct);
        }

        public Task<bool> FailAsync(LeasedJob job, IReadOnlyList<string> deliveryIds, string error, CancellationToken ct)
        {
            probe.Settling(job);
            return inner.FailAsync(job, deliveryIds, error, ct);
        }

        public Task ReleaseAsync(LeasedJob job, CancellationToken ct)
        {
            probe.Settling(job);
            return inner.ReleaseAsync(job, ct);
        }

        public Task<PullRequestRecord?> GetPullRequestAsync(string repository, int number, CancellationToken ct) => inner.GetPullRequestAsync(repository, number, ct);

        public Task<IReadOnlyList<PullRequestRecord>> FindPullRequestsByHeadAsync(string repository, string headSha, CancellationToken ct) =>
            inner.FindPullRequestsByHeadAsync(repository, headSha, ct);

        public Task SavePullRequestAsync(PullRequestRecord record, CancellationToken ct) => inner.SavePullRequestAsync(record, ct);

        public Task SaveEvaluationAsync(PullRequestRecord record, EvaluationRecord evaluation, CancellationToken ct) =>
            inner.SaveEvaluationAsync(record, evaluation, ct);

        public Task<IReadOnlyList<EvaluationRecord>> EvaluationsAsync(string repository, int number, int limit, CancellationToken ct) =>
            inner.EvaluationsAsync(repository, number, limit, ct);

        public Task<DeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken ct) => inner.GetDeliveryAsync(deliveryId, ct);

        public Task<QueueSnapshot> QueueSnapshotAsync(CancellationToken ct) => inner.QueueSnapshotAsync(ct);

        public Task<IReadOnlyList<DeliveryRecord>> RecentDeliveriesAsync(string? subject, int limit, CancellationToken ct) =>
            inner.RecentDeliveriesAsync(subject, limit, ct);

        public Task<IReadOnlyList<InstallationSeen>> InstallationsSeenAsync(CancellationToken ct) => inner.InstallationsSeenAsync(ct);

        public Task PurgeAsync(DateTimeOffset cutoff, CancellationToken ct) => inner.PurgeAsync(cutoff, ct);
    }
}
