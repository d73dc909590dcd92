namespace PrReviewBot.Storage;

/// <summary>
/// What the missed-delivery sweep keeps: a lease so only one replica sweeps at a time, how far the last sweep got,
/// and which deliveries it already asked GitHub to send again. Both stores implement it beside <see cref="IWorkStore"/>.
/// </summary>
public interface IRedeliveryStore
{
    /// <summary>Takes the sweep named <paramref name="name"/> unless another owner holds it; null when one does.</summary>
    Task<SweepLease?> TryLeaseSweepAsync(string name, string owner, TimeSpan leaseFor, CancellationToken ct);

    /// <summary>
    /// Records how far the sweep got and gives the lease up; no replica sweeps again before <paramref name="nextSweepAt"/>
    /// (so N replicas sweep once per interval between them, not N times).
    /// </summary>
    Task CompleteSweepAsync(SweepLease lease, DateTimeOffset sweptUntil, DateTimeOffset nextSweepAt, CancellationToken ct);

    /// <summary>Gives the lease up without moving the sweep on (it failed; the next one covers the same time).</summary>
    Task AbandonSweepAsync(SweepLease lease, CancellationToken ct);

    /// <summary>
    /// Of <paramref name="guids"/>, those already received as deliveries, or asked for again since
    /// <paramref name="askedSince"/> (an older request that never arrived is asked for again).
    /// </summary>
    Task<IReadOnlySet<string>> KnownGuidsAsync(IReadOnlyCollection<string> guids, DateTimeOffset askedSince, CancellationToken ct);

    Task RecordRedeliveryAsync(string guid, long hookDeliveryId, DateTimeOffset requestedAt, CancellationToken ct);
}

/// <param name="SweptUntil">Where the previous sweep stopped; null when none ever finished.</param>
public sealed record SweepLease(string Name, string Owner, DateTimeOffset? SweptUntil);
