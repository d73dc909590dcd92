using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PrReviewBot.Service;
using static PrReviewBot.Storage.StoredRows;

namespace PrReviewBot.Storage;

/// <summary>
/// <see cref="IWorkStore"/> on one SQLite file (WAL). SQLite has one writer at a time, so the store keeps one
/// connection and takes turns on it: simpler than a pool and as fast. One process per file: start-up recovery
/// assumes no other process holds leases.
/// </summary>
public sealed partial class SqliteWorkStore : IWorkStore, IAsyncDisposable
{
    public const string DefaultFile = "data/prreviewbot.db";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;

    public SqliteWorkStore(IOptions<StorageOptions> options, TimeProvider time)
    {
        _connectionString = BuildConnectionString(options.Value.ConnectionString);
        _time = time;
    }

    /// <summary>Where the database lives: a file path, or a full connection string (anything with <c>=</c>).</summary>
    internal static string BuildConnectionString(string? configured)
    {
        var value = string.IsNullOrWhiteSpace(configured) ? DefaultFile : configured.Trim();
        var builder = value.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(value)
            : new SqliteConnectionStringBuilder { DataSource = value };
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        builder.Pooling = false;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        await WithConnection(async c =>
        {
            await Exec(c, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", ct);
            var current = Convert.ToInt32(await Scalar(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version", ct) ?? 0);
            if (current > SqliteSchema.Migrations.Count)
            {
                throw new BotConfigurationException(
                    $"Storage:ConnectionString points at a database of schema version {current}, newer than this build knows ({SqliteSchema.Migrations.Count}): run a newer prreviewbot.");
            }
            for (var version = current + 1; version <= SqliteSchema.Migrations.Count; version++)
            {
                await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(ct);
                await Exec(c, SqliteSchema.Migrations[version - 1], ct, tx);
                await Exec(c, "DELETE FROM schema_version", ct, tx);
                await Exec(c, "INSERT INTO schema_version (version) VALUES ($v)", ct, tx, ("$v", version));
                await tx.CommitAsync(ct);
            }
            return 0;
        }, ct);
    }

    public Task RecoverAsync(CancellationToken ct) => WithConnection(async c =>
    {
        // One process per SQLite file: a lease still held at start-up belongs to a process that died mid-run.
        await Exec(c, "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, interrupted = 1 WHERE lease_owner IS NOT NULL", ct);
        return 0;
    }, ct);

    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        try
        {
            return await WithConnection(async c => await Scalar(c, "SELECT 1", ct) is not null, ct);
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public Task<AcceptOutcome> AcceptDeliveryAsync(InboundDelivery d, WorkRequest? work, CancellationToken ct) => WithConnection(async c =>
    {
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(ct);
        var inserted = await Exec(c,
            """
            INSERT INTO deliveries (delivery_id, event, action, installation_id, repository, subject, state, received_at, headers, body, note)
            VALUES ($id, $event, $action, $inst, $repo, $subject, $state, $received, $headers, $body, $note)
            ON CONFLICT (delivery_id) DO NOTHING
            """, ct, tx,
            ("$id", d.DeliveryId), ("$event", d.Event), ("$action", d.Action), ("$inst", d.InstallationId),
            ("$repo", d.Repository), ("$subject", d.Subject), ("$state", StateName(d.State)),
            ("$received", Ms(d.ReceivedAt)), ("$headers", d.Headers), ("$body", d.Body), ("$note", d.Note));
        if (inserted == 0)
        {
            return AcceptOutcome.Duplicate;
        }
        if (work is not null)
        {
            await UpsertJob(c, tx, work, ct);
        }
        await tx.CommitAsync(ct);
        return AcceptOutcome.Accepted;
    }, ct);

    public Task EnqueueAsync(WorkRequest work, CancellationToken ct) => WithConnection(async c =>
    {
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(ct);
        await UpsertJob(c, tx, work, ct);
        await tx.CommitAsync(ct);
        return 0;
    }, ct);

    private Task<int> UpsertJob(SqliteConnection c, SqliteTransaction tx, WorkRequest w, CancellationToken ct) => Exec(c,
        // A job in back-off (attempts > 0) keeps its due time: new deliveries must not hurry it into the same
        // rate limit. Otherwise the earliest due time wins, so a debounced edit never delays an opened PR.
        """
        INSERT INTO jobs (subject, kind, repository, installation_id, number, sha, base_ref, version, due_at, attempts, force, created_at, updated_at)
        VALUES ($subject, $kind, $repo, $inst, $number, $sha, $base, 1, $due, 0, $force, $now, $now)
        ON CONFLICT (subject) DO UPDATE SET
            version = jobs.version + 1,
            installation_id = COALESCE(excluded.installation_id, jobs.installation_id),
            base_ref = COALESCE(excluded.base_ref, jobs.base_ref),
            due_at = CASE WHEN jobs.attempts = 0 AND excluded.due_at < jobs.due_at THEN excluded.due_at ELSE jobs.due_at END,
            force = CASE WHEN excluded.force = 1 THEN 1 ELSE jobs.force END,
            updated_at = excluded.updated_at
        """, ct, tx,
        ("$subject", w.Subject), ("$kind", KindName(w.Kind)), ("$repo", w.Repository), ("$inst", w.InstallationId),
        ("$number", w.Number), ("$sha", w.Sha), ("$base", w.BaseRef), ("$due", Ms(w.DueAt)), ("$force", w.Force ? 1 : 0),
        ("$now", Ms(_time.GetUtcNow())));

    public Task<LeasedJob?> LeaseNextAsync(string owner, TimeSpan leaseFor, CancellationToken ct) => WithConnection(async c =>
    {
        var now = _time.GetUtcNow();
        await using var cmd = Command(c,
            """
            UPDATE jobs SET interrupted = CASE WHEN lease_owner IS NOT NULL OR interrupted = 1 THEN 1 ELSE 0 END,
                lease_owner = $owner, lease_until = $until
            WHERE subject = (
                SELECT subject FROM jobs
                WHERE due_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                ORDER BY due_at, created_at
                LIMIT 1)
            RETURNING subject, kind, repository, installation_id, number, sha, base_ref, version, attempts, force, interrupted
            """, null,
            ("$owner", owner), ("$until", Ms(now + leaseFor)), ("$now", Ms(now)));
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

    public Task<bool> RenewLeaseAsync(LeasedJob job, TimeSpan leaseFor, CancellationToken ct) => WithConnection(async c =>
        await Exec(c, "UPDATE jobs SET lease_until = $until WHERE subject = $s AND lease_owner = $o", ct, null,
            ("$until", Ms(_time.GetUtcNow() + leaseFor)), ("$s", job.Subject), ("$o", job.LeaseOwner)) == 1, ct);

    public Task<DateTimeOffset?> NextLeasableAtAsync(CancellationToken ct) => WithConnection(async c =>
    {
        var value = await Scalar(c,
            "SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > $now THEN lease_until ELSE due_at END) FROM jobs", ct, null,
            ("$now", Ms(_time.GetUtcNow())));
        return value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
    }, ct);

    public Task<IReadOnlyList<PendingDelivery>> PendingDeliveriesAsync(string subject, CancellationToken ct) => WithConnection(async c =>
    {
        await using var cmd = Command(c,
            "SELECT delivery_id, event, action, received_at, body FROM deliveries WHERE subject = $s AND state = 'pending' ORDER BY received_at",
            null, ("$s", subject));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<PendingDelivery>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new PendingDelivery(r.GetString(0), r.GetString(1), NullableString(r, 2),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), NullableString(r, 4)));
        }
        return (IReadOnlyList<PendingDelivery>)list;
    }, ct);

    public Task<bool> CompleteAsync(LeasedJob job, IReadOnlyList<string> deliveryIds, CancellationToken ct) =>
        Finish(job, deliveryIds, DeliveryState.Done, null, ct);

    public Task<bool> FailAsync(LeasedJob job, IReadOnlyList<string> deliveryIds, string error, CancellationToken ct) =>
        Finish(job, deliveryIds, DeliveryState.Failed, error, ct);

    private Task<bool> Finish(LeasedJob job, IReadOnlyList<string> deliveryIds, DeliveryState state, string? error, CancellationToken ct) =>
        WithConnection(async c =>
        {
            var now = Ms(_time.GetUtcNow());
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(ct);
            foreach (var id in deliveryIds)
            {
                // The raw body has served its purpose; the row stays for de-duplication and the history.
                await Exec(c,
                    "UPDATE deliveries SET state = $state, completed_at = $now, body = NULL, error = $error WHERE delivery_id = $id AND state = 'pending'",
                    ct, tx, ("$state", StateName(state)), ("$now", now), ("$error", error), ("$id", id));
            }
            var deleted = await Exec(c,
                "DELETE FROM jobs WHERE subject = $s AND version = $v AND lease_owner = $o", ct, tx,
                ("$s", job.Subject), ("$v", job.Version), ("$o", job.LeaseOwner));
            if (deleted == 0)
            {
                // Work arrived while this ran: run again, from a clean slate.
                await Exec(c,
                    "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, interrupted = 0, attempts = 0, last_error = NULL, updated_at = $now WHERE subject = $s AND lease_owner = $o",
                    ct, tx, ("$now", now), ("$s", job.Subject), ("$o", job.LeaseOwner));
            }
            await tx.CommitAsync(ct);
            return deleted == 1;
        }, ct);

    public Task RetryLaterAsync(LeasedJob job, DateTimeOffset dueAt, string reason, bool countAttempt, CancellationToken ct) => WithConnection(async c =>
    {
        await Exec(c,
            """
            UPDATE jobs SET lease_owner = NULL, lease_until = NULL, interrupted = 0, due_at = $due, attempts = attempts + $inc, last_error = $reason, updated_at = $now
            WHERE subject = $s AND lease_owner = $o
            """, ct, null,
            ("$due", Ms(dueAt)), ("$inc", countAttempt ? 1 : 0), ("$reason", reason), ("$now", Ms(_time.GetUtcNow())),
            ("$s", job.Subject), ("$o", job.LeaseOwner));
        return 0;
    }, ct);

    public Task ReleaseAsync(LeasedJob job, CancellationToken ct) => WithConnection(async c =>
    {
        // Handed back mid-run (shutdown): it may have posted without recording so.
        await Exec(c, "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, interrupted = 1 WHERE subject = $s AND lease_owner = $o", ct, null,
            ("$s", job.Subject), ("$o", job.LeaseOwner));
        return 0;
    }, ct);

    public Task<PullRequestRecord?> GetPullRequestAsync(string repository, int number, CancellationToken ct) => WithConnection(async c =>
    {
        await using var cmd = Command(c, PullRequestSelect + " WHERE repository = $r AND number = $n", null, ("$r", repository), ("$n", number));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadPullRequest(r) : null;
    }, ct);

    public Task<IReadOnlyList<PullRequestRecord>> FindPullRequestsByHeadAsync(string repository, string headSha, CancellationToken ct) =>
        WithConnection(async c =>
        {
            await using var cmd = Command(c, PullRequestSelect + " WHERE repository = $r AND head_sha = $sha ORDER BY number", null,
                ("$r", repository), ("$sha", headSha));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<PullRequestRecord>();
            while (await r.ReadAsync(ct))
            {
                list.Add(ReadPullRequest(r));
            }
            return (IReadOnlyList<PullRequestRecord>)list;
        }, ct);

    public Task SavePullRequestAsync(PullRequestRecord record, CancellationToken ct) => WithConnection(async c =>
    {
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(ct);
        await UpsertPullRequest(c, tx, record, ct);
        await tx.CommitAsync(ct);
        return 0;
    }, ct);

    public Task SaveEvaluationAsync(PullRequestRecord p, EvaluationRecord e, CancellationToken ct) => WithConnection(async c =>
    {
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(ct);
        await UpsertPullRequest(c, tx, p, ct);
        await Exec(c,
            """
            INSERT INTO evaluations (repository, number, head_sha, conclusion, title, check_action, comment_action, delivery_ids, evaluated_at, duration_ms, verdict_json)
            VALUES ($r, $n, $head, $conclusion, $title, $check, $comment, $deliveries, $at, $duration, $verdict)
            """, ct, tx,
            ("$r", e.Repository), ("$n", e.Number), ("$head", e.HeadSha), ("$conclusion", e.Conclusion), ("$title", e.Title),
            ("$check", e.CheckAction), ("$comment", e.CommentAction), ("$deliveries", JsonSerializer.Serialize(e.DeliveryIds)),
            ("$at", Ms(e.EvaluatedAt)), ("$duration", (long)e.Duration.TotalMilliseconds), ("$verdict", e.VerdictJson));
        await tx.CommitAsync(ct);
        return 0;
    }, ct);

    private static Task<int> UpsertPullRequest(SqliteConnection c, SqliteTransaction tx, PullRequestRecord p, CancellationToken ct) => Exec(c,
        """
        INSERT INTO pull_requests (repository, number, installation_id, base_ref, head_sha, is_optimization, conclusion, verdict_json,
            check_name, check_json, check_fingerprint, check_sha, comment_id, comment_fingerprint, evaluated_at)
        VALUES ($r, $n, $inst, $base, $head, $opt, $conclusion, $verdict, $checkName, $checkJson, $checkFp, $checkSha, $commentId, $commentFp, $at)
        ON CONFLICT (repository, number) DO UPDATE SET
            installation_id = excluded.installation_id, base_ref = excluded.base_ref, head_sha = excluded.head_sha,
            is_optimization = excluded.is_optimization, conclusion = excluded.conclusion, verdict_json = excluded.verdict_json,
            check_name = excluded.check_name, check_json = excluded.check_json, check_fingerprint = excluded.check_fingerprint,
            check_sha = excluded.check_sha, comment_id = excluded.comment_id, comment_fingerprint = excluded.comment_fingerprint,
            evaluated_at = excluded.evaluated_at
        """, ct, tx,
        ("$r", p.Repository), ("$n", p.Number), ("$inst", p.InstallationId), ("$base", p.BaseRef), ("$head", p.HeadSha),
        ("$opt", p.IsOptimization ? 1 : 0), ("$conclusion", p.Conclusion), ("$verdict", p.VerdictJson), ("$checkName", p.CheckName),
        ("$checkJson", p.CheckJson), ("$checkFp", p.CheckFingerprint), ("$checkSha", p.CheckSha), ("$commentId", p.CommentId),
        ("$commentFp", p.CommentFingerprint), ("$at", Ms(p.EvaluatedAt)));

    public Task<IReadOnlyList<EvaluationRecord>> EvaluationsAsync(string repository, int number, int limit, CancellationToken ct) =>
        WithConnection(async c =>
        {
            await using var cmd = Command(c,
                """
                SELECT repository, number, head_sha, conclusion, title, check_action, comment_action, delivery_ids, evaluated_at, duration_ms, verdict_json
                FROM evaluations WHERE repository = $r AND number = $n ORDER BY evaluated_at DESC, id DESC LIMIT $limit
                """, null, ("$r", repository), ("$n", number), ("$limit", limit));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<EvaluationRecord>();
            while (await r.ReadAsync(ct))
            {
                list.Add(new EvaluationRecord(r.GetString(0), r.GetInt32(1), NullableString(r, 2), NullableString(r, 3),
                    NullableString(r, 4), r.GetString(5), r.GetString(6),
                    JsonSerializer.Deserialize<List<string>>(r.GetString(7)) ?? [],
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)), TimeSpan.FromMilliseconds(r.GetInt64(9)),
                    NullableString(r, 10)));
            }
            return (IReadOnlyList<EvaluationRecord>)list;
        }, ct);

    public Task<DeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken ct) => WithConnection(async c =>
    {
        await using var cmd = Command(c,
            "SELECT delivery_id, event, action, repository, subject, state, received_at, completed_at, note, error FROM deliveries WHERE delivery_id = $id",
            null, ("$id", deliveryId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadDelivery(r) : null;
    }, ct);

    public Task<QueueSnapshot> QueueSnapshotAsync(CancellationToken ct) => WithConnection(async c =>
    {
        await using var cmd = Command(c,
            """
            SELECT (SELECT COUNT(*) FROM jobs),
                   (SELECT COUNT(*) FROM jobs WHERE lease_owner IS NOT NULL),
                   (SELECT COUNT(*) FROM deliveries WHERE state = 'pending'),
                   (SELECT MIN(due_at) FROM jobs),
                   (SELECT MIN(created_at) FROM jobs)
            """, null);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new QueueSnapshot(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2),
            r.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)))
        {
            OldestCreatedAt = r.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
        };
    }, ct);

    public Task<IReadOnlyList<DeliveryRecord>> RecentDeliveriesAsync(string? subject, int limit, CancellationToken ct) => WithConnection(async c =>
    {
        await using var cmd = Command(c,
            """
            SELECT delivery_id, event, action, repository, subject, state, received_at, completed_at, note, error FROM deliveries
            WHERE $subject IS NULL OR subject = $subject
            ORDER BY received_at DESC, rowid DESC LIMIT $limit
            """, null, ("$subject", subject), ("$limit", limit));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DeliveryRecord>();
        while (await r.ReadAsync(ct))
        {
            list.Add(ReadDelivery(r));
        }
        return (IReadOnlyList<DeliveryRecord>)list;
    }, ct);

    public Task<IReadOnlyList<InstallationSeen>> InstallationsSeenAsync(CancellationToken ct) => WithConnection(async c =>
    {
        await using var cmd = Command(c,
            """
            SELECT installation_id, COUNT(DISTINCT repository), MAX(received_at) FROM deliveries
            WHERE installation_id IS NOT NULL GROUP BY installation_id ORDER BY MAX(received_at) DESC LIMIT 100
            """, null);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<InstallationSeen>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new InstallationSeen(r.GetInt64(0), r.GetInt32(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))));
        }
        return (IReadOnlyList<InstallationSeen>)list;
    }, ct);

    public Task PurgeAsync(DateTimeOffset cutoff, CancellationToken ct) => WithConnection(async c =>
    {
        await Exec(c, "DELETE FROM deliveries WHERE received_at < $cutoff AND state <> 'pending'", ct, null, ("$cutoff", Ms(cutoff)));
        await Exec(c, "DELETE FROM evaluations WHERE evaluated_at < $cutoff", ct, null, ("$cutoff", Ms(cutoff)));
        await Exec(c, "DELETE FROM redeliveries WHERE requested_at < $cutoff", ct, null, ("$cutoff", Ms(cutoff)));
        return 0;
    }, ct);

    private async Task<T> WithConnection<T>(Func<SqliteConnection, Task<T>> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await work(_connection ??= await Open(ct));
        }
        catch (SqliteException)
        {
            // A broken connection must not poison every later call: reopen next time.
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SqliteConnection> Open(CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString);
        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:")
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // WAL lets readers run beside the writer; NORMAL sync is durable across a process crash (the case that
        // matters for accepted deliveries) without an fsync per webhook.
        await Exec(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;", ct);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static SqliteCommand Command(SqliteConnection c, string sql, SqliteTransaction? tx, params (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return cmd;
    }

    private static async Task<int> Exec(SqliteConnection c, string sql, CancellationToken ct, SqliteTransaction? tx = null, params (string, object?)[] args)
    {
        await using var cmd = Command(c, sql, tx, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> Scalar(SqliteConnection c, string sql, CancellationToken ct, SqliteTransaction? tx = null, params (string, object?)[] args)
    {
        await using var cmd = Command(c, sql, tx, args);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }
}
