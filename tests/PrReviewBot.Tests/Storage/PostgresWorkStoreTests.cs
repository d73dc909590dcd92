using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PrReviewBot.Service;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Storage;

/// <summary>
/// The store contract on a real PostgreSQL, plus what replicas sharing one database need: every store instance
/// here stands for a replica.
/// </summary>
public sealed class PostgresWorkStoreTests : WorkStoreContract
{
    private readonly List<IAsyncDisposable> _replicas = [];
    private TestPostgres? _postgres;

    public override async Task InitializeAsync()
    {
        _postgres = await TestPostgres.CreateAsync();
        await base.InitializeAsync();
    }

    protected override Task<IWorkStore> OpenAsync() => Task.FromResult<IWorkStore>(Replica());

    private PostgresWorkStore Replica()
    {
        var store = new PostgresWorkStore(Options.Create(new StorageOptions { Provider = "postgres", ConnectionString = _postgres!.ConnectionString }),
            Clock, NullLogger<PostgresWorkStore>.Instance);
        _replicas.Add(store);
        return store;
    }

    protected override int MigrationCount => StoreSchema.Migrations.Count;

    protected override async Task<int> SchemaVersionRowsAsync()
    {
        await using var connection = new NpgsqlConnection(_postgres!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*), MAX(version) FROM schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(MigrationCount, reader.GetInt32(1));
        return (int)reader.GetInt64(0);
    }

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_postgres!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_postgres!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public override async Task DisposeAsync()
    {
        if (_postgres is null)
        {
            return;
        }
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
        await _postgres.DisposeAsync();
    }

    [SkippableFact]
    public async Task ReplicasStartingTogether_MigrateOnce()
    {
        await using var fresh = await TestPostgres.CreateAsync();
        var replicas = Enumerable.Range(0, 6).Select(_ => new PostgresWorkStore(
            Options.Create(new StorageOptions { Provider = "postgres", ConnectionString = fresh.ConnectionString }), Clock,
            NullLogger<PostgresWorkStore>.Instance)).ToList();
        try
        {
            await Task.WhenAll(replicas.Select(r => Task.Run(() => r.InitializeAsync(CancellationToken.None))));

            await using var connection = new NpgsqlConnection(fresh.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT COUNT(*), MAX(version) FROM schema_version", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(1, reader.GetInt64(0));
            Assert.Equal(StoreSchema.Migrations.Count, reader.GetInt32(1));
        }
        finally
        {
            foreach (var r in replicas)
            {
                await r.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task ReplicasLeasingAtOnce_EachGetADifferentSubjectAndEverySubjectIsLeased()
    {
        for (var n = 1; n <= 40; n++)
        {
            await Store.AcceptDeliveryAsync(Delivery($"d{n}", n), Work(n), CancellationToken.None);
        }
        var replicas = new[] { Replica(), Replica(), Replica(), Replica() };
        var leased = new ConcurrentBag<LeasedJob>();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var store = replicas[worker % replicas.Length];
            while (await store.LeaseNextAsync($"worker-{worker}", TimeSpan.FromMinutes(1), LeaseFilter.Fair, CancellationToken.None) is { } job)
            {
                leased.Add(job);
            }
        })));

        Assert.Equal(40, leased.Count);
        Assert.Equal(40, leased.Select(j => j.Subject).Distinct().Count());
        Assert.Equal(40, (await Store.QueueSnapshotAsync(CancellationToken.None)).LeasedJobs);
    }

    [SkippableFact]
    public async Task SameDeliveryReachingTwoReplicasAtOnce_IsStoredOnce()
    {
        var replicas = new[] { Replica(), Replica() };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            replicas[i % 2].AcceptDeliveryAsync(Delivery("the-same-guid"), Work(), CancellationToken.None))));

        Assert.Single(outcomes, o => o == AcceptOutcome.Accepted);
        var job = (await Lease("w"))!;
        Assert.Equal(1, job.Version);
        Assert.Single(await Store.PendingDeliveriesAsync(job.Subject, CancellationToken.None));
    }

    [SkippableFact]
    public async Task DeliveriesStoredWhileAnotherReplicaCompletes_AreNeverLost()
    {
        var replicas = new[] { Replica(), Replica() };
        await Store.AcceptDeliveryAsync(Delivery("first"), Work(), CancellationToken.None);
        var accepted = new ConcurrentBag<string>(["first"]);
        var done = new ConcurrentBag<string>();

        // One replica keeps receiving deliveries for the subject while the other works through it.
        var receiving = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await replicas[0].AcceptDeliveryAsync(Delivery($"d{i}"), Work(), CancellationToken.None);
                accepted.Add($"d{i}");
            }
        });
        var working = Task.Run(async () =>
        {
            while (!receiving.IsCompleted || !(await replicas[1].QueueSnapshotAsync(CancellationToken.None)).IsIdle)
            {
                if (await replicas[1].LeaseNextAsync("worker", TimeSpan.FromMinutes(1), LeaseFilter.Fair, CancellationToken.None) is not { } job)
                {
                    continue;
                }
                var ids = (await replicas[1].PendingDeliveriesAsync(job.Subject, CancellationToken.None)).Select(d => d.DeliveryId).ToList();
                await replicas[1].CompleteAsync(job, ids, CancellationToken.None);
                foreach (var id in ids)
                {
                    done.Add(id);
                }
            }
        });
        await Task.WhenAll(receiving, working);

        Assert.Equal(accepted.Order(StringComparer.Ordinal), done.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Recover_LeavesTheLiveLeasesOfOtherReplicasAlone()
    {
        await Store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        Assert.NotNull(await Lease("replica-1"));

        await Replica().RecoverAsync(CancellationToken.None);

        Assert.Null(await Lease("replica-2"));
    }

    [SkippableFact]
    public async Task UnreachableServer_IsReportedNotThrown()
    {
        var store = new PostgresWorkStore(Options.Create(new StorageOptions
        {
            Provider = "postgres",
            ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2",
        }), Clock, NullLogger<PostgresWorkStore>.Instance);
        await using (store)
        {
            Assert.False(await store.IsReachableAsync(CancellationToken.None));
        }
    }

    [Fact]
    public void MissingConnectionString_IsRefusedNamingTheKey()
    {
        var e = Assert.Throws<BotConfigurationException>(() => PostgresDialect.BuildConnectionString(null));
        Assert.Contains("Storage:ConnectionString", e.Message);
    }
}
