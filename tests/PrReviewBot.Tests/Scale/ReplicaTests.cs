using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Scale;

/// <summary>Several replicas on one PostgreSQL database: work shared, nothing done twice, no PR evaluated by two at once.</summary>
public class ReplicaTests : EndToEndTest
{
    protected override bool OnPostgres => true;

    internal static string Sha(int number) => number.ToString("x8", CultureInfo.InvariantCulture).PadLeft(40, 'a');

    internal static void AddPullRequests(FakeGitHub gitHub, int count)
    {
        for (var n = 1; n <= count; n++)
        {
            gitHub.AddPullRequest(new FakePullRequest
            {
                Repository = Repo,
                Number = n,
                Title = Descriptions.Title,
                Body = Descriptions.Incomplete,
                HeadSha = Sha(n),
                Labels = ["performance"],
                Files = ["src/Feed/FeedRepository.cs"],
            });
        }
    }

    private Task<BotUnderTest> StartReplicaAsync(LeaseProbe probe) => StartBotAsync(s =>
    {
        s.Config["Queue:MaxInFlight"] = "4";
        s.Config["Queue:PollInterval"] = "00:00:00.200";
        s.ConfigureServices = services => services.AddSingleton<IWorkStore>(sp => probe.Watch(sp.GetRequiredService<PostgresWorkStore>()));
    });

    [SkippableFact]
    public async Task TwoReplicas_ShareAThousandDeliveriesEachEvaluatedExactlyOnceAndNoPrTwiceAtATime()
    {
        const int pullRequests = 100;
        const int deliveries = 1000;
        AddPullRequests(GitHub, pullRequests);
        // GitHub's latency keeps reads in flight long enough for an overlapping evaluation to be seen.
        GitHub.Latency = TimeSpan.FromMilliseconds(5);
        var probe = new LeaseProbe();
        var replicas = new[] { await StartReplicaAsync(probe), await StartReplicaAsync(probe) };

        var sent = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, deliveries), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var number = i % pullRequests + 1;
            var id = $"delivery-{i:D4}";
            var response = await replicas[i % 2].SendAsync("pull_request", Payloads.PullRequest(i % 3 == 0 ? "reopened" : "synchronize", Sha(number), number), id);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                sent.Add(id);
            }
            else
            {
                failures.Add($"{id}: {(int)response.StatusCode}");
            }
        });
        Assert.Empty(failures);
        await WaitForAllIdleAsync(replicas[0], TimeSpan.FromMinutes(4));

        // Every delivery was covered by exactly one evaluation.
        var evaluated = new List<string>();
        for (var n = 1; n <= pullRequests; n++)
        {
            evaluated.AddRange((await replicas[0].Store.EvaluationsAsync(Repo, n, 1000, CancellationToken.None)).SelectMany(e => e.DeliveryIds));
        }
        Assert.Equal(deliveries, evaluated.Count);
        Assert.Equal(sent.Order(StringComparer.Ordinal), evaluated.Order(StringComparer.Ordinal));
        Assert.Equal(deliveries, await Postgres.CountAsync("SELECT COUNT(*) FROM deliveries WHERE state = 'done'"));
        // Never two runs of one PR at once, seen from the queue and from GitHub.
        Assert.Empty(probe.Overlaps);
        Assert.Equal(0, GitHub.OverlappingReads);
        // Both replicas worked; each PR's state never changed, so one check and one comment each.
        Assert.Equal(2, probe.RunsByOwner.Count);
        Assert.All(probe.RunsByOwner.Values, runs => Assert.True(runs > 0));
        Assert.Equal(pullRequests, GitHub.CheckRuns.Count);
        Assert.Equal(pullRequests, GitHub.CheckRuns.Select(c => c.HeadSha).Distinct().Count());
        Assert.Equal(pullRequests, GitHub.Comments.Count);
    }

    [SkippableFact]
    public async Task ADeliveryRedeliveredToTheOtherReplica_IsStoredAndEvaluatedOnce()
    {
        AddPullRequests(GitHub, 1);
        var probe = new LeaseProbe();
        var replicas = new[] { await StartReplicaAsync(probe), await StartReplicaAsync(probe) };
        var body = Payloads.PullRequest("synchronize", Sha(1), 1);

        var first = await replicas[0].SendAsync("pull_request", body, "the-delivery");
        var again = await replicas[1].SendAsync("pull_request", body, "the-delivery");
        await WaitForAllIdleAsync(replicas[0], TimeSpan.FromSeconds(60));

        Assert.Equal("accepted", first.Headers.GetValues("X-PrReviewBot-Delivery").Single());
        Assert.Equal("duplicate", again.Headers.GetValues("X-PrReviewBot-Delivery").Single());
        Assert.Single(await replicas[0].Store.EvaluationsAsync(Repo, 1, 10, CancellationToken.None));
        Assert.Single(GitHub.CheckRuns);
    }

    private async Task WaitForAllIdleAsync(BotUnderTest any, TimeSpan timeout)
    {
        // One database: any replica's view of the queue is everyone's.
        await any.WaitForIdleAsync(timeout);
    }
}
