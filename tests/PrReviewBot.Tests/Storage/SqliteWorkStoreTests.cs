using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Tests.Storage;

/// <summary>The store contract on SQLite, plus what only a single-process file store does.</summary>
public sealed class SqliteWorkStoreTests : WorkStoreContract
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"prreviewbot-store-{Guid.NewGuid():N}.db");

    protected override Task<IWorkStore> OpenAsync() =>
        Task.FromResult<IWorkStore>(new SqliteWorkStore(Options.Create(new StorageOptions { ConnectionString = _file }), Clock));

    protected override int MigrationCount => StoreSchema.Migrations.Count;

    protected override async Task<int> SchemaVersionRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM schema_version";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(MigrationCount, reader.GetInt32(1));
        return reader.GetInt32(0);
    }

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    [Fact]
    public async Task Recover_ReleasesLeasesOfADeadProcessAndMarksThemInterrupted()
    {
        await Store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        await Lease("dead", TimeSpan.FromHours(1));

        await Store.RecoverAsync(CancellationToken.None);

        var job = await Lease("alive");
        Assert.NotNull(job);
        Assert.True(job.Interrupted);
    }

    [Fact]
    public async Task DatabaseFromANewerBuild_IsRefusedWithAClearMessage()
    {
        await using (var connection = new SqliteConnection($"Data Source={_file};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET version = 999";
            await command.ExecuteNonQueryAsync();
        }

        var e = await Assert.ThrowsAsync<BotConfigurationException>(() => Store.InitializeAsync(CancellationToken.None));
        Assert.Contains("999", e.Message);
    }

    [Theory]
    [InlineData(null, "data/prreviewbot.db")]
    [InlineData("/var/lib/prreviewbot/bot.db", "/var/lib/prreviewbot/bot.db")]
    [InlineData("Data Source=/tmp/x.db;Cache=Shared", "/tmp/x.db")]
    public void ConnectionString_AcceptsAPathOrAFullConnectionString(string? configured, string file)
    {
        Assert.Equal(file, new SqliteConnectionStringBuilder(SqliteDialect.BuildConnectionString(configured)).DataSource);
    }
}
