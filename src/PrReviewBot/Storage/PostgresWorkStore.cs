using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PrReviewBot.Service;
using static PrReviewBot.Storage.StoredRows;

namespace PrReviewBot.Storage;

/// <summary>
/// <see cref="IWorkStore"/> on PostgreSQL, shared by any number of replicas. A delivery is stored once whichever
/// replica receives it (primary key on its id); jobs are leased with <c>FOR UPDATE SKIP LOCKED</c>, so replicas
/// never wait on each other nor take the same subject; a lease that runs out (its replica died) makes the job
/// leasable again. Times are the replicas' clocks in Unix milliseconds, as in SQLite: keep clocks in sync (NTP).
/// </summary>
public sealed partial class PostgresWorkStore : IWorkStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _data;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresWorkStore> _log;

    public PostgresWorkStore(IOptions<StorageOptions> options, TimeProvider time, ILogger<PostgresWorkStore> log)
    {
        _time = time;
        _log = log;
        _data = new NpgsqlDataSourceBuilder(BuildConnectionString(options.Value.ConnectionString, options.Value.PostgresConnectionDefaults)).Build();
    }

    internal static string BuildConnectionString(string? configured, bool connectionDefaults = true)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new BotConfigurationException(
                "Storage:Provider is 'postgres' but Storage:ConnectionString is not set: set it to e.g. 'Host=db;Database=prreviewbot;Username=prreviewbot;Password=…'.");
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (ArgumentException e)
        {
            // The message of Npgsql's parser names the key, never the password's value.
            throw new BotConfigurationException($"Storage:ConnectionString is not a PostgreSQL connection string: {e.Message}");
        }
        builder.ApplicationName ??= "prreviewbot";
        if (connectionDefaults)
        {
            ApplyConnectionDefaults(builder, Keys(configured));
        }
        return builder.ConnectionString;
    }

    /// <summary>Pool size the bot uses unless the connection string names one (Npgsql's own default is 100).</summary>
    public const int DefaultMaxPoolSize = 10;

    /// <summary>Statements prepared automatically unless the connection string names a number (Npgsql's default is 0: none).</summary>
    public const int DefaultMaxAutoPrepare = 32;

    /// <summary>
    /// Connection settings measured under load (docs/PERFORMANCE.md), each applied only when the connection string
    /// does not set the key itself, so any one can be turned back (<c>Maximum Pool Size=100</c>, <c>Max Auto
    /// Prepare=0</c>, <c>No Reset On Close=false</c>) and <c>Storage:PostgresConnectionDefaults=false</c> turns all off.
    /// A pool of 100 meant 100 server processes contending for the cores (PostgreSQL's CPU time was mostly the
    /// kernel switching between them); a small pool queues the waiting work in-process instead, where it is cheap.
    /// </summary>
    private static void ApplyConnectionDefaults(NpgsqlConnectionStringBuilder builder, IReadOnlySet<string> named)
    {
        if (!named.Contains("maximumpoolsize") && !named.Contains("maxpoolsize"))
        {
            builder.MaxPoolSize = Math.Max(DefaultMaxPoolSize, builder.MinPoolSize);
        }
        if (!named.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        if (!named.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }
    }

    /// <summary>The keys a connection string names, lower case without spaces (Npgsql accepts either spelling).</summary>
    private static HashSet<string> Keys(string connectionString)
    {
        var generic = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return generic.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        // Replicas starting together take turns: the first migrates, the others find the schema current.
        await Exec(c, "SELECT pg_advisory_lock(@key)", ct, null, P("key", PostgresSchema.MigrationLockKey));
        try
        {
            await Exec(c, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", ct);
            var current = Convert.ToInt32(await Scalar(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version", ct) ?? 0);
            if (current > PostgresSchema.Migrations.Count)
            {
                throw new BotConfigurationException(
                    $"Storage:ConnectionString points at a database of schema version {current}, newer than this build knows ({PostgresSchema.Migrations.Count}): run a newer prreviewbot.");
            }
            for (var version = current + 1; version <= PostgresSchema.Migrations.Count; version++)
            {
                await using var tx = await c.BeginTransactionAsync(ct);
                await Exec(c, PostgresSchema.Migrations[version - 1], ct, tx);
                await Exec(c, "DELETE FROM schema_version", ct, tx);
                await Exec(c, "INSERT INTO schema_version (version) VALUES (@v)", ct, tx, P("v", version));
                await tx.CommitAsync(ct);
                _log.LogInformation("Storage migrated to schema version {Version}", version);
            }
        }
        finally
        {
            await Exec(c, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, null, P("key", PostgresSchema.MigrationLockKey));
        }
    }

    /// <summary>
    /// Nothing to release: other replicas' leases are live, and a dead replica's run out by themselves (the next
    /// lease of such a job is marked interrupted).
    /// </summary>
    public Task RecoverAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        try
        {
            await using var c = await _data.OpenConnectionAsync(ct);
            return await Scalar(c, "SELECT 1", ct) is not null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    public async Task<AcceptOutcome> AcceptDeliveryAsync(InboundDelivery d, WorkRequest? work, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        // Two replicas given the same delivery: the second waits for the first's row, then inserts nothing.
        var inserted = await Exec(c,
            """
            INSERT INTO deliveries (delivery_id, event, action, installation_id, repository, subject, state, received_at, headers, body, note)
            VALUES (@id, @event, @action, @inst, @repo, @subject, @state, @received, @headers, @body, @note)
            ON CONFLICT (delivery_id) DO NOTHING
            """, ct, tx,
            P("id", d.DeliveryId), P("event", d.Event), P("action", d.Action), P("inst", d.InstallationId),
            P("repo", d.Repository), P("subject", d.Subject), P("state", StateName(d.State)),
            P("received", Ms(d.ReceivedAt)), P("headers", d.Headers), P("body", d.Body), P("note", d.Note));
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
    }

    public async Task EnqueueAsync(WorkRequest work, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await UpsertJob(c, null, work, ct);
    }

    private Task<int> UpsertJob(NpgsqlConnection c, NpgsqlTransaction? tx, WorkRequest w, CancellationToken ct) => Exec(c,
        // The same rules as SQLite: a job in back-off keeps its due time; otherwise the earliest due time wins.
        """
        INSERT INTO jobs (subject, kind, repository, installation_id, number, sha, base_ref, version, due_at, attempts, force, created_at, updated_at)
        VALUES (@subject, @kind, @repo, @inst, @number, @sha, @base, 1, @due, 0, @force, @now, @now)
        ON CONFLICT (subject) DO UPDATE SET
            version = jobs.version + 1,
            installation_id = COALESCE(excluded.installation_id, jobs.installation_id),
            base_ref = COALESCE(excluded.base_ref, jobs.base_ref),
            due_at = CASE WHEN jobs.attempts = 0 AND excluded.due_at < jobs.due_at THEN excluded.due_at ELSE jobs.due_at END,
            force = CASE WHEN excluded.force = 1 THEN 1 ELSE jobs.force END,
            updated_at = excluded.updated_at
        """, ct, tx,
        P("subject", w.Subject), P("kind", KindName(w.Kind)), P("repo", w.Repository), P("inst", w.InstallationId),
        P("number", w.Number), P("sha", w.Sha), P("base", w.BaseRef), P("due", Ms(w.DueAt)), P("force", w.Force ? 1 : 0),
        P("now", Ms(_time.GetUtcNow())));

    public async Task<LeasedJob?> LeaseNextAsync(string owner, TimeSpan leaseFor, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        await using var c = await _data.OpenConnectionAsync(ct);
        // SKIP LOCKED: replicas leasing at the same moment each get a different job instead of queueing on one row.
        // A row taken meanwhile is re-checked against the WHERE clause by PostgreSQL before it is locked.
        await using var cmd = Command(c,
            """
            WITH next AS (
                SELECT subject FROM jobs
                WHERE due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
                ORDER BY due_at, created_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            UPDATE jobs SET
                interrupted = CASE WHEN jobs.lease_owner IS NOT NULL OR jobs.interrupted = 1 THEN 1 ELSE 0 END,
                lease_owner = @owner, lease_until = @until
            FROM next WHERE jobs.subject = next.subject
            RETURNING jobs.subject, jobs.kind, jobs.repository, jobs.installation_id, jobs.number, jobs.sha, jobs.base_ref,
                      jobs.version, jobs.attempts, jobs.force, jobs.interrupted
            """, null,
            P("owner", owner), P("until", Ms(now + leaseFor)), P("now", Ms(now)));
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
    }

    public async Task<bool> RenewLeaseAsync(LeasedJob job, TimeSpan leaseFor, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        return await Exec(c, "UPDATE jobs SET lease_until = @until WHERE subject = @s AND lease_owner = @o", ct, null,
            P("until", Ms(_time.GetUtcNow() + leaseFor)), P("s", job.Subject), P("o", job.LeaseOwner)) == 1;
    }

    public async Task<DateTimeOffset?> NextLeasableAtAsync(CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        var value = await Scalar(c,
            "SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > @now THEN lease_until ELSE due_at END) FROM jobs", ct, null,
            P("now", Ms(_time.GetUtcNow())));
        return value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task<IReadOnlyList<PendingDelivery>> PendingDeliveriesAsync(string subject, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c,
            "SELECT delivery_id, event, action, received_at, body FROM deliveries WHERE subject = @s AND state = 'pending' ORDER BY received_at, delivery_id",
            null, P("s", subject));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<PendingDelivery>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new PendingDelivery(r.GetString(0), r.GetString(1), NullableString(r, 2),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), NullableString(r, 4)));
        }
        return list;
    }

    public Task<bool> CompleteAsync(LeasedJob job, IReadOnlyList<string> deliveryIds, CancellationToken ct) =>
        Finish(job, deliveryIds, DeliveryState.Done, null, ct);

    public Task<bool> FailAsync(LeasedJob job, IReadOnlyList<string> deliveryIds, string error, CancellationToken ct) =>
        Finish(job, deliveryIds, DeliveryState.Failed, error, ct);

    private async Task<bool> Finish(LeasedJob job, IReadOnlyList<string> deliveryIds, DeliveryState state, string? error, CancellationToken ct)
    {
        var now = Ms(_time.GetUtcNow());
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (deliveryIds.Count > 0)
        {
            // The raw body has served its purpose; the row stays for de-duplication and the history.
            await Exec(c,
                "UPDATE deliveries SET state = @state, completed_at = @now, body = NULL, error = @error WHERE delivery_id = ANY(@ids) AND state = 'pending'",
                ct, tx, P("state", StateName(state)), P("now", now), P("error", error), P("ids", deliveryIds.ToArray()));
        }
        // A delivery stored meanwhile moved the version (its transaction waits for this row, or this waits for it).
        var deleted = await Exec(c, "DELETE FROM jobs WHERE subject = @s AND version = @v AND lease_owner = @o", ct, tx,
            P("s", job.Subject), P("v", job.Version), P("o", job.LeaseOwner));
        if (deleted == 0)
        {
            await Exec(c,
                "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, interrupted = 0, attempts = 0, last_error = NULL, updated_at = @now WHERE subject = @s AND lease_owner = @o",
                ct, tx, P("now", now), P("s", job.Subject), P("o", job.LeaseOwner));
        }
        await tx.CommitAsync(ct);
        return deleted == 1;
    }

    public async Task RetryLaterAsync(LeasedJob job, DateTimeOffset dueAt, string reason, bool countAttempt, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await Exec(c,
            """
            UPDATE jobs SET lease_owner = NULL, lease_until = NULL, interrupted = 0, due_at = @due, attempts = attempts + @inc, last_error = @reason, updated_at = @now
            WHERE subject = @s AND lease_owner = @o
            """, ct, null,
            P("due", Ms(dueAt)), P("inc", countAttempt ? 1 : 0), P("reason", reason), P("now", Ms(_time.GetUtcNow())),
            P("s", job.Subject), P("o", job.LeaseOwner));
    }

    public async Task ReleaseAsync(LeasedJob job, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        // Handed back mid-run (shutdown): it may have posted without recording so.
        await Exec(c, "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, interrupted = 1 WHERE subject = @s AND lease_owner = @o", ct, null,
            P("s", job.Subject), P("o", job.LeaseOwner));
    }

    public async Task<PullRequestRecord?> GetPullRequestAsync(string repository, int number, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c, PullRequestSelect + " WHERE repository = @r AND number = @n", null, P("r", repository), P("n", number));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadPullRequest(r) : null;
    }

    public async Task<IReadOnlyList<PullRequestRecord>> FindPullRequestsByHeadAsync(string repository, string headSha, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c, PullRequestSelect + " WHERE repository = @r AND head_sha = @sha ORDER BY number", null,
            P("r", repository), P("sha", headSha));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<PullRequestRecord>();
        while (await r.ReadAsync(ct))
        {
            list.Add(ReadPullRequest(r));
        }
        return list;
    }

    public async Task SavePullRequestAsync(PullRequestRecord record, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await UpsertPullRequest(c, null, record, ct);
    }

    public async Task SaveEvaluationAsync(PullRequestRecord p, EvaluationRecord e, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await UpsertPullRequest(c, tx, p, ct);
        await Exec(c,
            """
            INSERT INTO evaluations (repository, number, head_sha, conclusion, title, check_action, comment_action, delivery_ids, evaluated_at, duration_ms, verdict_json)
            VALUES (@r, @n, @head, @conclusion, @title, @check, @comment, @deliveries, @at, @duration, @verdict)
            """, ct, tx,
            P("r", e.Repository), P("n", e.Number), P("head", e.HeadSha), P("conclusion", e.Conclusion), P("title", e.Title),
            P("check", e.CheckAction), P("comment", e.CommentAction), P("deliveries", JsonSerializer.Serialize(e.DeliveryIds)),
            P("at", Ms(e.EvaluatedAt)), P("duration", (long)e.Duration.TotalMilliseconds), P("verdict", e.VerdictJson));
        await tx.CommitAsync(ct);
    }

    private static Task<int> UpsertPullRequest(NpgsqlConnection c, NpgsqlTransaction? tx, PullRequestRecord p, CancellationToken ct) => Exec(c,
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
        P("r", p.Repository), P("n", p.Number), P("inst", p.InstallationId), P("base", p.BaseRef), P("head", p.HeadSha),
        P("opt", p.IsOptimization ? 1 : 0), P("conclusion", p.Conclusion), P("verdict", p.VerdictJson), P("checkName", p.CheckName),
        P("checkJson", p.CheckJson), P("checkFp", p.CheckFingerprint), P("checkSha", p.CheckSha), P("commentId", p.CommentId),
        P("commentFp", p.CommentFingerprint), P("at", Ms(p.EvaluatedAt)));

    public async Task<IReadOnlyList<EvaluationRecord>> EvaluationsAsync(string repository, int number, int limit, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c,
            """
            SELECT repository, number, head_sha, conclusion, title, check_action, comment_action, delivery_ids, evaluated_at, duration_ms, verdict_json
            FROM evaluations WHERE repository = @r AND number = @n ORDER BY evaluated_at DESC, id DESC LIMIT @limit
            """, null, P("r", repository), P("n", number), P("limit", limit));
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
        return list;
    }

    public async Task<DeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c,
            "SELECT delivery_id, event, action, repository, subject, state, received_at, completed_at, note, error FROM deliveries WHERE delivery_id = @id",
            null, P("id", deliveryId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadDelivery(r) : null;
    }

    public async Task<QueueSnapshot> QueueSnapshotAsync(CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
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
        return new QueueSnapshot((int)r.GetInt64(0), (int)r.GetInt64(1), (int)r.GetInt64(2),
            r.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)))
        {
            OldestCreatedAt = r.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
        };
    }

    public async Task<IReadOnlyList<DeliveryRecord>> RecentDeliveriesAsync(string? subject, int limit, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c,
            """
            SELECT delivery_id, event, action, repository, subject, state, received_at, completed_at, note, error FROM deliveries
            WHERE @subject::text IS NULL OR subject = @subject
            ORDER BY received_at DESC, delivery_id DESC LIMIT @limit
            """, null, P("subject", subject), P("limit", limit));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DeliveryRecord>();
        while (await r.ReadAsync(ct))
        {
            list.Add(ReadDelivery(r));
        }
        return list;
    }

    public async Task<IReadOnlyList<InstallationSeen>> InstallationsSeenAsync(CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c,
            """
            SELECT installation_id, COUNT(DISTINCT repository), MAX(received_at) FROM deliveries
            WHERE installation_id IS NOT NULL GROUP BY installation_id ORDER BY MAX(received_at) DESC LIMIT 100
            """, null);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<InstallationSeen>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new InstallationSeen(r.GetInt64(0), (int)r.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))));
        }
        return list;
    }

    public async Task PurgeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await Exec(c, "DELETE FROM deliveries WHERE received_at < @cutoff AND state <> 'pending'", ct, null, P("cutoff", Ms(cutoff)));
        await Exec(c, "DELETE FROM evaluations WHERE evaluated_at < @cutoff", ct, null, P("cutoff", Ms(cutoff)));
        await Exec(c, "DELETE FROM redeliveries WHERE requested_at < @cutoff", ct, null, P("cutoff", Ms(cutoff)));
    }

    public ValueTask DisposeAsync() => _data.DisposeAsync();

    /// <summary>A typed parameter: a null still tells PostgreSQL its type.</summary>
    private static NpgsqlParameter P<T>(string name, T value) => new NpgsqlParameter<T>(name, value);

    private static NpgsqlCommand Command(NpgsqlConnection c, string sql, NpgsqlTransaction? tx, params NpgsqlParameter[] args)
    {
        var cmd = new NpgsqlCommand(sql, c, tx);
        cmd.Parameters.AddRange(args);
        return cmd;
    }

    private static async Task<int> Exec(NpgsqlConnection c, string sql, CancellationToken ct, NpgsqlTransaction? tx = null, params NpgsqlParameter[] args)
    {
        await using var cmd = Command(c, sql, tx, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> Scalar(NpgsqlConnection c, string sql, CancellationToken ct, NpgsqlTransaction? tx = null, params NpgsqlParameter[] args)
    {
        await using var cmd = Command(c, sql, tx, args);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }
}
