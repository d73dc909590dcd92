using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PrReviewBot.Storage;

/// <summary>
/// SQLite: one file (WAL), one writer at a time. The dialect keeps one connection and lends it to one unit of work at
/// a time: simpler than a pool and as fast. One process per file, so leases held at start-up are a dead process's.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    public const string DefaultFile = "data/prreviewbot.db";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly IntakeFirstTurn? _intakeFirst;
    private SqliteConnection? _connection;

    /// <param name="configured">A file path or a connection string (<c>Storage:ConnectionString</c>).</param>
    /// <param name="intakeFirst">
    /// <c>Storage:IntakeFirst</c>: the intake's units of work go before the queue's waiting ones; <c>false</c> lends the
    /// connection first come, first served.
    /// </param>
    public SqliteDialect(string? configured, bool intakeFirst = true)
    {
        _connectionString = BuildConnectionString(configured);
        _intakeFirst = intakeFirst ? new IntakeFirstTurn() : null;
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

    internal override string BigInt => "INTEGER";

    internal override string IdentityKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    internal override string Blob => "BLOB";

    internal override string DeliveryTieBreak => "rowid";

    internal override bool SingleProcess => true;

    // SQLite has one writer at a time, so the sub-select cannot be raced by another leaser.
    internal override string LeaseNextStatement(bool fair) =>
        $"""
        UPDATE jobs SET interrupted = CASE WHEN lease_owner IS NOT NULL OR interrupted = 1 THEN 1 ELSE 0 END,
            lease_owner = @owner, lease_until = @until
        WHERE subject = (
            SELECT subject FROM jobs
            WHERE due_at <= @now AND (lease_until IS NULL OR lease_until <= @now) AND {NotSkipped}
            ORDER BY {LeaseOrder(fair)}
            LIMIT 1)
        RETURNING subject, kind, repository, installation_id, number, sha, base_ref, version, attempts, force, interrupted
        """;

    internal override string NotSkipped => "(installation_id IS NULL OR installation_id NOT IN (SELECT value FROM json_each(@skip)))";

    internal override DbParameter SkipParameter(DbCommand command, IReadOnlyCollection<long> installations)
    {
        var p = command.CreateParameter();
        p.ParameterName = "@skip";
        p.Value = JsonSerializer.Serialize(installations);
        return p;
    }

    // A JSON array read by json_each keeps the statement's text the same for any number of values.
    internal override string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    internal override DbParameter ListParameter(DbCommand command, string name, IReadOnlyCollection<string> values)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = JsonSerializer.Serialize(values);
        return p;
    }

    internal override async ValueTask<SqlSession> OpenAsync(CancellationToken ct, bool intake = false)
    {
        if (_intakeFirst is { } turn)
        {
            await turn.WaitAsync(intake, ct);
        }
        else
        {
            await _turn.WaitAsync(ct);
        }
        try
        {
            _connection ??= await Open(ct);
        }
        catch
        {
            ReleaseTurn();
            throw;
        }
        return new SqlSession(_connection, GiveBack);
    }

    private void ReleaseTurn()
    {
        if (_intakeFirst is { } turn)
        {
            turn.Release();
        }
        else
        {
            _turn.Release();
        }
    }

    private async ValueTask GiveBack(SqlSession session)
    {
        try
        {
            if (session.Broken && _connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            ReleaseTurn();
        }
    }

    private async Task<SqliteConnection> Open(CancellationToken ct)
    {
        var file = new SqliteConnectionStringBuilder(_connectionString).DataSource;
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
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";
        await pragmas.ExecuteNonQueryAsync(ct);
        return connection;
    }

    // One process per file, and migrations run in transactions on the one connection: nothing to hold off.
    internal override Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    public override async ValueTask DisposeAsync()
    {
        if (_intakeFirst is { } turn)
        {
            await turn.WaitAsync(urgent: false, CancellationToken.None);
        }
        else
        {
            await _turn.WaitAsync();
        }
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
            ReleaseTurn();
        }
    }
}
