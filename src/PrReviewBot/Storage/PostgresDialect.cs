using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using PrReviewBot.Service;

namespace PrReviewBot.Storage;

/// <summary>
/// PostgreSQL, shared by any number of replicas: pooled connections (Npgsql's data source), jobs leased with
/// <c>FOR UPDATE SKIP LOCKED</c> so replicas never wait on each other nor take the same subject, and migrations
/// serialized by an advisory lock. Times are the replicas' clocks in Unix milliseconds: keep clocks in sync (NTP).
/// </summary>
public sealed class PostgresDialect : SqlDialect
{
    /// <summary>Pool size the bot uses unless the connection string names one (Npgsql's own default is 100).</summary>
    public const int DefaultMaxPoolSize = 10;

    /// <summary>Statements prepared automatically unless the connection string names a number (Npgsql's default is 0: none).</summary>
    public const int DefaultMaxAutoPrepare = 32;

    /// <summary>
    /// Key of the session-level advisory lock held while migrating, so replicas starting together migrate one after
    /// the other: the first applies the migrations, the others find them applied.
    /// </summary>
    public const long MigrationLockKey = 0x5072526576426f74; // "PrRevBot"

    private readonly NpgsqlDataSource _data;

    public PostgresDialect(string? configured, bool connectionDefaults)
    {
        _data = new NpgsqlDataSourceBuilder(BuildConnectionString(configured, connectionDefaults)).Build();
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

    internal override string BigInt => "BIGINT";

    internal override string IdentityKey => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    internal override string Blob => "BYTEA";

    internal override string DeliveryTieBreak => "delivery_id";

    internal override bool SingleProcess => false;

    // SKIP LOCKED: replicas leasing at the same moment each get a different job instead of queueing on one row.
    // A row taken meanwhile is re-checked against the WHERE clause by PostgreSQL before it is locked.
    internal override string LeaseNextStatement(bool fair) =>
        $"""
        WITH next AS (
            SELECT subject FROM jobs
            WHERE due_at <= @now AND (lease_until IS NULL OR lease_until <= @now) AND {NotSkipped}
            ORDER BY {LeaseOrder(fair)}
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
        UPDATE jobs SET
            interrupted = CASE WHEN jobs.lease_owner IS NOT NULL OR jobs.interrupted = 1 THEN 1 ELSE 0 END,
            lease_owner = @owner, lease_until = @until
        FROM next WHERE jobs.subject = next.subject
        RETURNING jobs.subject, jobs.kind, jobs.repository, jobs.installation_id, jobs.number, jobs.sha, jobs.base_ref,
                  jobs.version, jobs.attempts, jobs.force, jobs.interrupted
        """;

    internal override string NotSkipped => "(installation_id IS NULL OR installation_id <> ALL(@skip))";

    internal override DbParameter SkipParameter(DbCommand command, IReadOnlyCollection<long> installations) =>
        new NpgsqlParameter("skip", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = installations.ToArray() };

    // One array parameter: the statement's text stays the same for any number of values (auto-prepare reuses it).
    internal override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    internal override DbParameter ListParameter(DbCommand command, string name, IReadOnlyCollection<string> values) =>
        new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    internal override async ValueTask<SqlSession> OpenAsync(CancellationToken ct, bool intake = false)
    {
        var connection = await _data.OpenConnectionAsync(ct);
        return new SqlSession(connection, session => session.Connection.DisposeAsync());
    }

    internal override async Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken ct)
    {
        await using (var take = connection.CreateCommand())
        {
            take.CommandText = "SELECT pg_advisory_lock(@key)";
            take.Parameters.Add(new NpgsqlParameter<long>("key", MigrationLockKey));
            await take.ExecuteNonQueryAsync(ct);
        }
        return new AdvisoryLock(connection);
    }

    public override ValueTask DisposeAsync() => _data.DisposeAsync();

    /// <summary>Gives the session-level lock back even when migrating failed (the connection returns to the pool).</summary>
    private sealed class AdvisoryLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var release = connection.CreateCommand();
            release.CommandText = "SELECT pg_advisory_unlock(@key)";
            release.Parameters.Add(new NpgsqlParameter<long>("key", MigrationLockKey));
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
