using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// Leases due jobs and runs up to <see cref="QueueOptions.MaxInFlight"/> at once (never two for one subject: the
/// lease is per subject), at most <see cref="QueueOptions.MaxInFlightPerInstallation"/> of one installation, and none
/// of an installation whose GitHub budget is spent (<see cref="GitHubRateBudget.Paused"/>): the jobs are async and mostly
/// wait for GitHub, so what bounds throughput is the CPU and each installation's budget. Sleeps until the next job is
/// due, a budget frees up, new work arrives, or a job ends.
/// </summary>
public sealed class QueueWorker(
    IWorkStore store,
    JobRunner runner,
    WorkSignal signal,
    GitHubRateBudget budget,
    IOptionsMonitor<QueueOptions> options,
    TimeProvider time,
    ILogger<QueueWorker> log) : BackgroundService
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(10);

    private readonly Dictionary<long, int> _inFlightByInstallation = [];
    private int _inFlight;
    private LowPriorityScheduler? _lowPriority;

    /// <summary>Names this process in leases (one per process and start).</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The most jobs that ran at once since start (tests hold the limits to it).</summary>
    public int PeakInFlight { get; private set; }

    /// <summary>The low-priority threads jobs run on now (<see cref="QueueOptions.WorkerNice"/>), or null.</summary>
    public LowPriorityScheduler? JobScheduler => _lowPriority;

    /// <summary>The most jobs of one installation that ran at once since start.</summary>
    public int PeakInFlightPerInstallation { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await store.RecoverAsync(stopping);
        var snapshot = await store.QueueSnapshotAsync(stopping);
        if (!snapshot.IsIdle)
        {
            log.LogInformation("Resuming stored work: {Jobs} jobs, {Deliveries} pending deliveries", snapshot.Jobs, snapshot.PendingDeliveries);
        }
        var running = new List<Task>();
        var nextPurge = time.GetUtcNow();
        while (!stopping.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            var limit = Math.Max(1, o.MaxInFlight);
            running.RemoveAll(t => t.IsCompleted);
            TimeSpan wait;
            try
            {
                var (skip, budgetFreeAt) = Skipped(o);
                while (running.Count < limit && await store.LeaseNextAsync(Owner, o.LeaseDuration, new LeaseFilter(o.FairByInstallation, skip), stopping) is { } job)
                {
                    running.Add(RunAsync(job, stopping));
                    if (job.InstallationId is { } id && o.MaxInFlightPerInstallation > 0 && InFlightOf(id) >= o.MaxInFlightPerInstallation)
                    {
                        (skip, budgetFreeAt) = Skipped(o);
                    }
                }
                if (time.GetUtcNow() >= nextPurge)
                {
                    await store.PurgeAsync(time.GetUtcNow() - o.DeliveryRetention, stopping);
                    nextPurge = time.GetUtcNow() + PurgeEvery;
                }
                // A job ending wakes the loop (the signal), so a full house or a capped installation waits for that;
                // a paused installation's work waits for its budget; everything else for its due time.
                var next = running.Count >= limit ? null : await store.NextLeasableAtAsync(skip, stopping);
                if (budgetFreeAt is { } free && (next is null || free < next))
                {
                    next = free;
                }
                wait = running.Count >= limit || next is null
                    ? o.PollInterval
                    : Clamp(next.Value - time.GetUtcNow(), ShortestWait, o.PollInterval);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                log.LogError(e, "The work queue is unavailable; looking again shortly");
                wait = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            try
            {
                await signal.WaitAsync(wait, time, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // A stop (or a start that failed, e.g. a port in use) is not a worker failure: escaping here would be
                // logged by the host as "BackgroundService failed" plus a Fatal line.
                break;
            }
        }
        // Jobs see the stop and hand their subjects back.
        await Task.WhenAll(running);
    }

    /// <summary>Installations whose jobs are not leased now (at their cap here, or paused by their budget), and when a paused one frees up.</summary>
    private (IReadOnlyCollection<long> Skip, DateTimeOffset? BudgetFreeAt) Skipped(QueueOptions o)
    {
        var (paused, until) = budget.Paused();
        if (o.MaxInFlightPerInstallation <= 0)
        {
            return (paused, until);
        }
        var skip = new HashSet<long>(paused);
        lock (_inFlightByInstallation)
        {
            foreach (var (id, count) in _inFlightByInstallation)
            {
                if (count >= o.MaxInFlightPerInstallation)
                {
                    skip.Add(id);
                }
            }
        }
        return (skip, until);
    }

    private int InFlightOf(long installationId)
    {
        lock (_inFlightByInstallation)
        {
            return _inFlightByInstallation.GetValueOrDefault(installationId);
        }
    }

    private void Count(LeasedJob job, int delta)
    {
        var total = Interlocked.Add(ref _inFlight, delta);
        lock (_inFlightByInstallation)
        {
            PeakInFlight = Math.Max(PeakInFlight, total);
            if (job.InstallationId is not { } id)
            {
                return;
            }
            var n = _inFlightByInstallation.GetValueOrDefault(id) + delta;
            if (n <= 0)
            {
                _inFlightByInstallation.Remove(id);
            }
            else
            {
                _inFlightByInstallation[id] = n;
                PeakInFlightPerInstallation = Math.Max(PeakInFlightPerInstallation, n);
            }
        }
    }

    private async Task RunAsync(LeasedJob job, CancellationToken stopping)
    {
        Count(job, +1);
        try
        {
            if (LowPriority() is { } scheduler)
            {
                // On the low-priority threads: the job's own code comes back to them after every await.
                await Task.Factory.StartNew(() => RunLeasedAsync(job, stopping), CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap();
            }
            else
            {
                // Off the loop's thread: a slow evaluation must not delay leasing the next one.
                await Task.Yield();
                await RunLeasedAsync(job, stopping);
            }
        }
        finally
        {
            Count(job, -1);
            signal.Notify();
        }
    }

    private async Task RunLeasedAsync(LeasedJob job, CancellationToken stopping)
    {
        var o = options.CurrentValue;
        await using var lease = LeaseKeeper.Start(store, job, o.LeaseDuration, o.EffectiveLeaseRenewal, time, log, stopping);
        await runner.RunAsync(job, lease.Token);
    }

    /// <summary>
    /// The low-priority threads when <see cref="QueueOptions.WorkerNice"/> is above 0, made at the first job that needs
    /// them with the nice value of then (a thread cannot be made more urgent again without privilege, so another value
    /// takes effect at the next start); 0 sends new jobs to the thread pool again at once.
    /// </summary>
    private LowPriorityScheduler? LowPriority()
    {
        var nice = Math.Clamp(options.CurrentValue.WorkerNice, 0, 19);
        if (nice == 0)
        {
            return null;
        }
        lock (_inFlightByInstallation)
        {
            if (_lowPriority is null)
            {
                _lowPriority = new LowPriorityScheduler(Environment.ProcessorCount, nice);
                log.LogInformation("Jobs run on {Threads} threads of their own at nice {Nice} (Queue:WorkerNice)", _lowPriority.MaximumConcurrencyLevel, nice);
            }
            return _lowPriority;
        }
    }

    public override void Dispose()
    {
        _lowPriority?.Dispose();
        base.Dispose();
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;
}
