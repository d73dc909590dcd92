using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// Recovers missed webhooks (GitHub's own advice: a scheduled job). Every <see cref="RedeliveryOptions.Interval"/>,
/// one replica (a lease row decides which) lists the App's deliveries since the last sweep, picks those whose every
/// attempt failed (status not "OK" or a non-2xx code) and whose guid the bot has neither stored nor recently asked
/// for, and asks GitHub to deliver them again. The redelivery carries the same guid, so the intake de-duplicates.
/// </summary>
public sealed class RedeliverySweep(
    IAppHookDeliveries deliveries,
    IRedeliveryStore store,
    IOptionsMonitor<GitHubOptions> gitHub,
    IOptionsMonitor<RedeliveryOptions> options,
    TimeProvider time,
    ILogger<RedeliverySweep> log) : BackgroundService
{
    public const string Name = "app-hook-deliveries";

    /// <summary>Names this process in the sweep lease.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Raised after each sweep this replica ran (tests watch it).</summary>
    public event Action<SweepResult>? Swept;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            try
            {
                // Look often, sweep when due: the lease row says when, across replicas.
                await Task.Delay(Clamp(o.Interval / 4), time, stopping);
                if (o.Enabled && gitHub.CurrentValue.Mode == GitHubMode.App)
                {
                    await SweepOnceAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "The missed-delivery sweep failed; the next one covers the same time");
            }
        }
    }

    /// <summary>One sweep, if it is due and no other replica holds it. Null when it was not this replica's turn.</summary>
    public async Task<SweepResult?> SweepOnceAsync(CancellationToken ct)
    {
        var o = options.CurrentValue;
        var started = time.GetUtcNow();
        var lease = await store.TryLeaseSweepAsync(Name, Owner, o.Interval + TimeSpan.FromMinutes(5), ct);
        if (lease is null)
        {
            return null;
        }
        try
        {
            var since = lease.SweptUntil is { } until ? until - o.Overlap : started - o.FirstLookBack;
            var listed = await deliveries.ListSinceAsync(since, Math.Max(1, o.MaxPages), ct);
            // One guid, many attempts (the original and redeliveries): missed only if none of them got through.
            var missed = listed.GroupBy(d => d.Guid, StringComparer.Ordinal)
                .Where(g => g.Key.Length > 0 && !g.Any(d => d.Succeeded))
                .Select(g => g.OrderByDescending(d => d.DeliveredAt).ThenByDescending(d => d.Id).First())
                .OrderBy(d => d.DeliveredAt)
                .ToList();
            var known = await store.KnownGuidsAsync(missed.Select(d => d.Guid).ToList(), started - o.AskAgainAfter, ct);
            var toAsk = missed.Where(d => !known.Contains(d.Guid)).ToList();
            var asked = new List<string>();
            foreach (var d in toAsk.Take(Math.Max(0, o.MaxPerSweep)))
            {
                await deliveries.RedeliverAsync(d.Id, ct);
                await store.RecordRedeliveryAsync(d.Guid, d.Id, time.GetUtcNow(), ct);
                asked.Add(d.Guid);
                log.LogInformation("Asked GitHub to redeliver {DeliveryId} ({Event}.{Action}, delivered {DeliveredAt:o}: {Status})",
                    d.Guid, d.Event, d.Action, d.DeliveredAt, d.Status);
            }
            // Capped: the next sweep reads the same window again and skips what was just asked for.
            var capped = toAsk.Count > asked.Count;
            await store.CompleteSweepAsync(lease, capped ? since + o.Overlap : started, started + o.Interval, CancellationToken.None);
            var result = new SweepResult(listed.Count, missed.Count, asked, capped);
            if (missed.Count > 0 || capped)
            {
                log.LogInformation("Missed-delivery sweep: {Listed} deliveries since {Since:o}, {Missed} missed, {Asked} asked for again{Capped}",
                    listed.Count, since, missed.Count, asked.Count, capped ? " (more next sweep)" : "");
            }
            Swept?.Invoke(result);
            return result;
        }
        catch
        {
            await store.AbandonSweepAsync(lease, CancellationToken.None);
            throw;
        }
    }

    private static TimeSpan Clamp(TimeSpan t) =>
        t < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : t > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : t;
}

/// <param name="Asked">Guids asked for again in this sweep.</param>
/// <param name="Capped">More were missed than <see cref="RedeliveryOptions.MaxPerSweep"/> allows; the next sweep goes on.</param>
public sealed record SweepResult(int Listed, int Missed, IReadOnlyList<string> Asked, bool Capped);
