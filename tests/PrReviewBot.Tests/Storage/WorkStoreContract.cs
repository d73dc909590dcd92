using System.Text;
using Microsoft.Extensions.Time.Testing;
using PrReviewBot.Storage;

namespace PrReviewBot.Tests.Storage;

/// <summary>
/// What every store must do, run against SQLite and PostgreSQL alike: de-duplication, one job per subject, leases
/// and their renewal, versions, back-off, interrupted runs, the sweep lease, migrations, purging, and what the
/// <c>/perf-review</c> commands and gate mode keep (commands decided, the override audit log, gate state).
/// </summary>
public abstract class WorkStoreContract : IAsyncLifetime
{
    protected const string Repo = "octo/feed";

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    protected IWorkStore Store { get; private set; } = null!;

    protected IRedeliveryStore Sweeps => (IRedeliveryStore)Store;

    protected ICommandStore Commands => (ICommandStore)Store;

    protected IGateStore Gates => (IGateStore)Store;

    /// <summary>A store on the test's database (a second call opens a second instance: another process or replica).</summary>
    protected abstract Task<IWorkStore> OpenAsync();

    protected abstract Task<int> SchemaVersionRowsAsync();

    protected abstract int MigrationCount { get; }

    /// <summary>Runs SQL on the test's database beside the store (to set up a database an older build left).</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>Runs a <c>SELECT COUNT(*)</c> on the test's database beside the store.</summary>
    protected abstract Task<long> CountAsync(string sql);

    public virtual async Task InitializeAsync()
    {
        Store = await OpenAsync();
        await Store.InitializeAsync(CancellationToken.None);
    }

    public virtual async Task DisposeAsync()
    {
        if (Store is IAsyncDisposable d)
        {
            await d.DisposeAsync();
        }
    }

    protected async Task ReopenAsync()
    {
        if (Store is IAsyncDisposable d)
        {
            await d.DisposeAsync();
        }
        Store = await OpenAsync();
        await Store.InitializeAsync(CancellationToken.None);
    }

    protected InboundDelivery Delivery(string id, int number = 7) =>
        new(id, "pull_request", "edited", 1, Repo, WorkRequest.PullRequestSubject(Repo, number), DeliveryState.Pending, Clock.GetUtcNow(), "{}", "{\"n\":1}", null);

    protected WorkRequest Work(int number = 7, TimeSpan? delay = null, bool force = false) =>
        new(WorkRequest.PullRequestSubject(Repo, number), JobKind.PullRequest, Repo, 1, number, null, "main", Clock.GetUtcNow() + (delay ?? TimeSpan.Zero), force);

    protected Task<LeasedJob?> Lease(string owner, TimeSpan? leaseFor = null) =>
        Store.LeaseNextAsync(owner, leaseFor ?? TimeSpan.FromMinutes(1), LeaseFilter.Fair, CancellationToken.None);

    private WorkRequest WorkOf(long installation, string repository, int number, TimeSpan? delay = null) =>
        new(WorkRequest.PullRequestSubject(repository, number), JobKind.PullRequest, repository, installation, number, null, "main",
            Clock.GetUtcNow() + (delay ?? TimeSpan.Zero));

