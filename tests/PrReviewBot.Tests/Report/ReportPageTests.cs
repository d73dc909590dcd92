using System.Net;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Report;

/// <summary>The check's details link, opened over HTTP: what it shows, what it refuses, and when it asks for a fresh review.</summary>
public class ReportPageTests : EndToEndTest
{
    public const string PublicUrl = "https://perf-bot.example.com";

    /// <summary>Reviews the PR once and returns the details link GitHub received, pointed at the test host.</summary>
    internal static async Task<string> ReviewAndGetReportPathAsync(BotUnderTest bot, FakeGitHub gitHub)
    {
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        var details = gitHub.CheckRuns[^1].DetailsUrl!;
        Assert.StartsWith(PublicUrl + "/report/", details);
        return details[PublicUrl.Length..];
    }

    private async Task<BotUnderTest> StartAsync(Action<BotSettings>? more = null) => await StartBotAsync(s =>
    {
        s.Config["Server:PublicUrl"] = PublicUrl;
        more?.Invoke(s);
    });

    [Fact]
    public async Task DetailsLink_ShowsTheItemsFindingsAndHistory()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartAsync();
        var path = await ReviewAndGetReportPathAsync(bot, GitHub);

        var response = await bot.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        Assert.Contains(PrReviewBot.Pages.HtmlPage.Text(GitHub.CheckRuns[0].Title), html);
        Assert.Contains("id=\"item-rollback\"", html);
        Assert.Contains("Rollback <span class=\"badge fail\">missing</span>", html);
        Assert.Contains("Constraint <span class=\"badge pass\">present</span>", html);
        Assert.Contains("id=\"findings\"", html);
        Assert.Contains("id=\"history\"", html);
        Assert.Contains("ec26c3e", html);
        Assert.DoesNotContain("id=\"reevaluation\"", html);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotMatch("<script|https?://[^\"]*\\.(css|js)\"", html);
    }

    [Fact]
    public async Task MissingItem_ItsMultiLineExample_KeepsItsLines()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartAsync();
        var path = await ReviewAndGetReportPathAsync(bot, GitHub);

        var html = await bot.Http.GetStringAsync(path);

        var rollback = System.Text.RegularExpressions.Regex.Match(html, "id=\"item-rollback\".*?</section>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        var example = PrReviewBot.Core.Rendering.ItemGuidance.For(PrReviewBot.Core.Model.ItemKind.Rollback).Example.Trim();
        Assert.Contains('\n', example);
        // Line for line, in a block that keeps line breaks: not squashed into one line with a literal "##".
        Assert.Contains($"<pre class=\"example\"><code>{PrReviewBot.Pages.HtmlPage.Text(example)}</code></pre>", rollback);
    }

    [Fact]
    public async Task LinkWithoutOrWithAForgedSignature_Is404_RevealingNothing()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartAsync();
        var path = await ReviewAndGetReportPathAsync(bot, GitHub);
        var unsigned = path[..path.IndexOf('?', StringComparison.Ordinal)];
        var signature = path[(path.IndexOf("sig=", StringComparison.Ordinal) + 4)..];
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        var responses = new List<(string Path, HttpResponseMessage Response)>();
        foreach (var p in new[]
        {
            unsigned,
            unsigned + "?sig=",
            unsigned + "?sig=" + flipped,
            unsigned + "?sig=not*base64",
            "/report/Codertocat/Hello-World/3?sig=" + signature, // another PR, this PR's signature
            "/report/Codertocat/Other/2?sig=" + signature,
            "/report/Codertocat/Hello-World/2/extra?sig=" + signature,
        })
        {
            responses.Add((p, await bot.Http.GetAsync(p)));
        }
        var bodies = new HashSet<string>();
        foreach (var (p, response) in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{p} answered {response.StatusCode}");
            bodies.Add(await response.Content.ReadAsStringAsync());
        }
        var body = Assert.Single(bodies);
        Assert.DoesNotContain("Hello-World", body);
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task ValidSignatureForAPrTheBotNeverReviewed_IsTheSame404()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartAsync();
        var signer = (PrReviewBot.Report.ReportSigner)bot.Services.GetService(typeof(PrReviewBot.Report.ReportSigner))!;
        var unsignedNotFound = await (await bot.Http.GetAsync("/report/Codertocat/Hello-World/77")).Content.ReadAsStringAsync();

        var response = await bot.Http.GetAsync($"/report/Codertocat/Hello-World/77?sig={signer.Sign(Repo, 77)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(unsignedNotFound, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HostileDescription_IsShownAsText()
    {
        AddOptimizationPr(Descriptions.Incomplete.Replace("62% of CPU time", "<script>alert('x')</script><img src=x onerror=alert(1)> 62% of CPU time"));
        GitHub.Update(Repo, Pr, pr => pr.Body += "\n\n## Rollback\nFlag `<b>evil</b>` — set it off.");
        var bot = await StartAsync();
        var path = await ReviewAndGetReportPathAsync(bot, GitHub);

        var html = await bot.Http.GetStringAsync(path);

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>evil</b>", html);
    }

    [Fact]
    public async Task StaleVerdict_ViewingTheReportQueuesAFreshReview_WithoutCallingGitHubInline()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartAsync(s => s.Config["Report:StaleAfter"] = "00:00:00");
        var path = await ReviewAndGetReportPathAsync(bot, GitHub);
        var reads = GitHub.GraphQL("PullRequestReview").Count;
        GitHub.Update(Repo, Pr, pr => pr.Body = Descriptions.Complete);
        GitHub.HoldGraphQL();

        var html = await bot.Http.GetStringAsync(path);

        // The page answered while GitHub was held: it did not wait for GitHub.
        Assert.Contains("id=\"reevaluation\"", html);
        GitHub.ReleaseGraphQL();
        await BotUnderTest.Eventually(() => GitHub.CheckRuns.Count == 2, "a second check after the report was viewed");
        await bot.WaitForIdleAsync();
        Assert.Equal(reads + 1, GitHub.GraphQL("PullRequestReview").Count);
        Assert.Equal("success", GitHub.CheckRuns[1].Conclusion);
        var history = await bot.Store.EvaluationsAsync(Repo, Pr, 10, CancellationToken.None);
        Assert.Equal(2, history.Count);
        Assert.Contains("<span class=\"badge pass\" id=\"conclusion\">passing</span>", await bot.Http.GetStringAsync(path));
    }

    [Fact]
    public async Task FreshVerdict_ViewingTheReportQueuesNothing()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartAsync();
        var path = await ReviewAndGetReportPathAsync(bot, GitHub);

        await bot.Http.GetStringAsync(path);

        Assert.True((await bot.Store.QueueSnapshotAsync(CancellationToken.None)).IsIdle);
    }

    [Fact]
    public async Task CheckThatFailedToPost_IsPostedAgainWhenTheReportIsViewed()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartAsync(s => s.Config["Queue:MaxJobAttempts"] = "1");
        GitHub.Fail("POST", $"/repos/{Repo}/check-runs", 422, """{"message":"Validation Failed"}""");
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        Assert.Empty(GitHub.CheckRuns);
        var signer = (PrReviewBot.Report.ReportSigner)bot.Services.GetService(typeof(PrReviewBot.Report.ReportSigner))!;

        var html = await bot.Http.GetStringAsync($"/report/Codertocat/Hello-World/2?sig={signer.Sign(Repo, Pr)}");

        Assert.Contains("id=\"reevaluation\"", html);
        await BotUnderTest.Eventually(() => GitHub.CheckRuns.Count == 1, "the check posted after the report was viewed");
        Assert.Equal("failure", GitHub.CheckRuns[0].Conclusion);
    }

    [Fact]
    public async Task OverridesOnRecord_AreListed_Escaped()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var history = new RecordedOverrides([new("override", "octocat", "hotfix <b>now</b> @everyone", at), new("revoke", "hubot", null, at.AddHours(1))]);
        var bot = await StartAsync(s => s.ConfigureServices = services =>
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<PrReviewBot.Report.IOverrideHistory>(services, history));
        var path = await ReviewAndGetReportPathAsync(bot, GitHub);

        var html = await bot.Http.GetStringAsync(path);

        Assert.Contains("id=\"overrides\"", html);
        Assert.Contains("<strong>override</strong> by @octocat", html);
        Assert.Contains("hotfix &lt;b&gt;now&lt;/b&gt; @everyone", html);
        Assert.Contains("<strong>revoke</strong> by @hubot", html);
        Assert.Equal((Repo, Pr), history.AskedFor);
    }

    private sealed class RecordedOverrides(IReadOnlyList<PrReviewBot.Report.OverrideEntry> entries) : PrReviewBot.Report.IOverrideHistory
    {
        public (string, int)? AskedFor { get; private set; }

        public Task<IReadOnlyList<PrReviewBot.Report.OverrideEntry>> ForPullRequestAsync(string repository, int number, CancellationToken ct)
        {
            AskedFor = (repository, number);
            return Task.FromResult(entries);
        }
    }
}
