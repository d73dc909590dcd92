using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Storage;
using Serilog.Core;

namespace PrReviewBot.Tests.Support;

public enum BotAuth
{
    App,
    Token,
    None,

    /// <summary>Nothing about GitHub configured at all (no secret either): a fresh install, ready for one-click setup.</summary>
    Setup,
}

/// <summary>How a test wants the bot: mode, database file, extra configuration, a clock.</summary>
public sealed class BotSettings
{
    public BotAuth Auth { get; set; } = BotAuth.App;
    public string Secret { get; set; } = "It's a Secret to Everybody " + Guid.NewGuid().ToString("N");
    public string DatabasePath { get; set; } = Path.Combine(Path.GetTempPath(), $"prreviewbot-test-{Guid.NewGuid():N}.db");

    /// <summary>
    /// Where one-click setup stores the App: two folders that do not exist yet (the bot creates them), one of them
    /// a dot-folder, as operators put state in <c>/var/lib/.something</c>.
    /// </summary>
    public string CredentialsPath { get; set; } = Path.Combine(Path.GetTempPath(), $"prreviewbot-test-{Guid.NewGuid():N}", ".bot", "github-app.json");
    public Dictionary<string, string?> Config { get; } = [];
    public TimeProvider? Time { get; set; }

    /// <summary>Set: the bot runs on this PostgreSQL connection string instead of <see cref="DatabasePath"/>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Services registered before the bot's own (which are only added when absent).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; set; }
    public string PersonalToken { get; set; } = "ghp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
}

/// <summary>
/// The real host (BotHost.Build) on Kestrel at http://127.0.0.1:0, wired to a <see cref="FakeGitHub"/>, with a
/// temporary SQLite file. Sends signed deliveries over real HTTP and waits for the queue to drain.
/// </summary>
public sealed class BotUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BotUnderTest(WebApplication app, BotSettings settings, LogCapture logs)
    {
        _app = app;
        Settings = settings;
        Logs = logs;
        var address = app.Urls.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public BotSettings Settings { get; }

    public LogCapture Logs { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public IWorkStore Store => _app.Services.GetRequiredService<IWorkStore>();

    public GitHubTraffic Traffic => _app.Services.GetRequiredService<GitHubTraffic>();

    /// <summary>A PEM App key generated per test run (App mode), so no real key is ever needed.</summary>
    public static RSA TestKey { get; } = RSA.Create(2048);

    public static string TestKeyPem { get; } = TestKey.ExportPkcs8PrivateKeyPem();

    public static async Task<BotUnderTest> StartAsync(FakeGitHub gitHub, Action<BotSettings>? adjust = null, BotSettings? reuse = null)
    {
        var settings = reuse ?? new BotSettings();
        if (reuse is null)
        {
            adjust?.Invoke(settings);
        }
        var config = new Dictionary<string, string?>
        {
            ["GitHub:ApiBaseUrl"] = gitHub.Url,
            ["GitHub:AppId"] = "",
            ["GitHub:PrivateKey"] = "",
            ["GitHub:PrivateKeyPath"] = "",
            ["GitHub:Token"] = "",
            ["GitHub:WebhookSecret"] = settings.Secret,
            ["GitHub:Retry:BaseDelay"] = "00:00:00.050",
            ["Storage:Provider"] = settings.PostgresConnectionString is null ? "sqlite" : "postgres",
            ["Storage:ConnectionString"] = settings.PostgresConnectionString ?? settings.DatabasePath,
            ["Redelivery:Enabled"] = "false",
            ["Server:PublicUrl"] = "",
            ["Setup:CredentialsPath"] = settings.CredentialsPath,
            ["Logging:Console"] = "off",
        };
        switch (settings.Auth)
        {
            case BotAuth.App:
                config["GitHub:AppId"] = gitHub.AppId;
                config["GitHub:PrivateKey"] = TestKeyPem;
                gitHub.AppPublicKey ??= RSA.Create(TestKey.ExportParameters(false));
                break;
            case BotAuth.Token:
                config["GitHub:Token"] = settings.PersonalToken;
                gitHub.PersonalToken = settings.PersonalToken;
                break;
            case BotAuth.Setup:
                // Unset, not empty: what setup stores must be able to fill them in.
                foreach (var key in new[] { "GitHub:AppId", "GitHub:PrivateKey", "GitHub:PrivateKeyPath", "GitHub:Token", "GitHub:WebhookSecret", "Server:PublicUrl" })
                {
                    config.Remove(key);
                }
                break;
        }
        foreach (var (key, value) in settings.Config)
        {
            config[key] = value;
        }
        var logs = new LogCapture();
        var app = BotHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton<ILogEventSink>(logs);
            settings.ConfigureServices?.Invoke(builder.Services);
            if (settings.Time is { } time)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync();
        return new BotUnderTest(app, settings, logs);
    }

    /// <summary>Starts a second host on the same database and settings (a restart).</summary>
    public static Task<BotUnderTest> RestartAsync(FakeGitHub gitHub, BotSettings settings) => StartAsync(gitHub, reuse: settings);

    public Task<HttpResponseMessage> SendAsync(string eventName, string body, string? deliveryId = null) =>
        SendRawAsync(eventName, body, deliveryId ?? Guid.NewGuid().ToString(), Payloads.Signature(body, Settings.Secret));

    /// <summary>The host's own address (http://127.0.0.1:port).</summary>
    public Uri Address => Http.BaseAddress!;

    public async Task<HttpResponseMessage> SendRawAsync(string eventName, string body, string deliveryId, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BotHost.WebhookPath)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add("X-GitHub-Hook-ID", "292430182");
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }
        return await Http.SendAsync(request);
    }

    /// <summary>Waits until no job and no pending delivery is left (polling the store; never a fixed sleep).</summary>
    public async Task WaitForIdleAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        QueueSnapshot snapshot;
        do
        {
            snapshot = await Store.QueueSnapshotAsync(CancellationToken.None);
            if (snapshot.IsIdle)
            {
                return;
            }
            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"The queue did not drain: {snapshot}. Log:\n{Logs.Rendered()}");
    }

    /// <summary>
    /// Steps fake time a second at a time until <paramref name="done"/> holds. The queue worker may arm its poll timer
    /// just after a test advanced the clock, and a fake timer only fires on a later advance.
    /// </summary>
    public static async Task StepUntilAsync(FakeTimeProvider clock, Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what} (fake time {clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture)})");
            }
            await Task.Delay(10);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Polls <paramref name="condition"/> until true, with a generous timeout.</summary>
    public static async Task Eventually(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }
            await Task.Delay(20);
        }
    }

    public async Task StopAsync()
    {
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await _app.StopAsync();
        }
        catch (ObjectDisposedException)
        {
        }
        await _app.DisposeAsync();
    }
}