    [SkippableFact]
    public async Task BurstFromOneInstallation_DoesNotQueueAheadOfAnothersFirstJob()
    {
        for (var n = 1; n <= 5; n++)
        {
            await Store.EnqueueAsync(WorkOf(1, "big/monorepo", n), CancellationToken.None);
            Clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        await Store.EnqueueAsync(WorkOf(2, "small/app", 1), CancellationToken.None);
        Clock.Advance(TimeSpan.FromMilliseconds(10));
        await Store.EnqueueAsync(WorkOf(2, "small/app", 2), CancellationToken.None);

        var order = new List<string>();
        while (await Lease("w") is { } job)
        {
            order.Add(job.Subject);
        }

        // Round-robin by installation: each installation's first job, then each one's second, then the rest in order.
        Assert.Equal(["big/monorepo#1", "small/app#1", "big/monorepo#2", "small/app#2", "big/monorepo#3", "big/monorepo#4", "big/monorepo#5"], order);
    }

    [SkippableFact]
    public async Task WithoutFairness_TheJobDueSoonestIsLeasedFirst()
    {
        for (var n = 1; n <= 3; n++)
        {
            await Store.EnqueueAsync(WorkOf(1, "big/monorepo", n), CancellationToken.None);
            Clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        await Store.EnqueueAsync(WorkOf(2, "small/app", 1), CancellationToken.None);

        var order = new List<string>();
        while (await Store.LeaseNextAsync("w", TimeSpan.FromMinutes(1), new LeaseFilter(false, []), CancellationToken.None) is { } job)
        {
            order.Add(job.Subject);
        }

        Assert.Equal(["big/monorepo#1", "big/monorepo#2", "big/monorepo#3", "small/app#1"], order);
    }

    [SkippableFact]
    public async Task SkippedInstallations_AreNeitherLeasedNorWaitedFor()
    {
        await Store.EnqueueAsync(WorkOf(1, "big/monorepo", 1), CancellationToken.None);
        await Store.EnqueueAsync(WorkOf(2, "small/app", 1, delay: TimeSpan.FromSeconds(3)), CancellationToken.None);

        Assert.Null(await Store.LeaseNextAsync("w", TimeSpan.FromMinutes(1), new LeaseFilter(true, [1]), CancellationToken.None));
        Assert.Equal(Clock.GetUtcNow().AddSeconds(3), await Store.NextLeasableAtAsync([1], CancellationToken.None));
        Assert.Equal(Clock.GetUtcNow(), await Store.NextLeasableAtAsync([], CancellationToken.None));
        Assert.Null(await Store.NextLeasableAtAsync([1, 2], CancellationToken.None));

        Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("small/app#1", (await Store.LeaseNextAsync("w", TimeSpan.FromMinutes(1), new LeaseFilter(true, [1]), CancellationToken.None))?.Subject);
        Assert.Equal("big/monorepo#1", (await Store.LeaseNextAsync("w", TimeSpan.FromMinutes(1), new LeaseFilter(true, [2]), CancellationToken.None))?.Subject);
    }

    [SkippableFact]
    public async Task CoalescedWork_KeepsItsJobsTurn()
    {
        await Store.EnqueueAsync(WorkOf(1, "big/monorepo", 1), CancellationToken.None);
        await Store.EnqueueAsync(WorkOf(1, "big/monorepo", 2), CancellationToken.None);
        await Store.EnqueueAsync(WorkOf(2, "small/app", 1), CancellationToken.None);
        // More work for the first PR: still one job, still first in its installation's line.
        await Store.EnqueueAsync(WorkOf(1, "big/monorepo", 1), CancellationToken.None);

        Assert.Equal("big/monorepo#1", (await Lease("w"))?.Subject);
        Assert.Equal("small/app#1", (await Lease("w"))?.Subject);
        Assert.Equal("big/monorepo#2", (await Lease("w"))?.Subject);
        Assert.Null(await Lease("w"));
    }

    [SkippableFact]
    public async Task SameDeliveryIdTwice_IsStoredOnceAndReportedDuplicate()
    {
        Assert.Equal(AcceptOutcome.Accepted, await Store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None));
        Assert.Equal(AcceptOutcome.Duplicate, await Store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None));

        var snapshot = await Store.QueueSnapshotAsync(CancellationToken.None);
        Assert.Equal(1, snapshot.Jobs);
        Assert.Equal(1, snapshot.PendingDeliveries);
        Assert.Equal(1, (await Lease("w1"))!.Version);
    }

