using static PrReviewBot.Storage.StoredRows;

namespace PrReviewBot.Storage;

/// <summary>The missed-delivery sweep's state: the lease row makes one process sweep at a time.</summary>
public abstract partial class SqlWorkStore
{
    public Task<SweepLease?> TryLeaseSweepAsync(string name, string owner, TimeSpan leaseFor, CancellationToken ct) => Run(async c =>
    {
        var now = _time.GetUtcNow();
        // Concurrent callers serialize on the row; the WHERE lets only one of them through while the lease is live.
        var swept = await List(c,
            """
            INSERT INTO sweeps (name, lease_owner, lease_until, swept_until) VALUES (@name, @owner, @until, NULL)
            ON CONFLICT (name) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
            WHERE sweeps.lease_until IS NULL OR sweeps.lease_until <= @now OR sweeps.lease_owner = excluded.lease_owner
            RETURNING swept_until
            """,
            r => NullableLong(r, 0), ct, A("@name", name), A("@owner", owner), A("@until", Ms(now + leaseFor)), A("@now", Ms(now)));
        return swept.Count == 0
            ? null
            : new SweepLease(name, owner, swept[0] is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }, ct);

    public Task CompleteSweepAsync(SweepLease lease, DateTimeOffset sweptUntil, DateTimeOffset nextSweepAt, CancellationToken ct) => Run(c =>
        Exec(c, "UPDATE sweeps SET swept_until = @until, lease_owner = NULL, lease_until = @next WHERE name = @name AND lease_owner = @owner", ct, null,
            A("@until", Ms(sweptUntil)), A("@next", Ms(nextSweepAt)), A("@name", lease.Name), A("@owner", lease.Owner)), ct);

    public Task AbandonSweepAsync(SweepLease lease, CancellationToken ct) => Run(c =>
        Exec(c, "UPDATE sweeps SET lease_owner = NULL, lease_until = NULL WHERE name = @name AND lease_owner = @owner", ct, null,
            A("@name", lease.Name), A("@owner", lease.Owner)), ct);

    public async Task<IReadOnlySet<string>> KnownGuidsAsync(IReadOnlyCollection<string> guids, DateTimeOffset askedSince, CancellationToken ct)
    {
        if (guids.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
        return await Run(async c =>
        {
            await using var cmd = Command(c,
                $"""
                 SELECT delivery_id FROM deliveries WHERE {_dialect.InList("delivery_id", "@g")}
                 UNION SELECT guid FROM redeliveries WHERE {_dialect.InList("guid", "@g")} AND requested_at >= @since
                 """, null, A("@since", Ms(askedSince)));
            cmd.Parameters.Add(_dialect.ListParameter(cmd, "@g", guids));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var known = new HashSet<string>(StringComparer.Ordinal);
            while (await r.ReadAsync(ct))
            {
                known.Add(r.GetString(0));
            }
            return (IReadOnlySet<string>)known;
        }, ct);
    }

    public Task RecordRedeliveryAsync(string guid, long hookDeliveryId, DateTimeOffset requestedAt, CancellationToken ct) => Run(c =>
        Exec(c,
            """
            INSERT INTO redeliveries (guid, hook_delivery_id, requested_at) VALUES (@g, @id, @at)
            ON CONFLICT (guid) DO UPDATE SET hook_delivery_id = excluded.hook_delivery_id, requested_at = excluded.requested_at
            """, ct, null, A("@g", guid), A("@id", hookDeliveryId), A("@at", Ms(requestedAt))), ct);
}
