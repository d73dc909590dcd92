using System.Net;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Scale;

/// <summary>
/// With the default lease settings (a 30 s lease renewed every 10 s), a replica killed with SIGKILL while it holds
/// PRs loses them to another replica fast: every PR has its check within 60 s of the kill.
/// </summary>
public class LeaseFailoverTests : EndToEndTest
{
    protected override bool OnPostgres => true;

    [SkippableFact]
    public async Task ReplicaKilledWhileHoldingPrs_TheirChecksArePostedByAnotherWithinAMinute()
    {
        const int pullRequests = 40;
        ReplicaTests.AddPullRequests(GitHub, pullRequests);
        // Every read of a PR waits: the doomed replica dies holding the PRs it started on, none of them checked yet.
        GitHub.HoldGraphQL();
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
            ["Redelivery__Enabled"] = "false",
        });

        using var http = new HttpClient { BaseAddress = new Uri(doomed.Url), Timeout = TimeSpan.FromSeconds(30) };
        for (var n = 1; n <= pullRequests; n++)
        {
            using var response = await http.SendAsync(Payloads.SignedDelivery("pull_request", Payloads.PullRequest("synchronize", ReplicaTests.Sha(n), n), $"delivery-{n:D4}", secret));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await BotUnderTest.Eventually(() => GitHub.GraphQL("PullRequestReview").Count >= 4, "the doomed replica to start on four PRs", TimeSpan.FromMinutes(2));
        doomed.Kill();
        var killedAt = DateTime.UtcNow;
        var held = await Postgres.CountAsync("SELECT COUNT(*) FROM jobs WHERE lease_owner IS NOT NULL");
        var postedBeforeTheKill = GitHub.CheckRuns.Count;
        GitHub.ReleaseGraphQL();

        // Another replica, with the default lease settings too; starting it releases nothing on PostgreSQL.
        await StartBotAsync(s =>
        {
            s.Secret = secret;
            s.Config["Queue:MaxInFlight"] = "4";
        });
        var deadline = killedAt + TimeSpan.FromSeconds(60);
        while (GitHub.CheckRuns.Select(c => c.HeadSha).Distinct().Count() < pullRequests && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(held > 0, "the doomed replica held no lease when it was killed");
        Assert.Equal(0, postedBeforeTheKill);
        var missing = Enumerable.Range(1, pullRequests).Where(n => !GitHub.CheckRuns.Any(c => c.HeadSha == ReplicaTests.Sha(n))).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} PRs had no check 60 s after the kill (held: {held}): #{string.Join(", #", missing)}");
    }
}