    [SkippableFact]
    public async Task ManyDeliveriesForOneSubject_MakeOneJobThatSeesThemAll()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.AcceptDeliveryAsync(Delivery($"d{i}"), Work(), CancellationToken.None);
        }

        var job = await Lease("w1");

        Assert.NotNull(job);
        Assert.Equal(5, job.Version);
        Assert.Equal(5, (await Store.PendingDeliveriesAsync(job.Subject, CancellationToken.None)).Count);
        Assert.Null(await Lease("w2"));
    }

    [SkippableFact]
    public async Task LeasedSubject_IsNotLeasedAgainUntilItsLeaseExpires()
    {
        await Store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        Assert.NotNull(await Lease("w1"));

        Assert.Null(await Lease("w2"));
        Clock.Advance(TimeSpan.FromMinutes(2));
        var again = await Lease("w2");

        Assert.NotNull(again);
        Assert.Equal("w2", again.LeaseOwner);
    }

    [SkippableFact]
    public async Task RenewedLease_KeepsTheSubjectFromOtherWorkers()
    {
        await Store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        var job = (await Lease("w1"))!;

        Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await Store.RenewLeaseAsync(job, TimeSpan.FromMinutes(1), CancellationToken.None));
        Clock.Advance(TimeSpan.FromSeconds(50));

        Assert.Null(await Lease("w2"));
    }

    [SkippableFact]
    public async Task LeaseTakenByAnotherWorker_CannotBeRenewedAndIsMarkedInterrupted()
    {
        await Store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        var first = (await Lease("w1"))!;
        Assert.False(first.Interrupted);

        Clock.Advance(TimeSpan.FromMinutes(2));
        var second = (await Lease("w2"))!;

        Assert.True(second.Interrupted);
        Assert.False(await Store.RenewLeaseAsync(first, TimeSpan.FromMinutes(1), CancellationToken.None));
        // The first worker's late completion changes nothing that the second now owns.
        Assert.False(await Store.CompleteAsync(first, [], CancellationToken.None));
        Assert.Equal(1, (await Store.QueueSnapshotAsync(CancellationToken.None)).LeasedJobs);
    }

    [SkippableFact]
    public async Task JobHandedBackAtShutdown_IsInterruptedButOneRescheduledAfterAFailureIsNot()
    {
        await Store.AcceptDeliveryAsync(Delivery("a", 1), Work(1), CancellationToken.None);
        await Store.AcceptDeliveryAsync(Delivery("b", 2), Work(2), CancellationToken.None);
        var one = (await Lease("w1"))!;
        var two = (await Lease("w1"))!;

        await Store.ReleaseAsync(one, CancellationToken.None);
        await Store.RetryLaterAsync(two, Clock.GetUtcNow(), "GitHub answered 502", countAttempt: true, CancellationToken.None);

        var again = new[] { (await Lease("w2"))!, (await Lease("w2"))! }.ToDictionary(j => j.Subject);
        Assert.True(again[one.Subject].Interrupted);
        Assert.False(again[two.Subject].Interrupted);
    }

    [SkippableFact]
    public async Task CompletingAJobWhoseVersionMoved_KeepsItForAnotherRun()
    {
        await Store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        var job = (await Lease("w1"))!;
        var seen = (await Store.PendingDeliveriesAsync(job.Subject, CancellationToken.None)).Select(d => d.DeliveryId).ToList();
        await Store.AcceptDeliveryAsync(Delivery("b"), Work(), CancellationToken.None);

        Assert.False(await Store.CompleteAsync(job, seen, CancellationToken.None));

        var rerun = await Lease("w1");
        Assert.NotNull(rerun);
        Assert.False(rerun.Interrupted);
        Assert.Equal(["b"], (await Store.PendingDeliveriesAsync(rerun.Subject, CancellationToken.None)).Select(d => d.DeliveryId));
        Assert.True(await Store.CompleteAsync(rerun, ["b"], CancellationToken.None));
        Assert.True((await Store.QueueSnapshotAsync(CancellationToken.None)).IsIdle);
        Assert.Equal(DeliveryState.Done, (await Store.GetDeliveryAsync("a", CancellationToken.None))!.State);
    }

    [SkippableFact]
    public async Task JobInBackOff_IsNotHurriedByNewDeliveries()
    {
        await Store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        var job = (await Lease("w1"))!;
        await Store.RetryLaterAsync(job, Clock.GetUtcNow().AddMinutes(10), "rate limited", countAttempt: true, CancellationToken.None);

        await Store.AcceptDeliveryAsync(Delivery("b"), Work(), CancellationToken.None);

        Assert.Null(await Lease("w1"));
        Clock.Advance(TimeSpan.FromMinutes(10));
        var later = await Lease("w1");
        Assert.NotNull(later);
        Assert.Equal(1, later.Attempts);
    }

    [SkippableFact]
    public async Task DebouncedWork_IsPulledForwardByUrgentWork()
    {
        await Store.AcceptDeliveryAsync(Delivery("edit"), Work(delay: TimeSpan.FromSeconds(5)), CancellationToken.None);
        Assert.Null(await Lease("w1"));
        Assert.Equal(Clock.GetUtcNow().AddSeconds(5), await Store.NextLeasableAtAsync([], CancellationToken.None));

        await Store.AcceptDeliveryAsync(Delivery("push"), Work(), CancellationToken.None);

        Assert.NotNull(await Lease("w1"));
    }

    [SkippableFact]
    public async Task ForceRequests_AreKeptWhenCoalesced()
    {
        await Store.AcceptDeliveryAsync(Delivery("rerun"), Work(force: true), CancellationToken.None);
        await Store.AcceptDeliveryAsync(Delivery("edit"), Work(force: false), CancellationToken.None);

        Assert.True((await Lease("w1"))!.Force);
    }

    [SkippableFact]
    public async Task Failing_MarksTheDeliveriesFailedWithTheReason()
    {
        await Store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        var job = (await Lease("w1"))!;

        await Store.FailAsync(job, ["a"], "GitHub answered 404", CancellationToken.None);

        var stored = (await Store.GetDeliveryAsync("a", CancellationToken.None))!;
        Assert.Equal(DeliveryState.Failed, stored.State);
        Assert.Equal("GitHub answered 404", stored.Error);
        Assert.True((await Store.QueueSnapshotAsync(CancellationToken.None)).IsIdle);
    }

    [SkippableFact]
    public async Task StateSurvivesReopening()
    {
        await Store.AcceptDeliveryAsync(Delivery("a"), Work(), CancellationToken.None);
        await Store.SaveEvaluationAsync(
            new PullRequestRecord { Repository = Repo, Number = 7, HeadSha = "abc", CommentId = 99, EvaluatedAt = Clock.GetUtcNow() },
            new EvaluationRecord(Repo, 7, "abc", "failure", "2 of 5 items missing", "posted", "created", ["a"], Clock.GetUtcNow(), TimeSpan.FromMilliseconds(3), null),
            CancellationToken.None);

        await ReopenAsync();

        Assert.Equal(1, (await Store.QueueSnapshotAsync(CancellationToken.None)).Jobs);
        Assert.Equal(99, (await Store.GetPullRequestAsync(Repo, 7, CancellationToken.None))!.CommentId);
        Assert.Equal(["a"], Assert.Single(await Store.EvaluationsAsync(Repo, 7, 10, CancellationToken.None)).DeliveryIds);
        Assert.Equal(7, Assert.Single(await Store.FindPullRequestsByHeadAsync(Repo, "abc", CancellationToken.None)).Number);
    }

    [SkippableFact]
    public async Task Migrations_RecordTheSchemaVersionAndRunOnce()
    {
        await Store.InitializeAsync(CancellationToken.None);
        await ReopenAsync();

        Assert.Equal(1, await SchemaVersionRowsAsync());
    }

    [SkippableFact]
    public async Task DatabaseOfAnOlderBuild_UpgradesKeepingItsRows()
    {
        await Store.AcceptDeliveryAsync(Delivery("kept"), Work(), CancellationToken.None);
        // Back to what schema version 2 made: the tables and columns of migrations 3 to 6 did not exist yet.
        await ExecuteSqlAsync(
            """
            ALTER TABLE deliveries DROP COLUMN payload;
            DROP INDEX jobs_turn;
            DROP INDEX jobs_installation_turn;
            ALTER TABLE jobs DROP COLUMN turn;
            DROP TABLE gate_links;
            DROP TABLE commands;
            DROP TABLE overrides;
            DROP TABLE gates;
            UPDATE schema_version SET version = 2;
            """);

        await ReopenAsync();

        Assert.Equal(1, await SchemaVersionRowsAsync());
        Assert.Equal(DeliveryState.Pending, (await Store.GetDeliveryAsync("kept", CancellationToken.None))!.State);
        var job = (await Lease("w"))!;
        Assert.Equal(1, job.Version);
        // Stored as text before payloads were bytes: still read as text.
        var kept = Assert.Single(await Store.PendingDeliveriesAsync(job.Subject, CancellationToken.None));
        Assert.Equal("{\"n\":1}", kept.Body);
        Assert.Null(kept.Payload);
        await Gates.SaveGatesAsync(new GateRecord { Repository = Repo, Number = 3, OpenGates = "2", EvaluatedAt = Clock.GetUtcNow() }, CancellationToken.None);
        Assert.Equal("2", (await Gates.GetGatesAsync(Repo, 3, CancellationToken.None))!.OpenGates);
    }

    [SkippableFact]
    public async Task Utf8Payload_ComesBackByteForByte_NonAsciiIncluded()
    {
        var utf8 = Encoding.UTF8.GetBytes("{\"title\":\"Réduire la latence: 日本語 🚀 \\u00e9\",\"nul\":\"\\u0000\"}");
        await Store.AcceptDeliveryAsync(Delivery("bytes") with { Body = null, Payload = utf8 }, Work(), CancellationToken.None);
        await Store.AcceptDeliveryAsync(Delivery("text"), Work(), CancellationToken.None);

        var job = (await Lease("w"))!;
        var pending = await Store.PendingDeliveriesAsync(job.Subject, CancellationToken.None);

        Assert.Equal(["bytes", "text"], pending.Select(d => d.DeliveryId));
        Assert.Equal(utf8, pending[0].Payload);
        Assert.Null(pending[0].Body);
        Assert.Equal("{\"n\":1}", pending[1].Body);
        Assert.Null(pending[1].Payload);
    }

    [SkippableFact]
    public async Task CompletedDelivery_KeepsNeitherItsTextNorItsBytes()
    {
        await Store.AcceptDeliveryAsync(Delivery("bytes") with { Body = null, Payload = [0x7b, 0x7d] }, Work(), CancellationToken.None);
        var job = (await Lease("w"))!;
        Assert.True(await Store.CompleteAsync(job, ["bytes"], CancellationToken.None));

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM deliveries WHERE payload IS NOT NULL OR body IS NOT NULL"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM deliveries WHERE delivery_id = 'bytes'"));
    }

    [SkippableFact]
    public async Task Purge_ForgetsFinishedDeliveriesButNeverPendingOnes()
    {
        await Store.AcceptDeliveryAsync(Delivery("old-done", 1), Work(1), CancellationToken.None);
        var job = (await Lease("w"))!;
        await Store.CompleteAsync(job, ["old-done"], CancellationToken.None);
        await Store.AcceptDeliveryAsync(Delivery("old-pending", 2), Work(2), CancellationToken.None);
        Clock.Advance(TimeSpan.FromDays(31));

        await Store.PurgeAsync(Clock.GetUtcNow().AddDays(-30), CancellationToken.None);

        Assert.Null(await Store.GetDeliveryAsync("old-done", CancellationToken.None));
        Assert.NotNull(await Store.GetDeliveryAsync("old-pending", CancellationToken.None));
    }

    [SkippableFact]
    public async Task Sweep_IsHeldByOneOwnerAndNotDueAgainBeforeItsNextTime()
    {
        var first = await Sweeps.TryLeaseSweepAsync("s", "a", TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(first.SweptUntil);
        Assert.Null(await Sweeps.TryLeaseSweepAsync("s", "b", TimeSpan.FromMinutes(5), CancellationToken.None));

        var sweptUntil = Clock.GetUtcNow();
        await Sweeps.CompleteSweepAsync(first, sweptUntil, Clock.GetUtcNow().AddMinutes(10), CancellationToken.None);
        Assert.Null(await Sweeps.TryLeaseSweepAsync("s", "b", TimeSpan.FromMinutes(5), CancellationToken.None));

        Clock.Advance(TimeSpan.FromMinutes(10));
        var next = await Sweeps.TryLeaseSweepAsync("s", "b", TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.NotNull(next);
        Assert.Equal(sweptUntil, next.SweptUntil);
    }

    [SkippableFact]
    public async Task AbandonedSweep_CanBeTakenAtOnceAndKeepsWhereTheLastOneStopped()
    {
        var first = (await Sweeps.TryLeaseSweepAsync("s", "a", TimeSpan.FromMinutes(5), CancellationToken.None))!;
        await Sweeps.AbandonSweepAsync(first, CancellationToken.None);

        var next = await Sweeps.TryLeaseSweepAsync("s", "b", TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.NotNull(next);
        Assert.Null(next.SweptUntil);
    }

    [SkippableFact]
    public async Task KnownGuids_AreStoredDeliveriesAndRecentRedeliveryRequests()
    {
        await Store.AcceptDeliveryAsync(Delivery("stored"), null, CancellationToken.None);
        await Sweeps.RecordRedeliveryAsync("asked-long-ago", 1, Clock.GetUtcNow().AddHours(-3), CancellationToken.None);
        await Sweeps.RecordRedeliveryAsync("asked-recently", 2, Clock.GetUtcNow().AddMinutes(-5), CancellationToken.None);

        var known = await Sweeps.KnownGuidsAsync(["stored", "asked-long-ago", "asked-recently", "never-seen"], Clock.GetUtcNow().AddHours(-1), CancellationToken.None);

        Assert.Equal(["asked-recently", "stored"], known.Order(StringComparer.Ordinal));
    }

    private CommandRecord CommandFor(long commentId, string verb = "Override", string action = "RecordOverride", string delivery = "d1") =>
        new(Repo, 7, commentId, "fp-" + verb, delivery, "octo-writer", verb, action, "reply to " + verb, Refused: false, Clock.GetUtcNow());

    private OverrideEvent OverrideFor(long commentId, OverrideAction action, string actor = "octo-writer", int number = 7) =>
        new(Repo, number, action, actor, action == OverrideAction.Override ? "hotfix for incident 4711" : null, Clock.GetUtcNow(), commentId);

    [SkippableFact]
    public async Task CommandRecordedTwice_KeepsTheFirstDecisionAndItsOverrideOnce()
    {
        Assert.True(await Commands.RecordCommandAsync(CommandFor(1001), OverrideFor(1001, OverrideAction.Override), CancellationToken.None));
        Assert.False(await Commands.RecordCommandAsync(CommandFor(1001, delivery: "d2") with { Actor = "someone-else" },
            OverrideFor(1001, OverrideAction.Override, "someone-else"), CancellationToken.None));

        var stored = await Commands.GetCommandAsync(Repo, 1001, "fp-Override", CancellationToken.None);
        Assert.Equal(CommandFor(1001), stored);
        Assert.Null(await Commands.GetCommandAsync(Repo, 1001, "another-command-text", CancellationToken.None));
        var audit = Assert.Single(await Commands.OverrideEventsAsync(Repo, 7, 10, CancellationToken.None));
        Assert.Equal(OverrideFor(1001, OverrideAction.Override), audit);
    }

    [SkippableFact]
    public async Task CommandMarkedDone_KeepsWhenAndSurvivesReopening()
    {
        var command = CommandFor(1001, "Plan", "PostPlan") with { Reply = null, Refused = true };
        await Commands.RecordCommandAsync(command, null, CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(3));

        await Commands.MarkCommandDoneAsync(command, Clock.GetUtcNow(), CancellationToken.None);
        await ReopenAsync();

        Assert.Equal(command with { DoneAt = Clock.GetUtcNow() }, await Commands.GetCommandAsync(Repo, 1001, "fp-Plan", CancellationToken.None));
        Assert.Empty(await Commands.OverrideEventsAsync(Repo, 7, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task OverrideInForce_IsTheLatestEventOfThatPr_UntilRevoked()
    {
        await Commands.RecordCommandAsync(CommandFor(1), OverrideFor(1, OverrideAction.Override), CancellationToken.None);
        await Commands.RecordCommandAsync(CommandFor(2) with { Number = 8 }, OverrideFor(2, OverrideAction.Override, number: 8), CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Commands.RecordCommandAsync(CommandFor(3, "Revoke", "RevokeOverride"), OverrideFor(3, OverrideAction.Revoke, "octo-admin"), CancellationToken.None);

        Assert.Null(await Commands.CurrentOverrideAsync(Repo, 7, CancellationToken.None));
        Assert.Equal(OverrideFor(2, OverrideAction.Override, number: 8) with { At = Clock.GetUtcNow().AddMinutes(-1) },
            await Commands.CurrentOverrideAsync(Repo, 8, CancellationToken.None));
        var events = await Commands.OverrideEventsAsync(Repo, 7, 10, CancellationToken.None);
        Assert.Equal([OverrideAction.Revoke, OverrideAction.Override], events.Select(e => e.Action));
        Assert.Single(await Commands.OverrideEventsAsync(Repo, 7, 1, CancellationToken.None));

        Clock.Advance(TimeSpan.FromMinutes(1));
        await Commands.RecordCommandAsync(CommandFor(4), OverrideFor(4, OverrideAction.Override, "octo-lead"), CancellationToken.None);
        Assert.Equal("octo-lead", (await Commands.CurrentOverrideAsync(Repo, 7, CancellationToken.None))?.Actor);
    }

    [SkippableFact]
    public async Task Purge_KeepsTheOverrideAuditLog()
    {
        await Commands.RecordCommandAsync(CommandFor(1), OverrideFor(1, OverrideAction.Override), CancellationToken.None);
        Clock.Advance(TimeSpan.FromDays(400));

        await Store.PurgeAsync(Clock.GetUtcNow().AddDays(-30), CancellationToken.None);

        Assert.NotNull(await Commands.CurrentOverrideAsync(Repo, 7, CancellationToken.None));
    }

    [SkippableFact]
    public async Task GateState_IsSavedReadAndReplaced()
    {
        Assert.Null(await Gates.GetGatesAsync(Repo, 12, CancellationToken.None));
        var first = new GateRecord { Repository = Repo, Number = 12, EvaluatedAt = Clock.GetUtcNow() };
        await Gates.SaveGatesAsync(first, CancellationToken.None);
        Assert.Equal(first, await Gates.GetGatesAsync(Repo, 12, CancellationToken.None));

        Clock.Advance(TimeSpan.FromMinutes(2));
        var second = first with
        {
            InstallationId = 1, Requested = true, CommentId = 5_000_000_001, CommentFingerprint = "abc", Label = "perf-gates: satisfied",
            AllSatisfied = true, OpenGates = "", EvaluatedAt = Clock.GetUtcNow(),
        };
        await Gates.SaveGatesAsync(second, CancellationToken.None);
        await ReopenAsync();

        Assert.Equal(second, await Gates.GetGatesAsync(Repo, 12, CancellationToken.None));
        Assert.Null(await Gates.GetGatesAsync(Repo, 13, CancellationToken.None));
    }

    [SkippableFact]
    public async Task GateOpenGates_SurviveAReopen()
    {
        var record = new GateRecord { Repository = Repo, Number = 12, Label = "perf-gates: incomplete", AllSatisfied = false, OpenGates = "1,2,3", EvaluatedAt = Clock.GetUtcNow() };
        await Gates.SaveGatesAsync(record, CancellationToken.None);
        await ReopenAsync();

        Assert.Equal("1,2,3", (await Gates.GetGatesAsync(Repo, 12, CancellationToken.None))?.OpenGates);
    }

    [SkippableFact]
    public async Task GateLinks_ArePerPullRequest_ReplacedOnEachEvaluation_AndFoundPerIssue()
    {
        Assert.Empty(await Gates.LinkingPullRequestsAsync(Repo, 41, CancellationToken.None));
        await Gates.LinkPullRequestAsync(Repo, 7, [41, 42], Clock.GetUtcNow(), CancellationToken.None);
        await Gates.LinkPullRequestAsync(Repo, 9, [41], Clock.GetUtcNow(), CancellationToken.None);
        await Gates.LinkPullRequestAsync("octo/other", 3, [41], Clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal([7, 9], await Gates.LinkingPullRequestsAsync(Repo, 41, CancellationToken.None));
        Assert.Equal([7], await Gates.LinkingPullRequestsAsync(Repo, 42, CancellationToken.None));

        // PR 7's constraint now links #43 and #42 instead; PR 9 closes (links nothing).
        await Gates.LinkPullRequestAsync(Repo, 7, [43, 42, 43], Clock.GetUtcNow(), CancellationToken.None);
        await Gates.LinkPullRequestAsync(Repo, 9, [], Clock.GetUtcNow(), CancellationToken.None);
        await ReopenAsync();

        Assert.Empty(await Gates.LinkingPullRequestsAsync(Repo, 41, CancellationToken.None));
        Assert.Equal([7], await Gates.LinkingPullRequestsAsync(Repo, 42, CancellationToken.None));
        Assert.Equal([7], await Gates.LinkingPullRequestsAsync(Repo, 43, CancellationToken.None));
        Assert.Equal([3], await Gates.LinkingPullRequestsAsync("octo/other", 41, CancellationToken.None));
    }
}
