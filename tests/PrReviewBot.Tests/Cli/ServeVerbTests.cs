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
}
