using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PrReviewBot.Service;
using static PrReviewBot.Storage.StoredRows;

namespace PrReviewBot.Storage;

/// <summary>
/// <see cref="IWorkStore"/> and the stores beside it, written once over ADO.NET (<see cref="System.Data.Common"/>) for
/// every database; the <see cref="SqlDialect"/> supplies what differs (connection handling, the lease statement, lists
/// of values, column types, the migration lock). A delivery is stored once whichever process receives it (primary key
/// on its id), and a job is leased by one worker at a time; a lease that runs out (its holder died) makes the job
/// leasable again, and the next lease of such a job is marked interrupted.
/// </summary>
public abstract partial class SqlWorkStore : IWorkStore, ICommandStore, IGateStore, IRedeliveryStore, IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly IReadOnlyList<string> _migrations;

    private protected SqlWorkStore(SqlDialect dialect, TimeProvider time, ILogger log)
    {
        _dialect = dialect;
        _time = time;
        _log = log;
        _migrations = StoreSchema.Migrations.Select(m => m(dialect)).ToList();
    }

    public Task InitializeAsync(CancellationToken ct) => Run(async c =>
    {
        await using var migrationLock = await _dialect.LockMigrationsAsync(c, ct);
        await Exec(c, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", ct);
        var current = Convert.ToInt32(await Scalar(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version", ct) ?? 0);
        if (current > _migrations.Count)
        {
            throw new BotConfigurationException(
                $"Storage:ConnectionString points at a database of schema version {current}, newer than this build knows ({_migrations.Count}): run a newer prreviewbot.");
        }
        for (var version = current + 1; version <= _migrations.Count; version++)
        {
            await using var tx = await c.BeginTransactionAsync(ct);
            await Exec(c, _migrations[version - 1], ct, tx);
            await Exec(c, "DELETE FROM schema_version", ct, tx);
            await Exec(c, "INSERT INTO schema_version (version) VALUES (@v)", ct, tx, A("@v", version));
            await tx.CommitAsync(ct);
            _log.LogInformation("Storage migrated to schema version {Version}", version);
        }
        return 0;
    }, ct);

    public Task RecoverAsync(CancellationToken ct) => !_dialect.SingleProcess ? Task.CompletedTask : Run(async c =>
    {
        // One process per database: a lease still held at start-up belongs to a process that died mid-run.
        await Exec(c, "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, interrupted = 1 WHERE lease_owner IS NOT NULL", ct);
        return 0;
    }, ct);

    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        try
        {
            return await Run(async c => await Scalar(c, "SELECT 1", ct) is not null, ct);
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            return false;
        }
    }

    public Task<AcceptOutcome> AcceptDeliveryAsync(InboundDelivery d, WorkRequest? work, CancellationToken ct) => Run(async c =>
    {
        await using var tx = await c.BeginTransactionAsync(ct);
        // Two processes given the same delivery: the second waits for the first's row, then inserts nothing.
        var inserted = await Exec(c,
            """
            INSERT INTO deliveries (delivery_id, event, action, installation_id, repository, subject, state, received_at, headers, body, payload, note)
            VALUES (@id, @event, @action, @inst, @repo, @subject, @state, @received, @headers, @body, @payload, @note)
            ON CONFLICT (delivery_id) DO NOTHING
            """, ct, tx,
            A("@id", d.DeliveryId), A("@event", d.Event), A("@action", d.Action), A("@inst", d.InstallationId),
            A("@repo", d.Repository), A("@subject", d.Subject), A("@state", StateName(d.State)),
            A("@received", Ms(d.ReceivedAt)), A("@headers", d.Headers), A("@body", d.Body), A("@payload", d.Payload), A("@note", d.Note));
        if (inserted == 0)
        {
            await tx.RollbackAsync(ct);
            return AcceptOutcome.Duplicate;
        }
        if (work is not null)
        {
            await UpsertJob(c, tx, work, ct);
        }
        await tx.CommitAsync(ct);
        return AcceptOutcome.Accepted;
    }, ct, intake: true);

    public Task EnqueueAsync(WorkRequest work, CancellationToken ct) => Run(c => UpsertJob(c, null, work, ct), ct);

    private Task<int> UpsertJob(DbConnection c, DbTransaction? tx, WorkRequest w, CancellationToken ct) => Exec(c,
        // A job in back-off (attempts > 0) keeps its due time: new deliveries must not hurry it into the same
        // rate limit. Otherwise the earliest due time wins, so a debounced edit never delays an opened PR.
        // A new job's turn is one after its installation's last queued job: leasing by turn is round-robin by
        // installation. Coalesced work keeps the job's turn.
        """
        INSERT INTO jobs (subject, kind, repository, installation_id, number, sha, base_ref, version, due_at, attempts, force, created_at, updated_at, turn)
        VALUES (@subject, @kind, @repo, @inst, @number, @sha, @base, 1, @due, 0, @force, @now, @now,
            (SELECT COALESCE(MAX(turn) + 1, 0) FROM jobs WHERE installation_id = @inst))
        ON CONFLICT (subject) DO UPDATE SET
            version = jobs.version + 1,
            installation_id = COALESCE(excluded.installation_id, jobs.installation_id),
            base_ref = COALESCE(excluded.base_ref, jobs.base_ref),
            due_at = CASE WHEN jobs.attempts = 0 AND excluded.due_at < jobs.due_at THEN excluded.due_at ELSE jobs.due_at END,
            force = CASE WHEN excluded.force = 1 THEN 1 ELSE jobs.force END,
            updated_at = excluded.updated_at
        """, ct, tx,
        A("@subject", w.Subject), A("@kind", KindName(w.Kind)), A("@repo", w.Repository), A("@inst", w.InstallationId),
        A("@number", w.Number), A("@sha", w.Sha), A("@base", w.BaseRef), A("@due", Ms(w.DueAt)), A("@force", w.Force ? 1 : 0),
        A("@now", Ms(_time.GetUtcNow())));

    public Task<LeasedJob?> LeaseNextAsync(string owner, TimeSpan leaseFor, LeaseFilter filter, CancellationToken ct) => Run(async c =>
    {
        var now = _time.GetUtcNow();
        await using var cmd = Command(c, _dialect.LeaseNextStatement(filter.FairByInstallation), null,
            A("@owner", owner), A("@until", Ms(now + leaseFor)), A("@now", Ms(now)));
        cmd.Parameters.Add(_dialect.SkipParameter(cmd, filter.SkipInstallations));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }
        return new LeasedJob(
            r.GetString(0), ParseKind(r.GetString(1)), r.GetString(2), NullableLong(r, 3), NullableInt(r, 4),
            NullableString(r, 5), NullableString(r, 6), r.GetInt64(7), r.GetInt32(8), r.GetInt32(9) == 1, owner)
        {
            Interrupted = r.GetInt32(10) == 1,
        };
    }, ct);

    public Task<bool> RenewLeaseAsync(LeasedJob job, TimeSpan leaseFor, CancellationToken ct) => Run(async c =>
        await Exec(c, "UPDATE jobs SET lease_until = @until WHERE subject = @s AND lease_owner = @o", ct, null,
            A("@until", Ms(_time.GetUtcNow() + leaseFor)), A("@s", job.Subject), A("@o", job.LeaseOwner)) == 1, ct);

    public Task<DateTimeOffset?> NextLeasableAtAsync(IReadOnlyCollection<long> skipInstallations, CancellationToken ct) => Run<DateTimeOffset?>(async c =>
    {
        await using var cmd = Command(c,
            $"SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > @now THEN lease_until ELSE due_at END) FROM jobs WHERE {_dialect.NotSkipped}",
            null, A("@now", Ms(_time.GetUtcNow())));
        cmd.Parameters.Add(_dialect.SkipParameter(cmd, skipInstallations));
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value));
    }, ct);

    public Task<IReadOnlyList<PendingDelivery>> PendingDeliveriesAsync(string subject, CancellationToken ct) => Run(c =>
        List(c,
            $"SELECT delivery_id, event, action, received_at, body, payload FROM deliveries WHERE subject = @s AND state = 'pending' ORDER BY received_at, {_dialect.DeliveryTieBreak}",
            // Whichever column holds the body: rows stored before Storage:Utf8Payloads was turned on (or off) stay readable.
            r => new PendingDelivery(r.GetString(0), r.GetString(1), NullableString(r, 2),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), NullableString(r, 4))
            {
                Payload = r.IsDBNull(5) ? null : r.GetFieldValue<byte[]>(5),
            },
            ct, A("@s", subject)), ct);

    public Task<bool> CompleteAsync(LeasedJob job, IReadOnlyList<string> deliveryIds, CancellationToken ct) =>
        Finish(job, deliveryIds, DeliveryState.Done, null, ct);

    public Task<bool> FailAsync(LeasedJob job, IReadOnlyList<string> deliveryIds, string error, CancellationToken ct) =>
        Finish(job, deliveryIds, DeliveryState.Failed, error, ct);

    private Task<bool> Finish(LeasedJob job, IReadOnlyList<string> deliveryIds, DeliveryState state, string? error, CancellationToken ct) => Run(async c =>
    {
        var now = Ms(_time.GetUtcNow());
        await using var tx = await c.BeginTransactionAsync(ct);
        if (deliveryIds.Count > 0)
        {
            // The raw body has served its purpose; the row stays for de-duplication and the history.
            await using var done = Command(c,
                $"UPDATE deliveries SET state = @state, completed_at = @now, body = NULL, payload = NULL, error = @error WHERE {_dialect.InList("delivery_id", "@ids")} AND state = 'pending'",
                tx, A("@state", StateName(state)), A("@now", now), A("@error", error));
            done.Parameters.Add(_dialect.ListParameter(done, "@ids", deliveryIds));
            await done.ExecuteNonQueryAsync(ct);
        }
        // A delivery stored meanwhile moved the version (its transaction waits for this row, or this waits for it).
        var deleted = await Exec(c, "DELETE FROM jobs WHERE subject = @s AND version = @v AND lease_owner = @o", ct, tx,
            A("@s", job.Subject), A("@v", job.Version), A("@o", job.LeaseOwner));
        if (deleted == 0)
        {
            // Work arrived while this ran: run again, from a clean slate.
            await Exec(c,
                "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, interrupted = 0, attempts = 0, last_error = NULL, updated_at = @now WHERE subject = @s AND lease_owner = @o",
                ct, tx, A("@now", now), A("@s", job.Subject), A("@o", job.LeaseOwner));
        }
        await tx.CommitAsync(ct);
        return deleted == 1;
    }, ct);

    public Task RetryLaterAsync(LeasedJob job, DateTimeOffset dueAt, string reason, bool countAttempt, CancellationToken ct) => Run(c =>
        Exec(c,
            """
            UPDATE jobs SET lease_owner = NULL, lease_until = NULL, interrupted = 0, due_at = @due, attempts = attempts + @inc, last_error = @reason, updated_at = @now
            WHERE subject = @s AND lease_owner = @o
            """, ct, null,
            A("@due", Ms(dueAt)), A("@inc", countAttempt ? 1 : 0), A("@reason", reason), A("@now", Ms(_time.GetUtcNow())),
            A("@s", job.Subject), A("@o", job.LeaseOwner)), ct);

    // Handed back mid-run (shutdown): it may have posted without recording so.
    public Task ReleaseAsync(LeasedJob job, CancellationToken ct) => Run(c =>
        Exec(c, "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, interrupted = 1 WHERE subject = @s AND lease_owner = @o", ct, null,
            A("@s", job.Subject), A("@o", job.LeaseOwner)), ct);

    public Task<PullRequestRecord?> GetPullRequestAsync(string repository, int number, CancellationToken ct) => Run(async c =>
        (await List(c, PullRequestSelect + " WHERE repository = @r AND number = @n", ReadPullRequest, ct, A("@r", repository), A("@n", number)))
            .FirstOrDefault(), ct);

    public Task<IReadOnlyList<PullRequestRecord>> FindPullRequestsByHeadAsync(string repository, string headSha, CancellationToken ct) => Run(c =>
        List(c, PullRequestSelect + " WHERE repository = @r AND head_sha = @sha ORDER BY number", ReadPullRequest, ct,
            A("@r", repository), A("@sha", headSha)), ct);

    public Task SavePullRequestAsync(PullRequestRecord record, CancellationToken ct) => Run(c => UpsertPullRequest(c, null, record, ct), ct);

    public Task SaveEvaluationAsync(PullRequestRecord p, EvaluationRecord e, CancellationToken ct) => Run(async c =>
    {
        await using var tx = await c.BeginTransactionAsync(ct);
        await UpsertPullRequest(c, tx, p, ct);
        await Exec(c,
            """
            INSERT INTO evaluations (repository, number, head_sha, conclusion, title, check_action, comment_action, delivery_ids, evaluated_at, duration_ms, verdict_json)
            VALUES (@r, @n, @head, @conclusion, @title, @check, @comment, @deliveries, @at, @duration, @verdict)
            """, ct, tx,
            A("@r", e.Repository), A("@n", e.Number), A("@head", e.HeadSha), A("@conclusion", e.Conclusion), A("@title", e.Title),
            A("@check", e.CheckAction), A("@comment", e.CommentAction), A("@deliveries", JsonSerializer.Serialize(e.DeliveryIds)),
            A("@at", Ms(e.EvaluatedAt)), A("@duration", (long)e.Duration.TotalMilliseconds), A("@verdict", e.VerdictJson));
        await tx.CommitAsync(ct);
        return 0;
    }, ct);

    private static Task<int> UpsertPullRequest(DbConnection c, DbTransaction? tx, PullRequestRecord p, CancellationToken ct) => Exec(c,
        """
        INSERT INTO pull_requests (repository, number, installation_id, base_ref, head_sha, is_optimization, conclusion, verdict_json,
            check_name, check_json, check_fingerprint, check_sha, comment_id, comment_fingerprint, evaluated_at)
        VALUES (@r, @n, @inst, @base, @head, @opt, @conclusion, @verdict, @checkName, @checkJson, @checkFp, @checkSha, @commentId, @commentFp, @at)
        ON CONFLICT (repository, number) DO UPDATE SET
            installation_id = excluded.installation_id, base_ref = excluded.base_ref, head_sha = excluded.head_sha,
            is_optimization = excluded.is_optimization, conclusion = excluded.conclusion, verdict_json = excluded.verdict_json,
            check_name = excluded.check_name, check_json = excluded.check_json, check_fingerprint = excluded.check_fingerprint,
            check_sha = excluded.check_sha, comment_id = excluded.comment_id, comment_fingerprint = excluded.comment_fingerprint,
            evaluated_at = excluded.evaluated_at
        """, ct, tx,
        A("@r", p.Repository), A("@n", p.Number), A("@inst", p.InstallationId), A("@base", p.BaseRef), A("@head", p.HeadSha),
        A("@opt", p.IsOptimization ? 1 : 0), A("@conclusion", p.Conclusion), A("@verdict", p.VerdictJson), A("@checkName", p.CheckName),
        A("@checkJson", p.CheckJson), A("@checkFp", p.CheckFingerprint), A("@checkSha", p.CheckSha), A("@commentId", p.CommentId),
        A("@commentFp", p.CommentFingerprint), A("@at", Ms(p.EvaluatedAt)));

    public Task<IReadOnlyList<EvaluationRecord>> EvaluationsAsync(string repository, int number, int limit, CancellationToken ct) => Run(c =>
        List(c,
            """
            SELECT repository, number, head_sha, conclusion, title, check_action, comment_action, delivery_ids, evaluated_at, duration_ms, verdict_json
            FROM evaluations WHERE repository = @r AND number = @n ORDER BY evaluated_at DESC, id DESC LIMIT @limit
            """,
            r => new EvaluationRecord(r.GetString(0), r.GetInt32(1), NullableString(r, 2), NullableString(r, 3),
                NullableString(r, 4), r.GetString(5), r.GetString(6),
                JsonSerializer.Deserialize<List<string>>(r.GetString(7)) ?? [],
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)), TimeSpan.FromMilliseconds(r.GetInt64(9)),
                NullableString(r, 10)),
            ct, A("@r", repository), A("@n", number), A("@limit", limit)), ct);

    private const string DeliverySelect =
        "SELECT delivery_id, event, action, repository, subject, state, received_at, completed_at, note, error FROM deliveries";

    public Task<DeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken ct) => Run(async c =>
        (await List(c, DeliverySelect + " WHERE delivery_id = @id", ReadDelivery, ct, A("@id", deliveryId))).FirstOrDefault(), ct);

    public Task<QueueSnapshot> QueueSnapshotAsync(CancellationToken ct) => Run(async c =>
        (await List(c,
            """
            SELECT (SELECT COUNT(*) FROM jobs),
                   (SELECT COUNT(*) FROM jobs WHERE lease_owner IS NOT NULL),
                   (SELECT COUNT(*) FROM deliveries WHERE state = 'pending'),
                   (SELECT MIN(due_at) FROM jobs),
                   (SELECT MIN(created_at) FROM jobs)
            """,
            r => new QueueSnapshot((int)r.GetInt64(0), (int)r.GetInt64(1), (int)r.GetInt64(2),
                r.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)))
            {
                OldestCreatedAt = r.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
            }, ct))[0], ct);

    public Task<IReadOnlyList<DeliveryRecord>> RecentDeliveriesAsync(string? subject, int limit, CancellationToken ct) => Run(c =>
        List(c,
            DeliverySelect + (subject is null ? "" : " WHERE subject = @subject")
                + $" ORDER BY received_at DESC, {_dialect.DeliveryTieBreak} DESC LIMIT @limit",
            ReadDelivery, ct, A("@subject", subject), A("@limit", limit)), ct);

    public Task<IReadOnlyList<InstallationSeen>> InstallationsSeenAsync(CancellationToken ct) => Run(c =>
        List(c,
            """
            SELECT installation_id, COUNT(DISTINCT repository), MAX(received_at) FROM deliveries
            WHERE installation_id IS NOT NULL GROUP BY installation_id ORDER BY MAX(received_at) DESC LIMIT 100
            """,
            r => new InstallationSeen(r.GetInt64(0), (int)r.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))), ct), ct);

    public Task PurgeAsync(DateTimeOffset cutoff, CancellationToken ct) => Run(async c =>
    {
        await Exec(c, "DELETE FROM deliveries WHERE received_at < @cutoff AND state <> 'pending'", ct, null, A("@cutoff", Ms(cutoff)));
        await Exec(c, "DELETE FROM evaluations WHERE evaluated_at < @cutoff", ct, null, A("@cutoff", Ms(cutoff)));
        await Exec(c, "DELETE FROM redeliveries WHERE requested_at < @cutoff", ct, null, A("@cutoff", Ms(cutoff)));
        return 0;
    }, ct);

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();

    /// <summary>Runs one unit of work on a connection the dialect lends; a database error marks the connection broken.</summary>
    private Task<T> Run<T>(Func<DbConnection, Task<T>> work, CancellationToken ct, bool intake = false) =>
        // Never on a job's low-priority thread (Queue:WorkerNice): the connection may be the intake's next.
        Work.LowPriorityScheduler.OnThisThread ? Task.Run(() => RunHere(work, ct, intake), CancellationToken.None) : RunHere(work, ct, intake);

    /// <summary>Runs <paramref name="probe"/> where the store's units of work run (tests).</summary>
    internal Task<T> RunForTestAsync<T>(Func<T> probe) => Run(_ => Task.FromResult(probe()), CancellationToken.None);

    private async Task<T> RunHere<T>(Func<DbConnection, Task<T>> work, CancellationToken ct, bool intake)
    {
        await using var session = await _dialect.OpenAsync(ct, intake);
        try
        {
            return await work(session.Connection);
        }
        catch (DbException)
        {
            session.Broken = true;
            throw;
        }
    }

    /// <summary>A parameter with its type, so that a null still tells the database what it is.</summary>
    private readonly record struct Arg(string Name, object? Value, DbType Type);

    private static Arg A(string name, string? value) => new(name, value, DbType.String);

    private static Arg A(string name, long? value) => new(name, value, DbType.Int64);

    private static Arg A(string name, int? value) => new(name, value, DbType.Int32);

    private static Arg A(string name, byte[]? value) => new(name, value, DbType.Binary);

    private static DbCommand Command(DbConnection c, string sql, DbTransaction? tx, params Arg[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var arg in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = arg.Name;
            p.DbType = arg.Type;
            p.Value = arg.Value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static async Task<int> Exec(DbConnection c, string sql, CancellationToken ct, DbTransaction? tx = null, params Arg[] args)
    {
        await using var cmd = Command(c, sql, tx, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> Scalar(DbConnection c, string sql, CancellationToken ct, DbTransaction? tx = null, params Arg[] args)
    {
        await using var cmd = Command(c, sql, tx, args);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    private static async Task<IReadOnlyList<T>> List<T>(DbConnection c, string sql, Func<DbDataReader, T> read, CancellationToken ct, params Arg[] args)
    {
        await using var cmd = Command(c, sql, null, args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await r.ReadAsync(ct))
        {
            list.Add(read(r));
        }
        return list;
    }
}
