using System.Data.Common;
using static PrReviewBot.Storage.StoredRows;

namespace PrReviewBot.Storage;

/// <summary>Commands handled, the override audit log and gate state in PostgreSQL (migrations 3 and 4, as in SQLite).</summary>
public sealed partial class PostgresWorkStore : ICommandStore, IGateStore
{
    public async Task<CommandRecord?> GetCommandAsync(string repository, long commentId, string fingerprint, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c,
            """
            SELECT repository, number, comment_id, fingerprint, delivery_id, actor, verb, action, reply, refused, decided_at, done_at
            FROM commands WHERE repository = @r AND comment_id = @id AND fingerprint = @fp
            """, null, P("r", repository), P("id", commentId), P("fp", fingerprint));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadCommand(r) : null;
    }

    public async Task<bool> RecordCommandAsync(CommandRecord command, OverrideEvent? change, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        // Two replicas given the same comment: the second waits on the first's row, then inserts nothing.
        var inserted = await Exec(c,
            """
            INSERT INTO commands (repository, comment_id, fingerprint, number, delivery_id, actor, verb, action, reply, refused, decided_at)
            VALUES (@r, @id, @fp, @n, @delivery, @actor, @verb, @action, @reply, @refused, @at)
            ON CONFLICT (repository, comment_id, fingerprint) DO NOTHING
            """, ct, tx,
            P("r", command.Repository), P("id", command.CommentId), P("fp", command.Fingerprint), P("n", command.Number),
            P("delivery", command.DeliveryId), P("actor", command.Actor), P("verb", command.Verb), P("action", command.Action),
            P("reply", command.Reply), P("refused", command.Refused ? 1 : 0), P("at", Ms(command.DecidedAt)));
        if (inserted == 0)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        if (change is not null)
        {
            await Exec(c,
                "INSERT INTO overrides (repository, number, action, actor, reason, at, comment_id) VALUES (@r, @n, @action, @actor, @reason, @at, @id)",
                ct, tx, P("r", change.Repository), P("n", change.Number), P("action", OverrideActionName(change.Action)),
                P("actor", change.Actor), P("reason", change.Reason), P("at", Ms(change.At)), P("id", change.CommentId));
        }
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task MarkCommandDoneAsync(CommandRecord command, DateTimeOffset at, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await Exec(c, "UPDATE commands SET done_at = @at WHERE repository = @r AND comment_id = @id AND fingerprint = @fp", ct, null,
            P("at", Ms(at)), P("r", command.Repository), P("id", command.CommentId), P("fp", command.Fingerprint));
    }

    public async Task<OverrideEvent?> CurrentOverrideAsync(string repository, int number, CancellationToken ct)
    {
        var latest = await OverrideEventsAsync(repository, number, 1, ct);
        return latest.Count == 1 && latest[0].Action == OverrideAction.Override ? latest[0] : null;
    }

    public async Task<IReadOnlyList<OverrideEvent>> OverrideEventsAsync(string repository, int number, int limit, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c,
            "SELECT repository, number, action, actor, reason, at, comment_id FROM overrides WHERE repository = @r AND number = @n ORDER BY id DESC LIMIT @limit",
            null, P("r", repository), P("n", number), P("limit", limit));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<OverrideEvent>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new OverrideEvent(r.GetString(0), r.GetInt32(1), ParseOverrideAction(r.GetString(2)), r.GetString(3),
                NullableString(r, 4), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), r.GetInt64(6)));
        }
        return list;
    }

    public async Task<GateRecord?> GetGatesAsync(string repository, int number, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c,
            """
            SELECT repository, number, installation_id, requested, comment_id, comment_fingerprint, label, all_satisfied, evaluated_at, open_gates
            FROM gates WHERE repository = @r AND number = @n
            """, null, P("r", repository), P("n", number));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }
        return new GateRecord
        {
            Repository = r.GetString(0),
            Number = r.GetInt32(1),
            InstallationId = NullableLong(r, 2),
            Requested = r.GetInt32(3) == 1,
            CommentId = NullableLong(r, 4),
            CommentFingerprint = NullableString(r, 5),
            Label = NullableString(r, 6),
            AllSatisfied = r.IsDBNull(7) ? null : r.GetInt32(7) == 1,
            EvaluatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
            OpenGates = NullableString(r, 9),
        };
    }

    public async Task SaveGatesAsync(GateRecord g, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await Exec(c,
            """
            INSERT INTO gates (repository, number, installation_id, requested, comment_id, comment_fingerprint, label, all_satisfied, evaluated_at, open_gates)
            VALUES (@r, @n, @inst, @requested, @commentId, @commentFp, @label, @satisfied, @at, @open)
            ON CONFLICT (repository, number) DO UPDATE SET
                installation_id = excluded.installation_id, requested = excluded.requested, comment_id = excluded.comment_id,
                comment_fingerprint = excluded.comment_fingerprint, label = excluded.label, all_satisfied = excluded.all_satisfied,
                evaluated_at = excluded.evaluated_at, open_gates = excluded.open_gates
            """, ct, null,
            P("r", g.Repository), P("n", g.Number), P("inst", g.InstallationId), P("requested", g.Requested ? 1 : 0),
            P("commentId", g.CommentId), P("commentFp", g.CommentFingerprint), P("label", g.Label),
            P("satisfied", g.AllSatisfied is { } s ? (int?)(s ? 1 : 0) : null), P("at", Ms(g.EvaluatedAt)), P("open", g.OpenGates));
    }
}
