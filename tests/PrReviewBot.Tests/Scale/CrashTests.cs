using System.Collections.Concurrent;
using System.Net;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Scale;

/// <summary>A replica killed with SIGKILL in the middle of a burst: the other replica finishes its work, nothing lost, nothing twice.</summary>
public class CrashTests : EndToEndTest
{
    protected override bool OnPostgres => true;

    [SkippableFact]
    public async Task ReplicaKilledMidBurst_EveryDeliveryIsCompletedByTheOtherOnceItsLeasesExpire()
    {
        const int pullRequests = 120;
        ReplicaTests.AddPullRequests(GitHub, pullRequests);
        // Slow enough that the killed replica is in the middle of evaluations (and of posting) when it dies.
        GitHub.Latency = TimeSpan.FromMilliseconds(25);
        var secret = "It's a Secret to Everybody " + Guid.NewGuid().ToString("N");
        GitHub.AppPublicKey ??= System.Security.Cryptography.RSA.Create(BotUnderTest.TestKey.ExportParameters(false));
        await using var doomed = await ServeProcess.StartAsync(new Dictionary<string, string>
        {
            ["GitHub__ApiBaseUrl"] = GitHub.Url,
            ["GitHub__AppId"] = GitHub.AppId,
            ["GitHub__PrivateKey"] = BotUnderTest.TestKeyPem,
            ["GitHub__WebhookSecret"] = secret,
            ["Storage__Provider"] = "postgres",
            ["Storage__ConnectionString"] = Postgres.ConnectionString,
            ["Queue__MaxInFlight"] = "4",
            ["Queue__LeaseDuration"] = "00:00:03",
            ["Redelivery__Enabled"] = "false",
        });
        var survivor = await StartBotAsync(s =>
        {
            s.Secret = secret;
            s.Config["Queue:MaxInFlight"] = "4";
            s.Config["Queue:LeaseDuration"] = "00:00:03";
            s.Config["Queue:PollInterval"] = "00:00:00.200";
        });

        // Every PR gets one delivery, all sent to the replica about to die.
        using var http = new HttpClient { BaseAddress = new Uri(doomed.Url), Timeout = TimeSpan.FromSeconds(30) };
        var acknowledged = new ConcurrentBag<(string Id, string Body)>();
        var refused = new ConcurrentBag<(string Id, string Body)>();
        var burst = Parallel.ForEachAsync(Enumerable.Range(1, pullRequests), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, _) =>
        {
            var id = $"delivery-{n:D4}";
            var body = Payloads.PullRequest("synchronize", ReplicaTests.Sha(n), n);
            try
            {
                using var response = await http.SendAsync(Payloads.SignedDelivery("pull_request", body, id, secret));
                (response.StatusCode == HttpStatusCode.OK ? acknowledged : refused).Add((id, body));
            }
            catch (HttpRequestException)
            {
                // Killed while this delivery was in flight: GitHub records a failure and it is redelivered.
                refused.Add((id, body));
            }
        });
        await BotUnderTest.Eventually(() => GitHub.CheckRuns.Count >= 15, "the doomed replica to post its first checks", TimeSpan.FromMinutes(2));
        doomed.Kill();
        await burst;
        var postedBeforeTheKill = GitHub.CheckRuns.Count;

        // What the dead replica never acknowledged comes again, to the survivor (as a redelivery would).
        foreach (var (id, body) in refused)
        {
            Assert.Equal(HttpStatusCode.OK, (await survivor.SendAsync("pull_request", body, id)).StatusCode);
        }
        await survivor.WaitForIdleAsync(TimeSpan.FromMinutes(3));

        Assert.True(acknowledged.Count > 0, "the doomed replica acknowledged nothing before it died");
        Assert.True(postedBeforeTheKill < pullRequests, $"the doomed replica finished everything ({postedBeforeTheKill} checks) before it was killed");
        // None lost: every delivery is done.
        Assert.Equal(pullRequests, await Postgres.CountAsync("SELECT COUNT(*) FROM deliveries WHERE state = 'done'"));
        Assert.Equal(0, await Postgres.CountAsync("SELECT COUNT(*) FROM deliveries WHERE state <> 'done'"));
        Assert.Equal(0, await Postgres.CountAsync("SELECT COUNT(*) FROM jobs"));
        // None duplicated: one check run per head SHA, one sticky comment per PR.
        var checks = GitHub.CheckRuns.GroupBy(c => c.HeadSha).ToList();
        Assert.Equal(pullRequests, checks.Count);
        Assert.All(checks, g => Assert.Single(g));
        Assert.Equal(pullRequests, GitHub.Comments.Count);
        Assert.Equal(pullRequests, GitHub.Comments.Select(c => c.Number).Distinct().Count());
    }
}
