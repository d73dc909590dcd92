using System.Data.Common;

namespace PrReviewBot.Storage;

/// <summary>
/// What differs between the databases <see cref="SqlWorkStore"/> runs on; everything else (every statement but the
/// lease, every reader, the migration loop) is written once. Both ADO.NET providers bind <c>@name</c> parameters, so
/// the statements share their parameter syntax; lists of values are the one place where the syntax differs.
/// </summary>
public abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>The column type of Unix-millisecond times and GitHub ids (SQLite's INTEGER holds 64 bits already).</summary>
    internal abstract string BigInt { get; }

    /// <summary>The column definition of a surrogate key numbered by the database, in insertion order.</summary>
    internal abstract string IdentityKey { get; }

    /// <summary>The column type of bytes stored as they are (webhook bodies, UTF-8).</summary>
    internal abstract string Blob { get; }

    /// <summary>
    /// A column that orders the rows of <c>deliveries</c> received in the same millisecond; a stable order is all that
    /// matters (pages list them newest first).
    /// </summary>
    internal abstract string DeliveryTieBreak { get; }

    /// <summary>
    /// True when one process owns the database (SQLite): a lease still held at start-up then belongs to a process
    /// that died, and start-up recovery releases it. Shared databases leave leases to run out by themselves.
    /// </summary>
    internal abstract bool SingleProcess { get; }

    /// <summary>
    /// Leases a due job that nobody holds, with parameters <c>@owner</c>, <c>@until</c>, <c>@now</c> and <c>@skip</c>
    /// (installations to pass over, see <see cref="SkipParameter"/>), returning the leased row's columns in
    /// <see cref="SqlWorkStore"/>'s order, or no row. <paramref name="fair"/>: lowest <c>turn</c> first (round-robin by
    /// installation), else the job due soonest.
    /// </summary>
    internal abstract string LeaseNextStatement(bool fair);

    /// <summary>A condition that holds for a job of no installation in the <c>@skip</c> list.</summary>
    internal abstract string NotSkipped { get; }

    /// <summary>Binds the installations for <see cref="NotSkipped"/>.</summary>
    internal abstract DbParameter SkipParameter(DbCommand command, IReadOnlyCollection<long> installations);

    /// <summary>The order jobs are leased in: by turn (fair between installations), or by due time alone.</summary>
    internal static string LeaseOrder(bool fair) => fair ? "turn, due_at, created_at" : "due_at, created_at";

    /// <summary>A condition on <paramref name="column"/> that holds when it equals one value of the list parameter.</summary>
    internal abstract string InList(string column, string parameter);

    /// <summary>Binds a list of strings for <see cref="InList"/>.</summary>
    internal abstract DbParameter ListParameter(DbCommand command, string name, IReadOnlyCollection<string> values);

    /// <summary>
    /// A connection for one unit of work; disposing the session gives it back. <paramref name="intake"/>: the unit
    /// acknowledges a webhook (a dialect that lends one connection in turn lets it go first).
    /// </summary>
    internal abstract ValueTask<SqlSession> OpenAsync(CancellationToken ct, bool intake = false);

    /// <summary>
    /// Holds off other processes migrating the same database until the returned handle is disposed (replicas
    /// starting together: the first migrates, the others then find the schema current).
    /// </summary>
    internal abstract Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    /// <summary>A handle that does nothing, for dialects that need no migration lock.</summary>
    internal sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// One connection lent for one unit of work. <see cref="Broken"/> is set when a database error ended the work, so a
/// dialect that keeps its connection (SQLite) opens a fresh one next time instead of reusing a poisoned one.
/// </summary>
internal sealed class SqlSession(DbConnection connection, Func<SqlSession, ValueTask> giveBack) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public bool Broken { get; set; }

    public ValueTask DisposeAsync() => giveBack(this);
}
