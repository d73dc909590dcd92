using System.Data.Common;
using Microsoft.Data.Sqlite;
using static PrReviewBot.Storage.StoredRows;

namespace PrReviewBot.Storage;

/// <summary>Commands handled, the override audit log and gate state in SQLite (migrations 3 and 4).</summary>
public sealed partial class SqliteWorkStore : ICommandStore, IGateStore
{
    private const string CommandSelect =
        "SELECT repository, number, comment_id, fingerprint, delivery_id, actor, verb, action, reply, refused, decided_at, done_at FROM commands";

    public Task<CommandRecord?> GetCommandAsync(string repository, long commentId, string fingerprint, CancellationToken ct) => WithConnection(async c =>
    {
        await using var cmd = Command(c, CommandSelect + " WHERE repository = $r AND comment_id = $id AND fingerprint = $fp", null,
            ("$r", repository), ("$id", commentId), ("$fp", fingerprint));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadCommand(r) : null;
    }, ct);

    public Task<bool> RecordCommandAsync(CommandRecord command, OverrideEvent? change, CancellationToken ct) => WithConnection(async c =>
    {
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(ct);
        var inserted = await Exec(c,
            """
            INSERT INTO commands (repository, comment_id, fingerprint, number, delivery_id, actor, verb, action, reply, refused, decided_at)
            VALUES ($r, $id, $fp, $n, $delivery, $actor, $verb, $action, $reply, $refused, $at)
            ON CONFLICT (repository, comment_id, fingerprint) DO NOTHING
            """, ct, tx,
            ("$r", command.Repository), ("$id", command.CommentId), ("$fp", command.Fingerprint), ("$n", command.Number),
            ("$delivery", command.DeliveryId), ("$actor", command.Actor), ("$verb", command.Verb), ("$action", command.Action),
            ("$reply", command.Reply), ("$refused", command.Refused ? 1 : 0), ("$at", Ms(command.DecidedAt)));
        if (inserted == 0)
        {
            return false;
        }
        if (change is not null)
        {
            await Exec(c,
                "INSERT INTO overrides (repository, number, action, actor, reason, at, comment_id) VALUES ($r, $n, $action, $actor, $reason, $at, $id)",
                ct, tx, ("$r", change.Repository), ("$n", change.Number), ("$action", OverrideActionName(change.Action)), ("$actor", change.Actor),
                ("$reason", change.Reason), ("$at", Ms(change.At)), ("$id", change.CommentId));
        }
        await tx.CommitAsync(ct);
        return true;
    }, ct);

    public Task MarkCommandDoneAsync(CommandRecord command, DateTimeOffset at, CancellationToken ct) => WithConnection(async c =>
        await Exec(c, "UPDATE commands SET done_at = $at WHERE repository = $r AND comment_id = $id AND fingerprint = $fp", ct, null,
            ("$at", Ms(at)), ("$r", command.Repository), ("$id", command.CommentId), ("$fp", command.Fingerprint)), ct);

    public async Task<OverrideEvent?> CurrentOverrideAsync(string repository, int number, CancellationToken ct)
    {
        var latest = await OverrideEventsAsync(repository, number, 1, ct);
        return latest.Count == 1 && latest[0].Action == OverrideAction.Override ? latest[0] : null;
    }

    public Task<IReadOnlyList<OverrideEvent>> OverrideEventsAsync(string repository, int number, int limit, CancellationToken ct) => WithConnection(async c =>
    {
        await using var cmd = Command(c,
            "SELECT repository, number, action, actor, reason, at, comment_id FROM overrides WHERE repository = $r AND number = $n ORDER BY id DESC LIMIT $limit",
            null, ("$r", repository), ("$n", number), ("$limit", limit));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<OverrideEvent>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new OverrideEvent(r.GetString(0), r.GetInt32(1), ParseOverrideAction(r.GetString(2)), r.GetString(3), NullableString(r, 4),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), r.GetInt64(6)));
        }
        return (IReadOnlyList<OverrideEvent>)list;
    }, ct);

    public Task<GateRecord?> GetGatesAsync(string repository, int number, CancellationToken ct) => WithConnection(async c =>
    {
        await using var cmd = Command(c,
            """
            SELECT repository, number, installation_id, requested, comment_id, comment_fingerprint, label, all_satisfied, evaluated_at, open_gates
            FROM gates WHERE repository = $r AND number = $n
            """, null, ("$r", repository), ("$n", number));
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
    }, ct);

    public Task SaveGatesAsync(GateRecord g, CancellationToken ct) => WithConnection(async c =>
        await Exec(c,
            """
            INSERT INTO gates (repository, number, installation_id, requested, comment_id, comment_fingerprint, label, all_satisfied, evaluated_at, open_gates)
            VALUES ($r, $n, $inst, $requested, $commentId, $commentFp, $label, $satisfied, $at, $open)
            ON CONFLICT (repository, number) DO UPDATE SET
                installation_id = excluded.installation_id, requested = excluded.requested, comment_id = excluded.comment_id,
                comment_fingerprint = excluded.comment_fingerprint, label = excluded.label, all_satisfied = excluded.all_satisfied,
                evaluated_at = excluded.evaluated_at, open_gates = excluded.open_gates
            """, ct, null,
            ("$r", g.Repository), ("$n", g.Number), ("$inst", g.InstallationId), ("$requested", g.Requested ? 1 : 0),
            ("$commentId", g.CommentId), ("$commentFp", g.CommentFingerprint), ("$label", g.Label),
            ("$satisfied", g.AllSatisfied is { } s ? (s ? 1 : 0) : null), ("$at", Ms(g.EvaluatedAt)), ("$open", g.OpenGates)), ct);
}
