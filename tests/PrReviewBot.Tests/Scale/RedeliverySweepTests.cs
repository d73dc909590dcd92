using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PrReviewBot.Tests.Support;
using PrReviewBot.Work;

namespace PrReviewBot.Tests.Scale;

/// <summary>GitHub never redelivers on its own: the sweep finds the App's failed deliveries and asks for them again.</summary>
public class RedeliverySweepTests : EndToEndTest
{
    [Fact]
    public async Task FailedDeliveries_AreAskedForAgainOnceEachAndThenReviewed()
    {
        ReplicaTests.AddPullRequests(GitHub, 3);
        var now = DateTimeOffset.UtcNow;
        // Plenty of deliveries that got through, so the failed ones are spread over several pages.
        for (var i = 0; i < 230; i++)
        {
            GitHub.AddHookDelivery($"ok-{i}", 202, now.AddMinutes(-30).AddSeconds(i));
        }
        var missed = GitHub.AddHookDelivery("missed-while-down", 502, now.AddMinutes(-50), payload: Payloads.PullRequest("opened", ReplicaTests.Sha(1), 1));
        GitHub.AddHookDelivery("failed-twice", 0, now.AddMinutes(-40), payload: Payloads.PullRequest("opened", ReplicaTests.Sha(2), 2));
        var latestAttempt = GitHub.AddHookDelivery("failed-twice", 503, now.AddMinutes(-20), payload: Payloads.PullRequest("opened", ReplicaTests.Sha(2), 2), redelivery: true);
        GitHub.AddHookDelivery("failed-then-redelivered", 504, now.AddMinutes(-45));
        GitHub.AddHookDelivery("failed-then-redelivered", 202, now.AddMinutes(-44), redelivery: true);
        GitHub.AddHookDelivery("slow-but-stored", 0, now.AddMinutes(-10), payload: Payloads.PullRequest("opened", ReplicaTests.Sha(3), 3));
        GitHub.AddHookDelivery("older-than-the-first-look-back", 500, now.AddDays(-3));
        BotUnderTest? bot = null;
        GitHub.OnRedelivery = async d => await bot!.SendAsync(d.Event, d.Payload!, d.Guid);
        bot = await StartBotAsync();
        // GitHub timed this one out, but the bot had stored it.
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened", ReplicaTests.Sha(3), 3), "slow-but-stored");

        var result = await bot.Services.GetRequiredService<RedeliverySweep>().SweepOnceAsync(CancellationToken.None);
        await BotUnderTest.Eventually(() => GitHub.CheckRuns.Count == 3, "the redelivered PRs to be reviewed");
        await bot.WaitForIdleAsync();

        Assert.Equal(["missed-while-down", "failed-twice"], result!.Asked);
        Assert.Equal([missed.Id, latestAttempt.Id], GitHub.RedeliveryRequests.Order());
        Assert.Equal(3, GitHub.CheckRuns.Select(c => c.HeadSha).Distinct().Count());
        var lists = GitHub.RequestsTo("GET", "/app/hook/deliveries");
        Assert.True(lists.Count >= 3, $"{lists.Count} pages read");
        // App-level endpoints take the App's JWT (three dot-separated parts), not an installation token.
        Assert.All(GitHub.Requests.Where(r => r.Path.StartsWith("/app/hook/deliveries", StringComparison.Ordinal)),
            r => Assert.Equal(3, r.Headers["Authorization"]["Bearer ".Length..].Split('.').Length));
        Assert.Contains(bot.Logs.Events, e => e.RenderMessage().Contains("missed-while-down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnabledSweep_RunsOnItsOwnAndRecoversAMissedDelivery()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.AddHookDelivery("missed", 502, DateTimeOffset.UtcNow.AddMinutes(-3), payload: Payloads.PullRequest("opened"));
        BotUnderTest? bot = null;
        GitHub.OnRedelivery = async d => await bot!.SendAsync(d.Event, d.Payload!, d.Guid);
        bot = await StartBotAsync(s =>
        {
            s.Config["Redelivery:Enabled"] = "true";
            s.Config["Redelivery:Interval"] = "00:00:01";
        });

        await BotUnderTest.Eventually(() => GitHub.CheckRuns.Count == 1, "the sweep to recover the missed delivery");
        await bot.WaitForIdleAsync();

        Assert.Single(GitHub.RedeliveryRequests);
        Assert.NotNull(await bot.Store.GetDeliveryAsync("missed", CancellationToken.None));
    }

    [Fact]
    public async Task NextSweep_DoesNotAskAgainForWhatItAskedRecentlyButDoesOnceThatIsOld()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        GitHub.Time = clock;
        var failed = GitHub.AddHookDelivery("never-arrives", 502, clock.GetUtcNow().AddMinutes(-1));
        var bot = await StartBotAsync(s =>
        {
            s.Time = clock;
            s.Config["Redelivery:Interval"] = "00:05:00";
            s.Config["Redelivery:AskAgainAfter"] = "01:00:00";
        });
        var sweep = bot.Services.GetRequiredService<RedeliverySweep>();

        var first = await sweep.SweepOnceAsync(CancellationToken.None);
        var tooSoon = await sweep.SweepOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = await sweep.SweepOnceAsync(CancellationToken.None);
        // The redelivery never arrived; an hour later, the sweep that still sees it asks again.
        clock.Advance(TimeSpan.FromMinutes(61));
        GitHub.AddHookDelivery("never-arrives", 502, clock.GetUtcNow().AddMinutes(-1), redelivery: true);
        var later = await sweep.SweepOnceAsync(CancellationToken.None);

        Assert.Equal(["never-arrives"], first!.Asked);
        Assert.Null(tooSoon);
        Assert.Empty(second!.Asked);
        Assert.Equal(1, second.Missed);
        Assert.Equal(["never-arrives"], later!.Asked);
        Assert.Equal(failed.Id, GitHub.RedeliveryRequests[0]);
        Assert.Equal(2, GitHub.RedeliveryRequests.Count);
    }

    [Fact]
    public async Task MoreMissedThanOneSweepMayAskFor_TheNextSweepGoesOn()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            GitHub.AddHookDelivery($"missed-{i}", 500, now.AddMinutes(-10 + i));
        }
        var clock = new FakeTimeProvider(now);
        GitHub.Time = clock;
        var bot = await StartBotAsync(s =>
        {
            s.Time = clock;
            s.Config["Redelivery:MaxPerSweep"] = "3";
        });
        var sweep = bot.Services.GetRequiredService<RedeliverySweep>();

