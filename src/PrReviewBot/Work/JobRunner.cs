using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Storage;
using Serilog.Context;

namespace PrReviewBot.Work;

/// <summary>
/// Runs one leased job and settles it: done; rescheduled (rate limit, GitHub down); failed with a visible error
/// (GitHub refuses for good); or handed back at shutdown. Accepted work is never silently dropped.
/// </summary>
public sealed class JobRunner
{
    private readonly IWorkStore _store;
    private readonly IReadOnlyDictionary<JobKind, IJobHandler> _handlers;
    private readonly IOptionsMonitor<QueueOptions> _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<JobRunner> _log;

    public JobRunner(IWorkStore store, IEnumerable<IJobHandler> handlers, IOptionsMonitor<QueueOptions> queue, TimeProvider time, ILogger<JobRunner> log)
    {
        _store = store;
        _queue = queue;
        _time = time;
        _log = log;
        var byKind = new Dictionary<JobKind, IJobHandler>();
        foreach (var handler in handlers)
        {
            if (!byKind.TryAdd(handler.Kind, handler))
            {
                throw new InvalidOperationException($"Two handlers for {JobKinds.Name(handler.Kind)} jobs: {byKind[handler.Kind].GetType().Name} and {handler.GetType().Name}");
            }
        }
        var missing = JobKinds.All.Where(k => !byKind.ContainsKey(k)).Select(JobKinds.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"No handler for {string.Join(", ", missing)} jobs");
        }
        _handlers = byKind;
    }

    /// <summary>Raised after a job is settled (tests and metrics watch it).</summary>
    public event Action<LeasedJob, string>? Settled;

    /// <summary>Raised for a stored delivery that could not be read and was left out of its job (metrics count it).</summary>
    public event Action<LeasedJob, string>? DeliveryDropped;

    public async Task RunAsync(LeasedJob job, CancellationToken stopping)
    {
        using var subject = LogContext.PushProperty("Subject", job.Subject);
        using var repository = LogContext.PushProperty("Repository", job.Repository);
        using var number = LogContext.PushProperty("PullRequest", job.Number);
        string outcome;
        try
        {
            var pending = await _store.PendingDeliveriesAsync(job.Subject, stopping);
            // Every delivery is settled with the job, including those left out of it: none stays pending for ever.
            var ids = pending.Select(d => d.DeliveryId).ToList();
            using var deliveryIds = LogContext.PushProperty("DeliveryIds", ids);
            using var deliveryId = LogContext.PushProperty("DeliveryId", ids.LastOrDefault());
            try
            {
                await _handlers[job.Kind].RunAsync(job, Readable(job, pending), stopping);
                var removed = await _store.CompleteAsync(job, ids, CancellationToken.None);
                outcome = removed ? "done" : "done, runs again for newer work";
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                await _store.ReleaseAsync(job, CancellationToken.None);
                _log.LogInformation("Handed {Subject} back (shutdown, or its lease was lost); it runs again where it is leased next", job.Subject);
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
            _log.LogError(e, "Could not settle {Subject}; it runs again when its lease expires", job.Subject);
            outcome = "unsettled";
        }
        Settled?.Invoke(job, outcome);
    }

    /// <summary>
    /// The job's deliveries, each read again by its route. One that cannot be read costs only itself: it is left out
    /// with a warning and counted, and the rest of the job runs (a PR whose every delivery was left out is still reviewed).
    /// </summary>
    private List<JobDelivery> Readable(LeasedJob job, IReadOnlyList<PendingDelivery> pending)
    {
        var readable = new List<JobDelivery>(pending.Count);
        foreach (var stored in pending)
        {
            try
            {
                var delivery = JobDelivery.Read(stored, _queue.CurrentValue);
                if (delivery.Routing.Ignored)
                {
                    // Accepted under rules that have changed since: it asks for nothing now.
                    _log.LogInformation("Delivery {DeliveryId} ({Event}.{Action}) asks nothing of {Subject} any more: {Note}",
                        stored.DeliveryId, stored.Event, stored.Action, job.Subject, delivery.Routing.Note);
                    continue;
                }
                readable.Add(delivery);
            }
            catch (MalformedPayloadException e)
            {
                _log.LogWarning("Delivery {DeliveryId} ({Event}.{Action}) of {Subject} cannot be read and is left out; the rest of the job runs: {Reason}",
                    stored.DeliveryId, stored.Event, stored.Action, job.Subject, e.Message);
                DeliveryDropped?.Invoke(job, stored.Event);
            }
        }
        return readable;
    }

    private async Task<string> SettleFailureAsync(LeasedJob job, IReadOnlyList<string> ids, Exception e)
    {
        var now = _time.GetUtcNow();
        var fault = e is DbException
            ? new Fault(FaultKind.Transient, null, $"storage: {e.Message}")
            : GitHubFaults.Classify(e, now);
        var options = _queue.CurrentValue;
        switch (fault.Kind)
        {
            case FaultKind.RateLimited:
            {
                var due = now + (fault.Wait ?? GitHubFaults.SecondaryLimitDefaultWait) + Jitter(TimeSpan.FromSeconds(5));
                await _store.RetryLaterAsync(job, due, fault.Summary, countAttempt: true, CancellationToken.None);
                _log.LogWarning("GitHub asked to wait ({Reason}): {Subject} resumes at {Due:o}", fault.Summary, job.Subject, due);
                return "waiting for rate limit";
            }
            case FaultKind.Unavailable:
            {
                // An outage is nobody's attempt: the job waits for the circuit, however long GitHub is down.
                var due = now + (fault.Wait ?? GitHubFaults.CircuitProbeWait) + Jitter(TimeSpan.FromSeconds(2));
                await _store.RetryLaterAsync(job, due, fault.Summary, countAttempt: false, CancellationToken.None);
                _log.LogInformation("{Subject} waits for GitHub ({Reason}); resumes at {Due:o}", job.Subject, fault.Summary, due);
                return "waiting for GitHub";
            }
            case FaultKind.Transient or FaultKind.Unauthorized when job.Attempts + 1 < options.MaxJobAttempts:
            {
                var due = now + (fault.Wait ?? Backoff(job.Attempts, options.RetryBaseDelay));
                await _store.RetryLaterAsync(job, due, fault.Summary, countAttempt: true, CancellationToken.None);
                _log.LogWarning(e, "{Subject} failed ({Reason}), attempt {Attempt}; trying again at {Due:o}", job.Subject, fault.Summary, job.Attempts + 1, due);
                return "retrying";
            }
            default:
            {
                var requeued = !await _store.FailAsync(job, ids, fault.Summary, CancellationToken.None);
                _log.LogError(e, "{Subject} failed for good ({Reason}) after {Attempts} attempts; its deliveries are marked failed",
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
