using PrReviewBot.Cli;

namespace PrReviewBot.Tests.Cli;

/// <summary><c>prreviewbot serve</c> refuses configurations that cannot work, in one line that names the key.</summary>
public class ServeVerbTests
{
    private static async Task<(int Exit, string Error)> Serve(params string[] args)
    {
        using var error = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exit = await ServeVerb.RunAsync([.. args, "--urls", "http://127.0.0.1:0", "--Logging:Console", "off"], error, cts.Token);
        return (exit, error.ToString());
    }

    [Fact]
    public async Task AppWithoutWebhookSecret_FailsWithOneLineNamingTheKey()
    {
        var (exit, error) = await Serve("--GitHub:AppId", "123", "--GitHub:PrivateKey", Support.BotUnderTest.TestKeyPem.Replace("\n", "\\n", StringComparison.Ordinal));

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("GitHub:WebhookSecret", error);
    }

    [Fact]
    public async Task TokenWithoutWebhookSecret_FailsNamingTheKey()
    {
        var (exit, error) = await Serve("--GitHub:Token", "ghp_example");

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("GitHub:WebhookSecret", error);
        Assert.DoesNotContain("ghp_example", error);
    }

    [Fact]
    public async Task AppWithoutPrivateKey_FailsNamingBothKeyOptions()
    {
        var (exit, error) = await Serve("--GitHub:AppId", "123", "--GitHub:WebhookSecret", "s3cret");

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("GitHub:PrivateKeyPath", error);
        Assert.DoesNotContain("s3cret", error);
    }

    [Fact]
    public async Task PrivateKeyThatIsNotAKey_FailsWithoutEchoingIt()
    {
        var (exit, error) = await Serve("--GitHub:AppId", "123", "--GitHub:WebhookSecret", "s3cret", "--GitHub:PrivateKey", "not-a-key-material-xyz");

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("GitHub:PrivateKey", error);
        Assert.DoesNotContain("not-a-key-material-xyz", error);
    }

    [Fact]
    public async Task BothAppAndToken_FailsClearly()
    {
        var (exit, error) = await Serve("--GitHub:AppId", "123", "--GitHub:Token", "t", "--GitHub:WebhookSecret", "s");

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("not both", error);
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("postgres")]
    public async Task UnsupportedStorageProvider_FailsNamingTheKey(string provider)
    {
        var (exit, error) = await Serve("--GitHub:Token", "t", "--GitHub:WebhookSecret", "s", "--Storage:Provider", provider);

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("Storage:Provider", error);
        Assert.Contains(provider, error);
    }

    [Fact]
    public async Task ServeIsAVerbOfTheCommandLine()
    {
        var root = CliApp.BuildRoot();

        Assert.Contains(root.Subcommands, c => c.Name == "serve");
        Assert.Equal(CliApp.ExitUsage, await CliApp.RunAsync(["serve", "--GitHub:Token", "t", "--urls", "http://127.0.0.1:0", "--Logging:Console", "off"]));
    }

    [Fact]
    public async Task EnvironmentStyleKeys_OnTheCommandLine_AreHonoured()
    {
        // Had --GitHub__AppId been ignored, the bot would have started in setup mode instead of asking for the key.
        var (exit, error) = await Serve("--GitHub__AppId", "123", "--GitHub__WebhookSecret=s3cret");

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("GitHub:PrivateKeyPath", error);
    }

    [Fact]
    public void EnvironmentStyleKeys_BecomeSectionKeys_ValuesUntouched()
    {
        Assert.Equal(
            ["--GitHub:AppId", "123", "--Storage:ConnectionString=/data/a__b.db", "/Server:PublicUrl", "https://x/a__b"],
            ServeVerb.ConfigurationArgs(["--GitHub__AppId", "123", "--Storage__ConnectionString=/data/a__b.db", "/Server__PublicUrl", "https://x/a__b"]));
    }

    [Fact]
    public async Task PortInUse_IsOneErrorLineAndExitTwo()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        using var folder = new CliRun();
        using var error = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var exit = await ServeVerb.RunAsync(
            ["--urls", $"http://127.0.0.1:{port}", "--Logging:Console", "off",
             "--Storage:ConnectionString", Path.Combine(folder.Folder, "bot.db"), "--Setup:CredentialsPath", Path.Combine(folder.Folder, "app.json")],
            error, cts.Token);

        Assert.Equal(CliApp.ExitUsage, exit);
        var line = Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.Contains($"127.0.0.1:{port}", line);
        Assert.Contains("already in use", line);
        Assert.Contains("--urls", line);
    }

    [Fact]
    public async Task PortInUse_AsARealProcess_LogsNoWorkerFailureAndNoFatalLine()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        using var folder = new CliRun();

        var run = await Deploy.ShippedProcess.RunAsync(Deploy.ShippedProcess.Dotnet,
            [Path.Combine(AppContext.BaseDirectory, "prreviewbot.dll"), "serve", "--urls", $"http://127.0.0.1:{port}",
             "--GitHub__Token", "t", "--GitHub__WebhookSecret", "s", "--Logging:Console", "text",
             "--Storage:ConnectionString", Path.Combine(folder.Folder, "bot.db")],
            folder.Folder, timeout: TimeSpan.FromMinutes(1));

        Assert.Equal(CliApp.ExitUsage, run.ExitCode);
        Assert.Contains("already in use", Assert.Single(run.Error.TrimEnd().Split('\n')));
        Assert.DoesNotContain("BackgroundService", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("FTL", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetupMode_PrintsTheAddressToOpen()
    {
        using var folder = new CliRun();
        var error = new SignallingWriter("to register one");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var serving = ServeVerb.RunAsync(
            ["--urls", "http://127.0.0.1:0", "--Logging:Console", "off", "--Server:PublicUrl", "https://perf-bot.example.com",
             "--Storage:ConnectionString", Path.Combine(folder.Folder, "bot.db"), "--Setup:CredentialsPath", Path.Combine(folder.Folder, "app.json")],
            error, cts.Token);
        var printed = await error.Seen.Task.WaitAsync(cts.Token);
        await cts.CancelAsync();

        Assert.Equal(CliApp.ExitPass, await serving);
        Assert.Matches(@"open http://127\.0\.0\.1:\d+/ \(or https://perf-bot\.example\.com/\) in a browser to register one", printed);
    }

    [Theory]
    [InlineData("http://[::]:8080", "http://localhost:8080/")]
    [InlineData("http://0.0.0.0:9000", "http://localhost:9000/")]
    [InlineData("http://+:80", "http://localhost/")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    public void ListeningAddress_BecomesOneABrowserOpens(string listening, string expected) =>
        Assert.Equal(expected, ServeVerb.BrowsableAddress(listening));

    /// <summary>Collects what is written and completes <see cref="Seen"/> with the first line that contains a phrase.</summary>
    private sealed class SignallingWriter(string phrase) : StringWriter
    {
        public TaskCompletionSource<string> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            lock (this)
            {
                base.WriteLine(value);
            }
            if (value is not null && value.Contains(phrase, StringComparison.Ordinal))
            {
                Seen.TrySetResult(value);
            }
        }
    }
}