        var first = await sweep.SweepOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = await sweep.SweepOnceAsync(CancellationToken.None);

        Assert.Equal(["missed-0", "missed-1", "missed-2"], first!.Asked);
        Assert.True(first.Capped);
        Assert.Equal(["missed-3", "missed-4"], second!.Asked);
        Assert.Equal(5, GitHub.RedeliveryRequests.Distinct().Count());
    }

    [Fact]
    public async Task TokenMode_NeverSweeps()
    {
        GitHub.AddHookDelivery("missed", 500, DateTimeOffset.UtcNow.AddMinutes(-1));
        var bot = await StartBotAsync(s =>
        {
            s.Auth = BotAuth.Token;
            s.Config["Redelivery:Enabled"] = "true";
            s.Config["Redelivery:Interval"] = "00:00:00.200";
        });
        AddOptimizationPr(Descriptions.Incomplete);

        // A review proves the bot is running; the sweep would have had many turns meanwhile.
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.Single(GitHub.Statuses);
        Assert.Empty(GitHub.RequestsTo("GET", "/app/hook/deliveries"));
    }
}

/// <summary>Replicas on one database take turns: one sweep per interval between them, each missed delivery asked for once.</summary>
public class RedeliverySweepReplicaTests : EndToEndTest
{
    protected override bool OnPostgres => true;

    [SkippableFact]
    public async Task ReplicasSweepingAtOnce_AskForEachMissedDeliveryOnce()
    {
        for (var i = 0; i < 10; i++)
        {
            GitHub.AddHookDelivery($"missed-{i}", 502, DateTimeOffset.UtcNow.AddMinutes(-10 + i));
        }
        var replicas = new[] { await StartBotAsync(), await StartBotAsync(), await StartBotAsync() };
        var sweeps = replicas.Select(r => r.Services.GetRequiredService<RedeliverySweep>()).ToList();

        var results = await Task.WhenAll(sweeps.Select(s => Task.Run(() => s.SweepOnceAsync(CancellationToken.None))));
        var again = await Task.WhenAll(sweeps.Select(s => s.SweepOnceAsync(CancellationToken.None)));

        Assert.Single(results, r => r is not null);
        Assert.All(again, Assert.Null);
        Assert.Equal(10, GitHub.RedeliveryRequests.Count);
        Assert.Equal(10, GitHub.RedeliveryRequests.Distinct().Count());
    }
}
