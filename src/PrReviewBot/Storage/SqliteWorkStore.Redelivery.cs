using static PrReviewBot.Storage.StoredRows;

namespace PrReviewBot.Storage;

/// <summary>The missed-delivery sweep's state in SQLite (one process per file, so the lease only guards restarts).</summary>
public sealed partial class SqliteWorkStore : IRedeliveryStore
{
    public Task<SweepLease?> TryLeaseSweepAsync(string name, string owner, TimeSpan leaseFor, CancellationToken ct) => WithConnection(async c =>
    {
        var now = _time.GetUtcNow();
        await using var cmd = Command(c,
            """
            INSERT INTO sweeps (name, lease_owner, lease_until, swept_until) VALUES ($name, $owner, $until, NULL)
            ON CONFLICT (name) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
            WHERE sweeps.lease_until IS NULL OR sweeps.lease_until <= $now OR sweeps.lease_owner = excluded.lease_owner
            RETURNING swept_until
            """, null, ("$name", name), ("$owner", owner), ("$until", Ms(now + leaseFor)), ("$now", Ms(now)));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }
        return new SweepLease(name, owner, r.IsDBNull(0) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)));
    }, ct);

    public Task CompleteSweepAsync(SweepLease lease, DateTimeOffset sweptUntil, DateTimeOffset nextSweepAt, CancellationToken ct) => WithConnection(async c =>
        await Exec(c, "UPDATE sweeps SET swept_until = $until, lease_owner = NULL, lease_until = $next WHERE name = $name AND lease_owner = $owner", ct, null,
            ("$until", Ms(sweptUntil)), ("$next", Ms(nextSweepAt)), ("$name", lease.Name), ("$owner", lease.Owner)), ct);

    public Task AbandonSweepAsync(SweepLease lease, CancellationToken ct) => WithConnection(async c =>
        await Exec(c, "UPDATE sweeps SET lease_owner = NULL, lease_until = NULL WHERE name = $name AND lease_owner = $owner", ct, null,
            ("$name", lease.Name), ("$owner", lease.Owner)), ct);

    public Task<IReadOnlySet<string>> KnownGuidsAsync(IReadOnlyCollection<string> guids, DateTimeOffset askedSince, CancellationToken ct) => WithConnection(async c =>
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var guid in guids)
        {
            if (await Scalar(c,
                    "SELECT 1 WHERE EXISTS (SELECT 1 FROM deliveries WHERE delivery_id = $g) OR EXISTS (SELECT 1 FROM redeliveries WHERE guid = $g AND requested_at >= $since)",
                    ct, null, ("$g", guid), ("$since", Ms(askedSince))) is not null)
            {
                known.Add(guid);
            }
        }
        return (IReadOnlySet<string>)known;
    }, ct);

    public Task RecordRedeliveryAsync(string guid, long hookDeliveryId, DateTimeOffset requestedAt, CancellationToken ct) => WithConnection(async c =>
        await Exec(c,
            """
            INSERT INTO redeliveries (guid, hook_delivery_id, requested_at) VALUES ($g, $id, $at)
            ON CONFLICT (guid) DO UPDATE SET hook_delivery_id = excluded.hook_delivery_id, requested_at = excluded.requested_at
            """, ct, null, ("$g", guid), ("$id", hookDeliveryId), ("$at", Ms(requestedAt))), ct);
}
