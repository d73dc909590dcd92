using PrReviewBot.Storage;

namespace PrReviewBot.Tests.Storage;

/// <summary>
/// <c>Storage:IntakeFirst</c>: SQLite's one connection goes to an acknowledgement before the queue's jobs that waited
/// for it longer; switched off, first come, first served. Only the order is held here, never a time.
/// </summary>
public sealed class IntakeFirstTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"prreviewbot-intake-{Guid.NewGuid():N}.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(f);
        }
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(true, new[] { "intake", "job 1", "job 2" })]
    [InlineData(false, new[] { "job 1", "job 2", "intake" })]
    public async Task WhenTheConnectionIsGivenBack_TheIntakeGoesBeforeWaitingJobs_UnlessSwitchedOff(bool intakeFirst, string[] expected)
    {
        await using var dialect = new SqliteDialect(_file, intakeFirst);
        var order = new List<string>();
        var holder = await dialect.OpenAsync(CancellationToken.None);

        var waiters = new List<Task>();
        foreach (var (name, intake) in new[] { ("job 1", false), ("job 2", false), ("intake", true) })
        {
            waiters.Add(UseAsync(dialect, name, intake, order));
        }
        Assert.All(waiters, w => Assert.False(w.IsCompleted));

        await holder.DisposeAsync();
        await Task.WhenAll(waiters);

        Assert.Equal(expected, order);
    }

    [Fact]
    public async Task AWaiterCancelledBeforeItsTurn_IsSkipped_AndTheNextOneGetsTheConnection()
    {
        await using var dialect = new SqliteDialect(_file, intakeFirst: true);
        var order = new List<string>();
        var holder = await dialect.OpenAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = UseAsync(dialect, "cancelled intake", intake: true, order, cancel.Token);
        var job = UseAsync(dialect, "job", intake: false, order);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await holder.DisposeAsync();
        await job;

        Assert.Equal(["job"], order);
        // Given back again: the next one finds it free.
        await using (await dialect.OpenAsync(CancellationToken.None))
        {
        }
    }

    private static async Task UseAsync(SqliteDialect dialect, string name, bool intake, List<string> order, CancellationToken ct = default)
    {
        await using var session = await dialect.OpenAsync(ct, intake);
        lock (order)
        {
            order.Add(name);
        }
        await using var command = session.Connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(ct);
    }
}
