using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Work;

/// <summary>Accepted work survives a stop or a crash and completes after the restart.</summary>
public class RestartTests : EndToEndTest
{
    [Fact]
    public async Task StoppedInTheMiddleOfAnEvaluation_CompletesAfterRestart()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var first = await StartBotAsync();
        GitHub.HoldGraphQL();
        await first.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await BotUnderTest.Eventually(() => GitHub.GraphQL("PullRequestReview").Count == 1, "the evaluation to reach GitHub");

        await first.StopAsync();
        GitHub.ReleaseGraphQL();
        Assert.Empty(GitHub.CheckRuns);
        Assert.False((await first.Store.QueueSnapshotAsync(CancellationToken.None)).IsIdle);

        var second = await RestartBotAsync(first.Settings);
        await second.WaitForIdleAsync();

        Assert.Single(GitHub.CheckRuns);
        Assert.Single(GitHub.Comments);
    }

    [Fact]
    public async Task WorkLeasedByAProcessThatDied_IsResumedAtStartup()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var settings = new BotSettings();
        // A process accepted a delivery, leased its job, then died (no graceful release).
        await using (var crashed = new SqliteWorkStore(Microsoft.Extensions.Options.Options.Create(new PrReviewBot.Service.StorageOptions
        {
            ConnectionString = settings.DatabasePath,
        }), TimeProvider.System))
        {
            await crashed.InitializeAsync(CancellationToken.None);
            var now = DateTimeOffset.UtcNow;
            var subject = WorkRequest.PullRequestSubject(Repo, Pr);
            await crashed.AcceptDeliveryAsync(
                new InboundDelivery(Guid.NewGuid().ToString(), "pull_request", "opened", Payloads.Installation, Repo, subject, DeliveryState.Pending,
                    now, "{}", Payloads.PullRequest("opened"), null),
                new WorkRequest(subject, JobKind.PullRequest, Repo, Payloads.Installation, Pr, null, "master", now),
                CancellationToken.None);
            Assert.NotNull(await crashed.LeaseNextAsync("a-process-that-died", TimeSpan.FromHours(1), LeaseFilter.Fair, CancellationToken.None));
        }

        var bot = await RestartBotAsync(settings);
        await bot.WaitForIdleAsync();

        Assert.Single(GitHub.CheckRuns);
        Assert.Single(GitHub.Comments);
    }
}
