using static PrReviewBot.Storage.StoredRows;

namespace PrReviewBot.Storage;

/// <summary>The missed-delivery sweep's state in PostgreSQL: the lease row makes one replica sweep at a time.</summary>
public sealed partial class PostgresWorkStore : IRedeliveryStore
{
    public async Task<SweepLease?> TryLeaseSweepAsync(string name, string owner, TimeSpan leaseFor, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        await using var c = await _data.OpenConnectionAsync(ct);
        // Concurrent callers serialize on the row; the WHERE lets only one of them through while the lease is live.
        await using var cmd = Command(c,
            """
            INSERT INTO sweeps (name, lease_owner, lease_until, swept_until) VALUES (@name, @owner, @until, NULL)
            ON CONFLICT (name) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
            WHERE sweeps.lease_until IS NULL OR sweeps.lease_until <= @now OR sweeps.lease_owner = excluded.lease_owner
            RETURNING swept_until
            """, null, P("name", name), P("owner", owner), P("until", Ms(now + leaseFor)), P("now", Ms(now)));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }
        return new SweepLease(name, owner, r.IsDBNull(0) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)));
    }

    public async Task CompleteSweepAsync(SweepLease lease, DateTimeOffset sweptUntil, DateTimeOffset nextSweepAt, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await Exec(c, "UPDATE sweeps SET swept_until = @until, lease_owner = NULL, lease_until = @next WHERE name = @name AND lease_owner = @owner", ct, null,
            P("until", Ms(sweptUntil)), P("next", Ms(nextSweepAt)), P("name", lease.Name), P("owner", lease.Owner));
    }

    public async Task AbandonSweepAsync(SweepLease lease, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await Exec(c, "UPDATE sweeps SET lease_owner = NULL, lease_until = NULL WHERE name = @name AND lease_owner = @owner", ct, null,
            P("name", lease.Name), P("owner", lease.Owner));
    }

    public async Task<IReadOnlySet<string>> KnownGuidsAsync(IReadOnlyCollection<string> guids, DateTimeOffset askedSince, CancellationToken ct)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (guids.Count == 0)
        {
            return known;
        }
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c,
            """
            SELECT delivery_id FROM deliveries WHERE delivery_id = ANY(@g)
            UNION SELECT guid FROM redeliveries WHERE guid = ANY(@g) AND requested_at >= @since
            """, null, P("g", guids.ToArray()), P("since", Ms(askedSince)));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            known.Add(r.GetString(0));
        }
        return known;
    }

    public async Task RecordRedeliveryAsync(string guid, long hookDeliveryId, DateTimeOffset requestedAt, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await Exec(c,
            """
            INSERT INTO redeliveries (guid, hook_delivery_id, requested_at) VALUES (@g, @id, @at)
            ON CONFLICT (guid) DO UPDATE SET hook_delivery_id = excluded.hook_delivery_id, requested_at = excluded.requested_at
            """, ct, null, P("g", guid), P("id", hookDeliveryId), P("at", Ms(requestedAt)));
    }
}
