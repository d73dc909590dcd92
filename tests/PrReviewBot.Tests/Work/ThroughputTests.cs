using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;
using PrReviewBot.Work;

namespace PrReviewBot.Tests.Work;

/// <summary>
/// Many reviews in flight, within limits: the number run at once (in all and per installation), GitHub's limits
/// shared by every job of an installation (one refusal pauses it; no retry storm), fairness between installations,
/// and the comment and the check written at the same time.
/// </summary>
public class ThroughputTests : EndToEndTest
{
    private const string SmallRepo = "small-org/app";
    private const long BigInstallation = 1;
    private const long SmallInstallation = 2;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        GitHub.AddRepository(SmallRepo, "master");
    }

    [Theory]
    [InlineData(429)]
    [InlineData(403)]
    public async Task RateLimitDuringABurst_PausesTheInstallation_NoRetryStorm_EveryPrCheckedAfterTheReset(int status)
    {
        const int prs = 30;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        GitHub.Time = clock;
        AddPullRequests(Repo, prs);
        var reset = clock.GetUtcNow().AddMinutes(2);
        GitHub.RateLimitUntil(status, reset);
        var bot = await StartBotAsync(s =>
        {
            s.Time = clock;
            s.Config["Queue:MaxInFlightPerInstallation"] = "4";
        });

        for (var n = 1; n <= prs; n++)
        {
            Assert.True((await bot.SendAsync("pull_request", PullRequestOf(Repo, BigInstallation, n))).IsSuccessStatusCode);
        }
        // Every job is either handed back until the reset or not leased at all: nothing runs while the limit holds.
        await BotUnderTest.Eventually(() => bot.Store.QueueSnapshotAsync(CancellationToken.None).Result is { Jobs: prs, LeasedJobs: 0 }
            && GitHub.RateLimitedAnswers > 0, "the burst to wait for the reset");
        var refusedDuringTheLimit = GitHub.RateLimitedAnswers;

        clock.Advance(TimeSpan.FromMinutes(2));
        await BotUnderTest.StepUntilAsync(clock, () => GitHub.CheckRuns.Select(c => c.HeadSha).Distinct().Count() == prs, "every PR to be checked after the reset");
        await BotUnderTest.StepUntilAsync(clock, () => bot.Store.QueueSnapshotAsync(CancellationToken.None).Result.IsIdle, "the queue to drain");

        // At most the jobs already in flight when the first refusal came (one per slot of the installation) hit the limit;
        // without the shared pause every PR would have been refused at least once.
        Assert.InRange(refusedDuringTheLimit, 1, 4);
        Assert.Equal(refusedDuringTheLimit, GitHub.RateLimitedAnswers);
        Assert.All(GitHub.RequestsTo("POST", $"/repos/{Repo}/check-runs"), r => Assert.True(r.At >= reset, $"check at {r.At:o}, before the reset at {reset:o}"));
        Assert.Equal(prs, GitHub.CheckRuns.Count);
    }

    [Fact]
    public async Task RateLimitDuringABurst_WithTheBudgetSwitchedOff_EveryPrRunsIntoTheLimit()
    {
        const int prs = 12;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        GitHub.Time = clock;
        AddPullRequests(Repo, prs);
        GitHub.RateLimitUntil(429, clock.GetUtcNow().AddMinutes(2));
        var bot = await StartBotAsync(s =>
        {
            s.Time = clock;
            s.Config["GitHub:RateBudget:Enabled"] = "false";
        });

        for (var n = 1; n <= prs; n++)
        {
            await bot.SendAsync("pull_request", PullRequestOf(Repo, BigInstallation, n));
        }
        await BotUnderTest.Eventually(() => bot.Store.QueueSnapshotAsync(CancellationToken.None).Result is { Jobs: prs, LeasedJobs: 0 }
            && GitHub.RateLimitedAnswers >= prs, "every job to have been refused once");

        Assert.Equal(prs, GitHub.RateLimitedAnswers);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BurstFromOneInstallation_DoesNotStarveAnothersSinglePr(bool fair)
    {
        const int burst = 20;
        AddPullRequests(Repo, burst);
        AddPullRequests(SmallRepo, 1);
        GitHub.HoldGraphQL();
        var probe = new LeaseProbe();
        var bot = await StartBotAsync(s =>
        {
            s.Config["Queue:MaxInFlight"] = "2";
            s.Config["Queue:FairByInstallation"] = fair ? "true" : "false";
            s.ConfigureServices = services => services.AddSingleton<IWorkStore>(sp => probe.Watch(sp.GetRequiredService<SqlWorkStore>()));
        });

        // The burst arrives first and fills both slots (held by GitHub); the small installation's PR comes last.
        for (var n = 1; n <= burst; n++)
        {
            await bot.SendAsync("pull_request", PullRequestOf(Repo, BigInstallation, n));
        }
        await bot.SendAsync("pull_request", PullRequestOf(SmallRepo, SmallInstallation, 1));
        await BotUnderTest.Eventually(() => GitHub.GraphQL("PullRequestReview").Count == 2, "both slots to be busy");
        GitHub.ReleaseGraphQL();
        await bot.WaitForIdleAsync();

        Assert.Equal(burst + 1, GitHub.CheckRuns.Count);
        var order = probe.Leased;
        Assert.Equal(burst + 1, order.Count);
        // Fair: next after the two that were already running. Oldest first: after the whole burst.
        Assert.Equal(fair ? 2 : burst, order.ToList().IndexOf($"{SmallRepo}#1"));
    }

    [Theory]
    [InlineData(3, 0, 3)]
    [InlineData(64, 2, 2)]
    public async Task JobsRunAtOnce_StayWithinTheLimits(int maxInFlight, int perInstallation, int expectedPeak)
    {
        const int prs = 10;
        AddPullRequests(Repo, prs);
        GitHub.HoldGraphQL();
        var bot = await StartBotAsync(s =>
        {
            s.Config["Queue:MaxInFlight"] = maxInFlight.ToString(CultureInfo.InvariantCulture);
            s.Config["Queue:MaxInFlightPerInstallation"] = perInstallation.ToString(CultureInfo.InvariantCulture);
        });

        // Every read is held, so every job leased stays in flight until all ten deliveries are in.
        for (var n = 1; n <= prs; n++)
        {
            await bot.SendAsync("pull_request", PullRequestOf(Repo, BigInstallation, n));
        }
        await BotUnderTest.Eventually(() => GitHub.GraphQL("PullRequestReview").Count == expectedPeak, "the limit to be reached");
        GitHub.ReleaseGraphQL();
        await bot.WaitForIdleAsync();

        var worker = bot.Services.GetServices<IHostedService>().OfType<QueueWorker>().Single();
        Assert.Equal(expectedPeak, GitHub.PeakConcurrentReads);
        Assert.Equal(expectedPeak, worker.PeakInFlight);
        Assert.Equal(expectedPeak, worker.PeakInFlightPerInstallation);
        Assert.Equal(prs, GitHub.CheckRuns.Count);
    }

    [Fact]
    public async Task ManyPrsWithTheDefaultLimit_AreAllInFlightTogether()
    {
        const int prs = 20;
        AddPullRequests(Repo, prs / 2);
        AddPullRequests(SmallRepo, prs / 2);
        GitHub.HoldGraphQL();
        var bot = await StartBotAsync();

        for (var n = 1; n <= prs / 2; n++)
        {
            await bot.SendAsync("pull_request", PullRequestOf(Repo, BigInstallation, n));
            await bot.SendAsync("pull_request", PullRequestOf(SmallRepo, SmallInstallation, n));
        }
        // Two installations, at most 8 each by default: 16 reviews wait for GitHub at once, not one after another.
        await BotUnderTest.Eventually(() => GitHub.GraphQL("PullRequestReview").Count == 16, "16 reviews to be in flight");
        GitHub.ReleaseGraphQL();
        await bot.WaitForIdleAsync();

        Assert.Equal(16, GitHub.PeakConcurrentReads);
        Assert.Equal(prs, GitHub.CheckRuns.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CommentAndCheck_AreWrittenAtTheSameTime(bool concurrent)
    {
        AddOptimizationPr(Descriptions.Incomplete);
        if (concurrent)
        {
            // Deterministic: each write waits for the other to arrive (a review writing in turn would wait 30 s and fail).
            GitHub.HoldWritesUntilBothArrive();
        }
        var bot = await StartBotAsync(s => s.Config["Queue:ConcurrentWrites"] = concurrent ? "true" : "false");

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.Single(GitHub.CheckRuns);
        Assert.Single(GitHub.Comments);
        var events = GitHub.WriteEvents;
        var firstAnswer = events.ToList().FindIndex(e => e.StartsWith("answered", StringComparison.Ordinal));
        var bothReceivedFirst = events.Take(firstAnswer).Order().SequenceEqual(["received check", "received comment"]);
        Assert.True(concurrent == bothReceivedFirst, string.Join(", ", events));
        if (!concurrent)
        {
            Assert.Equal(["received comment", "answered comment", "received check", "answered check"], events);
        }
    }

    [Fact]
    public async Task CheckRefusedBesideAPostedComment_TheCommentIsStillRecorded()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Fail("POST", $"/repos/{Repo}/check-runs", 422, """{"message":"Validation Failed"}""");
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        // The check failed for good while the comment was posted beside it: what was posted is known, so the next
        // evaluation edits that comment instead of looking for it.
        Assert.Empty(GitHub.CheckRuns);
        var comment = Assert.Single(GitHub.Comments);
        Assert.Equal(comment.Id, (await bot.Store.GetPullRequestAsync(Repo, Pr, CancellationToken.None))?.CommentId);
    }

    [Theory]
    [InlineData("7", true)]
    [InlineData("0", false)]
    public async Task JobsRunOnLowPriorityThreads_WhenWorkerNiceIsSet_AndEveryPrIsStillChecked(string workerNice, bool lowered)
    {
        const int prs = 6;
        AddPullRequests(Repo, prs);
        var bot = await StartBotAsync(s => s.Config["Queue:WorkerNice"] = workerNice);
        // Raised by the review's own code after its last store write: it runs where the job's code runs.
        var seen = new List<(bool Ours, int? Nice)>();
        bot.Services.GetRequiredService<PullRequestReview>().Evaluated += (_, _) =>
        {
            lock (seen)
            {
                seen.Add((LowPriorityScheduler.OnThisThread, OwnNice()));
            }
        };

        for (var n = 1; n <= prs; n++)
        {
            await bot.SendAsync("pull_request", PullRequestOf(Repo, BigInstallation, n));
        }
        await bot.WaitForIdleAsync();

        Assert.Equal(prs, GitHub.CheckRuns.Count);
        Assert.Equal(prs, seen.Count);
        var worker = bot.Services.GetServices<IHostedService>().OfType<QueueWorker>().Single();
        if (lowered)
        {
            Assert.All(seen, s => Assert.True(s.Ours, "the review ran on a thread-pool thread"));
            Assert.NotNull(worker.JobScheduler);
            if (OperatingSystem.IsLinux())
            {
                Assert.True(worker.JobScheduler!.Lowered);
                Assert.All(seen, s => Assert.Equal(7, s.Nice));
            }
        }
        else
        {
            Assert.All(seen, s => Assert.False(s.Ours));
            Assert.Null(worker.JobScheduler);
        }
    }

    [Fact]
    public async Task LowPriorityScheduler_KeepsAJobOnItsThreads_AcrossAwaits_ButTheStoreRunsOffThem()
    {
        using var scheduler = new LowPriorityScheduler(2, 5);
        await using var store = new SqliteWorkStore(Microsoft.Extensions.Options.Options.Create(new PrReviewBot.Service.StorageOptions
        {
            ConnectionString = Path.Combine(Path.GetTempPath(), $"prreviewbot-lowprio-{Guid.NewGuid():N}.db"),
        }), TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var (before, after, storeOurs) = await Task.Factory.StartNew(async () =>
        {
            var first = LowPriorityScheduler.OnThisThread;
            await Task.Delay(1);
            var second = LowPriorityScheduler.OnThisThread;
            var inStore = await store.RunForTestAsync(() => LowPriorityScheduler.OnThisThread);
            return (first, second, inStore);
        }, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap();

        Assert.True(before);
        Assert.True(after);
        Assert.False(storeOurs);
    }

    private static int? OwnNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], CultureInfo.InvariantCulture);
    }

    private void AddPullRequests(string repository, int count)
    {
        for (var n = 1; n <= count; n++)
        {
            GitHub.AddPullRequest(new FakePullRequest
            {
                Repository = repository,
                Number = n,
                Title = Descriptions.Title,
                Body = Descriptions.Incomplete,
                HeadSha = Sha(repository, n),
                Labels = ["performance"],
                Files = ["src/Feed/FeedRepository.cs", "tests/load/feed-api.js"],
            });
        }
    }

    private static string Sha(string repository, int number) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes($"{repository}#{number}")));

    /// <summary>An opened PR of <paramref name="repository"/>, delivered for <paramref name="installation"/>.</summary>
    private static string PullRequestOf(string repository, long installation, int number)
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Payloads.PullRequest("opened", Sha(repository, number), number))!;
        var (owner, name) = (repository.Split('/')[0], repository.Split('/')[1]);
        payload["installation"]!["id"] = installation;
        payload["repository"]!["full_name"] = repository;
        payload["repository"]!["name"] = name;
        payload["repository"]!["owner"]!["login"] = owner;
        return payload.ToJsonString();
    }
}
