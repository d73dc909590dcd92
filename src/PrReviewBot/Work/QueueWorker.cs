using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// Leases due jobs and runs up to <see cref="QueueOptions.Workers"/> at once (never two for one subject: the
/// lease is per subject). Sleeps until the next job is due, new work arrives, or a job ends.
/// </summary>
public sealed class QueueWorker(
    IWorkStore store,
    JobRunner runner,
    WorkSignal signal,
    IOptionsMonitor<QueueOptions> options,
    TimeProvider time,
    ILogger<QueueWorker> log) : BackgroundService
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    /// <summary>Names this process in leases (one per process and start).</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

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
            running.RemoveAll(t => t.IsCompleted);
            TimeSpan wait;
            try
            {
                while (running.Count < Math.Max(1, o.Workers) && await store.LeaseNextAsync(Owner, o.LeaseDuration, stopping) is { } job)
                {
                    running.Add(RunAsync(job, stopping));
                }
                if (time.GetUtcNow() >= nextPurge)
                {
                    await store.PurgeAsync(time.GetUtcNow() - o.DeliveryRetention, stopping);
                    nextPurge = time.GetUtcNow() + PurgeEvery;
                }
                var next = await store.NextLeasableAtAsync(stopping);
                wait = running.Count >= Math.Max(1, o.Workers) || next is null
                    ? o.PollInterval
                    : Clamp(next.Value - time.GetUtcNow(), TimeSpan.FromMilliseconds(10), o.PollInterval);
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

    private async Task RunAsync(LeasedJob job, CancellationToken stopping)
    {
        // Off the loop's thread: a slow evaluation must not delay leasing the next one.
        await Task.Yield();
        try
        {
            var o = options.CurrentValue;
            await using var lease = LeaseKeeper.Start(store, job, o.LeaseDuration, o.EffectiveLeaseRenewal, time, log, stopping);
            await runner.RunAsync(job, lease.Token);
        }
        finally
        {
            signal.Notify();
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;
}
