using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using PrReviewBot.Service;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Service;

/// <summary>
/// <c>Server:PollConfigurationFiles</c>: the appsettings files are still reloaded when they change, noticed by polling
/// them instead of by a recursive watcher on the content root (which the database's writes kept waking). Off: the
/// framework's watcher, as before.
/// </summary>
public class ConfigurationFilesTests : EndToEndTest
{
    [Fact]
    public async Task Poll_ReplacesTheReloadingJsonSource_AndAChangedFileIsStillRead()
    {
        var folder = Directory.CreateTempSubdirectory("prreviewbot-config-").FullName;
        try
        {
            var file = Path.Combine(folder, "appsettings.json");
            await File.WriteAllTextAsync(file, """{ "Queue": { "MaxInFlight": 3 } }""");
            var configuration = new ConfigurationManager();
            configuration.SetBasePath(folder);
            configuration.AddJsonFile("appsettings.json", optional: true, reloadOnChange: true);
            configuration.AddJsonFile("fixed.json", optional: true, reloadOnChange: false);
            Assert.Equal("3", configuration["Queue:MaxInFlight"]);

            Assert.Equal(1, ConfigurationFiles.Poll(configuration, environment: null));

            var sources = configuration.Sources.OfType<JsonConfigurationSource>().ToList();
            var reloading = Assert.Single(sources, s => s.ReloadOnChange);
            // (UsePollingFileWatcher reads false once the provider's watcher exists; UseActivePolling is what Poll sets.)
            Assert.True(Assert.IsType<PhysicalFileProvider>(reloading.FileProvider).UseActivePolling);
            Assert.Equal("appsettings.json", reloading.Path);
            Assert.True(reloading.Optional);
            var untouched = Assert.Single(sources, s => !s.ReloadOnChange);
            Assert.Equal("fixed.json", untouched.Path);
            Assert.Equal("3", configuration["Queue:MaxInFlight"]);

            // A change is read again (the poll runs every 4 s; the wait is for the behaviour, not a speed measurement).
            await File.WriteAllTextAsync(file, """{ "Queue": { "MaxInFlight": 5 } }""");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(1));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (configuration["Queue:MaxInFlight"] != "5" && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            Assert.Equal("5", configuration["Queue:MaxInFlight"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task Host_PollsItsAppsettingsFiles_UnlessSwitchedOff(string? setting, bool polls)
    {
        var bot = await StartBotAsync(s =>
        {
            if (setting is not null)
            {
                s.Config["Server:PollConfigurationFiles"] = setting;
            }
        });

        var root = (IConfigurationRoot)bot.Services.GetRequiredService<IConfiguration>();
        var reloading = root.Providers.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider>()
            .Select(p => p.Source).Where(s => s.ReloadOnChange).ToList();
        Assert.Contains(reloading, s => s.Path == "appsettings.json");
        Assert.All(reloading, s => Assert.Equal(polls, Assert.IsType<PhysicalFileProvider>(s.FileProvider).UseActivePolling));
        Assert.Equal(polls, bot.Services.GetRequiredService<IOptions<ServerOptions>>().Value.PollConfigurationFiles);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EitherWay_APullRequestIsReviewedAndChecked(bool poll)
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Config["Server:PollConfigurationFiles"] = poll ? "true" : "false");

        var answer = await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        Assert.True(answer.IsSuccessStatusCode);
        await bot.WaitForIdleAsync();

        Assert.Single(GitHub.CheckRuns);
        Assert.Single(GitHub.Comments);
    }
}
