namespace PrReviewBot.Tests.Support;

/// <summary>A fake GitHub holding the fixture repository, and helpers to put a PR in it.</summary>
public abstract class EndToEndTest : IAsyncLifetime
{
    private readonly List<BotUnderTest> _bots = [];
    private TestPostgres? _postgres;

    /// <summary>True in the PostgreSQL variants of a test class: every bot of the test shares one fresh schema.</summary>
    protected virtual bool OnPostgres => false;

    /// <summary>The test's PostgreSQL schema (only when <see cref="OnPostgres"/>).</summary>
    protected TestPostgres Postgres => _postgres ?? throw new InvalidOperationException("This test class does not run on PostgreSQL.");

    protected FakeGitHub GitHub { get; } = new();

    protected const string Repo = Payloads.Repository;
    protected const int Pr = Payloads.Number;

    public virtual async Task InitializeAsync()
    {
        GitHub.AddRepository(Repo, "master");
        if (OnPostgres)
        {
            _postgres = await TestPostgres.CreateAsync();
        }
    }

    protected async Task<BotUnderTest> StartBotAsync(Action<BotSettings>? adjust = null)
    {
        var bot = await BotUnderTest.StartAsync(GitHub, s =>
        {
            s.PostgresConnectionString = _postgres?.ConnectionString;
            adjust?.Invoke(s);
        });
        _bots.Add(bot);
        return bot;
    }

    protected async Task<BotUnderTest> RestartBotAsync(BotSettings settings)
    {
        var bot = await BotUnderTest.RestartAsync(GitHub, settings);
        _bots.Add(bot);
        return bot;
    }

    /// <summary>An optimization PR (label <c>performance</c>, <c>perf:</c> title) on the fixture's head SHA.</summary>
    protected FakePullRequest AddOptimizationPr(string body, string headSha = Payloads.HeadSha) => GitHub.AddPullRequest(new FakePullRequest
    {
        Repository = Repo,
        Number = Pr,
        Title = Descriptions.Title,
        Body = body,
        HeadSha = headSha,
        Labels = ["performance"],
        Files = ["src/Feed/FeedRepository.cs", "src/Feed/FeedFlags.cs", "tests/load/feed-api.js"],
    });

    public virtual async Task DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(bot.Settings.DatabasePath + suffix);
            }
            var credentials = Path.GetDirectoryName(Path.GetDirectoryName(bot.Settings.CredentialsPath))!;
            if (Directory.Exists(credentials))
            {
                Directory.Delete(credentials, recursive: true);
            }
        }
        GitHub.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
