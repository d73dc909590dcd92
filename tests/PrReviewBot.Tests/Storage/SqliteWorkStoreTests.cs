using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Tests.Storage;

/// <summary>The durable queue: de-duplication, one job per subject, leases, versions, back-off, migrations.</summary>
public sealed class SqliteWorkStoreTests : IAsyncLifetime
{
    private const string Repo = "octo/feed";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"prreviewbot-store-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private SqliteWorkStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = Open();
        await _store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    private SqliteWorkStore Open() => new(Options.Create(new StorageOptions { ConnectionString = _file }), _clock);

    private InboundDelivery Delivery(string id, int number = 7) =>
        new(id, "pull_request", "edited", 1, Repo, WorkRequest.PullRequestSubject(Repo, number), DeliveryState.Pending, _clock.GetUtcNow(), "{}", "{\"n\":1}", null);

    private WorkRequest Work(int number = 7, TimeSpan? delay = null, bool force = false) =>
        new(WorkRequest.PullRequestSubject(Repo, number), JobKind.PullRequest, Repo, 1, number, null, "main", _clock.GetUtcNow() + (delay ?? TimeSpan.Zero), force);

    [Fact]
    public async Task SameDeliveryIdTwice_IsStoredOnceAndReportedDuplicate()
    {
        Assert.Equal(AcceptOutcome.Accepted, await _store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None));
        Assert.Equal(AcceptOutcome.Duplicate, await _store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None));

        var snapshot = await _store.QueueSnapshotAsync(CancellationToken.None);
        Assert.Equal(1, snapshot.Jobs);
        Assert.Equal(1, snapshot.PendingDeliveries);
    }

    [Fact]
    public async Task ManyDeliveriesForOneSubject_MakeOneJobThatSeesThemAll()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.AcceptDeliveryAsync(Delivery($"d{i}"), Work(), CancellationToken.None);
        }

        var job = await _store.LeaseNextAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.NotNull(job);
        Assert.Equal(5, job.Version);
        Assert.Equal(5, (await _store.PendingDeliveriesAsync(job.Subject, CancellationToken.None)).Count);
        Assert.Null(await _store.LeaseNextAsync("w2", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task LeasedSubject_IsNotLeasedAgainUntilItsLeaseExpires()
    {
        await _store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        Assert.NotNull(await _store.LeaseNextAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.Null(await _store.LeaseNextAsync("w2", TimeSpan.FromMinutes(1), CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(2));
        var again = await _store.LeaseNextAsync("w2", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.NotNull(again);
        Assert.Equal("w2", again.LeaseOwner);
    }

    [Fact]
    public async Task CompletingAJobWhoseVersionMoved_KeepsItForAnotherRun()
    {
        await _store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        var job = (await _store.LeaseNextAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None))!;
        var seen = (await _store.PendingDeliveriesAsync(job.Subject, CancellationToken.None)).Select(d => d.DeliveryId).ToList();
        await _store.AcceptDeliveryAsync(Delivery("b"), Work(), CancellationToken.None);

        Assert.False(await _store.CompleteAsync(job, seen, CancellationToken.None));

        var rerun = await _store.LeaseNextAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(rerun);
        Assert.Equal(["b"], (await _store.PendingDeliveriesAsync(rerun.Subject, CancellationToken.None)).Select(d => d.DeliveryId));
        Assert.True(await _store.CompleteAsync(rerun, ["b"], CancellationToken.None));
        Assert.True((await _store.QueueSnapshotAsync(CancellationToken.None)).IsIdle);
        Assert.Equal(DeliveryState.Done, (await _store.GetDeliveryAsync("a", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task JobInBackOff_IsNotHurriedByNewDeliveries()
    {
        await _store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        var job = (await _store.LeaseNextAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None))!;
        await _store.RetryLaterAsync(job, _clock.GetUtcNow().AddMinutes(10), "rate limited", countAttempt: true, CancellationToken.None);

        await _store.AcceptDeliveryAsync(Delivery("b"), Work(), CancellationToken.None);

        Assert.Null(await _store.LeaseNextAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(10));
        var later = await _store.LeaseNextAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(later);
        Assert.Equal(1, later.Attempts);
    }

    [Fact]
    public async Task DebouncedWork_IsPulledForwardByUrgentWork()
    {
        await _store.AcceptDeliveryAsync(Delivery("edit"), Work(delay: TimeSpan.FromSeconds(5)), CancellationToken.None);
        Assert.Null(await _store.LeaseNextAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None));

        await _store.AcceptDeliveryAsync(Delivery("push"), Work(), CancellationToken.None);

        Assert.NotNull(await _store.LeaseNextAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task ForceRequests_AreKeptWhenCoalesced()
    {
        await _store.AcceptDeliveryAsync(Delivery("rerun"), Work(force: true), CancellationToken.None);
        await _store.AcceptDeliveryAsync(Delivery("edit"), Work(force: false), CancellationToken.None);

        Assert.True((await _store.LeaseNextAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None))!.Force);
    }

    [Fact]
    public async Task Failing_MarksTheDeliveriesFailedWithTheReason()
    {
        await _store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        var job = (await _store.LeaseNextAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None))!;

        await _store.FailAsync(job, ["a"], "GitHub answered 404", CancellationToken.None);

        var stored = (await _store.GetDeliveryAsync("a", CancellationToken.None))!;
        Assert.Equal(DeliveryState.Failed, stored.State);
        Assert.Equal("GitHub answered 404", stored.Error);
        Assert.True((await _store.QueueSnapshotAsync(CancellationToken.None)).IsIdle);
    }

    [Fact]
    public async Task Recover_ReleasesLeasesOfADeadProcess()
    {
        await _store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        await _store.LeaseNextAsync("dead", TimeSpan.FromHours(1), CancellationToken.None);

        await _store.RecoverAsync(CancellationToken.None);

        Assert.NotNull(await _store.LeaseNextAsync("alive", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task StateSurvivesReopening()
    {
        await _store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        await _store.SaveEvaluationAsync(
            new PullRequestRecord { Repository = Repo, Number = 7, HeadSha = "abc", CommentId = 99, EvaluatedAt = _clock.GetUtcNow() },
            new EvaluationRecord(Repo, 7, "abc", "failure", "2 of 5 items missing", "posted", "created", ["a"], _clock.GetUtcNow(), TimeSpan.FromMilliseconds(3), null),
            CancellationToken.None);
        await _store.DisposeAsync();

        _store = Open();
        await _store.InitializeAsync(CancellationToken.None);

        Assert.Equal(1, (await _store.QueueSnapshotAsync(CancellationToken.None)).Jobs);
        Assert.Equal(99, (await _store.GetPullRequestAsync(Repo, 7, CancellationToken.None))!.CommentId);
        Assert.Equal(["a"], Assert.Single(await _store.EvaluationsAsync(Repo, 7, 10, CancellationToken.None)).DeliveryIds);
        Assert.Equal(7, Assert.Single(await _store.FindPullRequestsByHeadAsync(Repo, "abc", CancellationToken.None)).Number);
    }

    [Fact]
    public async Task Migrations_RecordTheSchemaVersionAndRunOnce()
    {
        await _store.InitializeAsync(CancellationToken.None);

        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM schema_version";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(1, reader.GetInt32(0));
        Assert.Equal(SqliteSchema.Migrations.Count, reader.GetInt32(1));
    }

    [Fact]
    public async Task DatabaseFromANewerBuild_IsRefusedWithAClearMessage()
    {
        await using (var connection = new SqliteConnection($"Data Source={_file}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET version = 999";
            await command.ExecuteNonQueryAsync();
        }

        var e = await Assert.ThrowsAsync<BotConfigurationException>(() => _store.InitializeAsync(CancellationToken.None));
        Assert.Contains("999", e.Message);
    }

    [Fact]
    public async Task Purge_ForgetsFinishedDeliveriesButNeverPendingOnes()
    {
        await _store.AcceptDeliveryAsync(Delivery("old-done", 1), Work(1), CancellationToken.None);
        var job = (await _store.LeaseNextAsync("w", TimeSpan.FromMinutes(1), CancellationToken.None))!;
        await _store.CompleteAsync(job, ["old-done"], CancellationToken.None);
        await _store.AcceptDeliveryAsync(Delivery("old-pending", 2), Work(2), CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(31));

        await _store.PurgeAsync(_clock.GetUtcNow().AddDays(-30), CancellationToken.None);

        Assert.Null(await _store.GetDeliveryAsync("old-done", CancellationToken.None));
        Assert.NotNull(await _store.GetDeliveryAsync("old-pending", CancellationToken.None));
    }

    [Theory]
    [InlineData(null, "data/prreviewbot.db")]
    [InlineData("/var/lib/prreviewbot/bot.db", "/var/lib/prreviewbot/bot.db")]
    [InlineData("Data Source=/tmp/x.db;Cache=Shared", "/tmp/x.db")]
    public void ConnectionString_AcceptsAPathOrAFullConnectionString(string? configured, string file)
    {
        Assert.Equal(file, new SqliteConnectionStringBuilder(SqliteWorkStore.BuildConnectionString(configured)).DataSource);
    }
}
