using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PrReviewBot.GitHub;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.GitHub;

/// <summary>Authentication and caching of the GitHub adapter, seen from the fake GitHub.</summary>
public class GitHubAccessTests : EndToEndTest
{
    [Fact]
    public async Task RepeatedPermissionLookup_IsAConditionalRequestThatCostsNoRateLimit()
    {
        var bot = await StartBotAsync();
        var gitHub = bot.Services.GetRequiredService<IGitHub>();
        var repo = new RepositoryRef("Codertocat", "Hello-World", Payloads.Installation);

        Assert.Equal("write", await gitHub.GetPermissionAsync(repo, "someone", CancellationToken.None));
        Assert.Equal("write", await gitHub.GetPermissionAsync(repo, "someone", CancellationToken.None));

        var lookups = GitHub.RequestsTo("GET", $"/repos/{Repo}/collaborators/someone/permission");
        Assert.Equal(2, lookups.Count);
        Assert.False(lookups[0].Headers.ContainsKey("If-None-Match"));
        Assert.Equal("\"permission-v1\"", lookups[1].Headers["If-None-Match"]);
    }

    [Fact]
    public async Task InstallationToken_IsReusedThenRenewedShortlyBeforeItExpires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        GitHub.Time = clock;
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Time = clock);

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        clock.Advance(TimeSpan.FromMinutes(30));
        await bot.SendAsync("pull_request", Payloads.PullRequest("reopened"));
        await bot.WaitForIdleAsync();
        Assert.Single(GitHub.IssuedTokens);

        clock.Advance(TimeSpan.FromMinutes(26)); // 4 minutes before the hour: renew now rather than fail mid-evaluation
        await bot.SendAsync("pull_request", Payloads.PullRequest("reopened"));
        await bot.WaitForIdleAsync();

        Assert.Equal(2, GitHub.IssuedTokens.Count);
        Assert.Equal(3, GitHub.GraphQL("PullRequestReview").Count);
    }

    [Fact]
    public async Task TokenRefusedWith401_IsDroppedAndReplacedOnce()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Fail("POST", "/graphql", 401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""");
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.Equal(2, GitHub.IssuedTokens.Count);
        Assert.Equal(2, GitHub.GraphQL("PullRequestReview").Count);
        Assert.Single(GitHub.CheckRuns);
    }

    [Fact]
    public async Task WithAPublicUrl_TheCheckLinksToThePrsReportPage()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Config["Server:PublicUrl"] = "https://perf-bot.example.com/");

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var details = Assert.Single(GitHub.CheckRuns).DetailsUrl!;
        Assert.StartsWith("https://perf-bot.example.com/report/Codertocat/Hello-World/2?sig=", details);
        var signer = (PrReviewBot.Report.ReportSigner)bot.Services.GetService(typeof(PrReviewBot.Report.ReportSigner))!;
        Assert.True(signer.Verify(Repo, Pr, details[(details.IndexOf("sig=", StringComparison.Ordinal) + 4)..]));
    }

    [Fact]
    public async Task PullRequestDeletedMeanwhile_IsDroppedWithALogLine()
    {
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.Empty(GitHub.CheckRuns);
        Assert.Contains(bot.Logs.Events, e => e.MessageTemplate.Text.Contains("no longer exists", StringComparison.Ordinal));
    }
}
