using static PrReviewBot.Storage.StoredRows;

namespace PrReviewBot.Storage;

/// <summary>Commands handled, the override audit log and gate state (migrations 3 and 4).</summary>
public abstract partial class SqlWorkStore
{
    public Task<CommandRecord?> GetCommandAsync(string repository, long commentId, string fingerprint, CancellationToken ct) => Run(async c =>
        (await List(c,
            """
            SELECT repository, number, comment_id, fingerprint, delivery_id, actor, verb, action, reply, refused, decided_at, done_at
            FROM commands WHERE repository = @r AND comment_id = @id AND fingerprint = @fp
            """, ReadCommand, ct, A("@r", repository), A("@id", commentId), A("@fp", fingerprint))).FirstOrDefault(), ct);

    public Task<bool> RecordCommandAsync(CommandRecord command, OverrideEvent? change, CancellationToken ct) => Run(async c =>
    {
        await using var tx = await c.BeginTransactionAsync(ct);
        // Two processes given the same comment: the second waits on the first's row, then inserts nothing.
        var inserted = await Exec(c,
            """
            INSERT INTO commands (repository, comment_id, fingerprint, number, delivery_id, actor, verb, action, reply, refused, decided_at)
            VALUES (@r, @id, @fp, @n, @delivery, @actor, @verb, @action, @reply, @refused, @at)
            ON CONFLICT (repository, comment_id, fingerprint) DO NOTHING
            """, ct, tx,
            A("@r", command.Repository), A("@id", command.CommentId), A("@fp", command.Fingerprint), A("@n", command.Number),
            A("@delivery", command.DeliveryId), A("@actor", command.Actor), A("@verb", command.Verb), A("@action", command.Action),
            A("@reply", command.Reply), A("@refused", command.Refused ? 1 : 0), A("@at", Ms(command.DecidedAt)));
        if (inserted == 0)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        if (change is not null)
        {
            await Exec(c,
                "INSERT INTO overrides (repository, number, action, actor, reason, at, comment_id) VALUES (@r, @n, @action, @actor, @reason, @at, @id)",
                ct, tx, A("@r", change.Repository), A("@n", change.Number), A("@action", OverrideActionName(change.Action)),
                A("@actor", change.Actor), A("@reason", change.Reason), A("@at", Ms(change.At)), A("@id", change.CommentId));
        }
        await tx.CommitAsync(ct);
        return true;
    }, ct);

    public Task MarkCommandDoneAsync(CommandRecord command, DateTimeOffset at, CancellationToken ct) => Run(c =>
        Exec(c, "UPDATE commands SET done_at = @at WHERE repository = @r AND comment_id = @id AND fingerprint = @fp", ct, null,
            A("@at", Ms(at)), A("@r", command.Repository), A("@id", command.CommentId), A("@fp", command.Fingerprint)), ct);

    public async Task<OverrideEvent?> CurrentOverrideAsync(string repository, int number, CancellationToken ct)
    {
        var latest = await OverrideEventsAsync(repository, number, 1, ct);
        // An override or a skip stands until the next revoke (or replaces the one before it).
        return latest.Count == 1 && latest[0].Action is OverrideAction.Override or OverrideAction.Skip ? latest[0] : null;
    }

    public Task<IReadOnlyList<OverrideEvent>> OverrideEventsAsync(string repository, int number, int limit, CancellationToken ct) => Run(c =>
        List(c,
            "SELECT repository, number, action, actor, reason, at, comment_id FROM overrides WHERE repository = @r AND number = @n ORDER BY id DESC LIMIT @limit",
            r => new OverrideEvent(r.GetString(0), r.GetInt32(1), ParseOverrideAction(r.GetString(2)), r.GetString(3),
                NullableString(r, 4), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), r.GetInt64(6)),
            ct, A("@r", repository), A("@n", number), A("@limit", limit)), ct);

    public Task<GateRecord?> GetGatesAsync(string repository, int number, CancellationToken ct) => Run(async c =>
        (await List(c,
            """
            SELECT repository, number, installation_id, requested, comment_id, comment_fingerprint, label, all_satisfied, evaluated_at, open_gates
            FROM gates WHERE repository = @r AND number = @n
            """,
            r => new GateRecord
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
            },
            ct, A("@r", repository), A("@n", number))).FirstOrDefault(), ct);

    public Task SaveGatesAsync(GateRecord g, CancellationToken ct) => Run(c =>
        Exec(c,
            """
            INSERT INTO gates (repository, number, installation_id, requested, comment_id, comment_fingerprint, label, all_satisfied, evaluated_at, open_gates)
            VALUES (@r, @n, @inst, @requested, @commentId, @commentFp, @label, @satisfied, @at, @open)
            ON CONFLICT (repository, number) DO UPDATE SET
                installation_id = excluded.installation_id, requested = excluded.requested, comment_id = excluded.comment_id,
                comment_fingerprint = excluded.comment_fingerprint, label = excluded.label, all_satisfied = excluded.all_satisfied,
                evaluated_at = excluded.evaluated_at, open_gates = excluded.open_gates
            """, ct, null,
            A("@r", g.Repository), A("@n", g.Number), A("@inst", g.InstallationId), A("@requested", g.Requested ? 1 : 0),
            A("@commentId", g.CommentId), A("@commentFp", g.CommentFingerprint), A("@label", g.Label),
            A("@satisfied", g.AllSatisfied is { } s ? s ? 1 : 0 : null), A("@at", Ms(g.EvaluatedAt)), A("@open", g.OpenGates)), ct);

    public Task LinkPullRequestAsync(string repository, int pullRequest, IReadOnlyCollection<int> issues, DateTimeOffset at, CancellationToken ct) =>
        Run(async c =>
        {
            await using var tx = await c.BeginTransactionAsync(ct);
            var linked = new HashSet<int>();
            await using (var cmd = Command(c, "SELECT issue FROM gate_links WHERE repository = @r AND pull_request = @pr", tx,
                             A("@r", repository), A("@pr", pullRequest)))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    linked.Add(r.GetInt32(0));
                }
            }
            foreach (var gone in linked.Except(issues))
            {
                await Exec(c, "DELETE FROM gate_links WHERE repository = @r AND issue = @i AND pull_request = @pr", ct, tx,
                    A("@r", repository), A("@i", gone), A("@pr", pullRequest));
            }
            foreach (var added in issues.Distinct().Except(linked))
            {
                await Exec(c, "INSERT INTO gate_links (repository, issue, pull_request, linked_at) VALUES (@r, @i, @pr, @at) ON CONFLICT DO NOTHING", ct, tx,
                    A("@r", repository), A("@i", added), A("@pr", pullRequest), A("@at", Ms(at)));
            }
            await tx.CommitAsync(ct);
            return 0;
        }, ct);

    public Task<IReadOnlyList<int>> LinkingPullRequestsAsync(string repository, int issue, CancellationToken ct) => Run(c =>
        List(c, "SELECT pull_request FROM gate_links WHERE repository = @r AND issue = @i ORDER BY pull_request", r => r.GetInt32(0), ct,
            A("@r", repository), A("@i", issue)), ct);
}
