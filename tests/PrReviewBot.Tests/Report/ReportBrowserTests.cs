using Microsoft.Playwright;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Report;

/// <summary>The report page and the setup page as a person sees them on a phone, in real (headless) Chromium.</summary>
[Collection(BrowserCollection.Name)]
public class ReportBrowserTests(Chromium chromium) : EndToEndTest
{
    private const string Bundled = Descriptions.Incomplete + """


        While at it, this also adds an in-process LRU cache in front of the feed and singleflight so concurrent misses collapse into one query.
        """;

    [Fact]
    public async Task ReportOnAPhone_ShowsItemsStatusesAFindingAndTheHistory()
    {
        AddOptimizationPr(Bundled);
        var bot = await StartBotAsync(s => s.Config["Server:PublicUrl"] = ReportPageTests.PublicUrl);
        var path = await ReportPageTests.ReviewAndGetReportPathAsync(bot, GitHub);
        var violations = new List<string>();
        var page = await chromium.Context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(new Uri(bot.Address, path).AbsoluteUri);

        Assert.Equal(200, response!.Status);
        var heading = await page.Locator("h1").InnerTextAsync();
        Assert.Contains("failing", heading);
        Assert.Contains("Missing", await page.Locator("#item-rollback").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Rollback", await page.Locator("#item-rollback h3").InnerTextAsync());
        Assert.Contains("present", await page.Locator("#item-constraint h3").InnerTextAsync());
        Assert.Contains("Profile evidence", await page.Locator("#item-profile h3").InnerTextAsync());
        Assert.Contains("present", await page.Locator("#item-beforeAfter h3").InnerTextAsync());
        Assert.Contains("missing", await page.Locator("#item-monitoring h3").InnerTextAsync());
        var findings = await page.Locator("#findings").InnerTextAsync();
        Assert.Contains("bundles", findings);
        var history = await page.Locator("#history").InnerTextAsync();
        Assert.Contains("ec26c3e", history);
        Assert.Contains("failure", history);
        // The inline stylesheet applied (its CSP hash matched) and nothing was blocked.
        Assert.Equal("16px", await page.EvalOnSelectorAsync<string>(".badge", "e => getComputedStyle(e).borderTopLeftRadius"));
        Assert.Empty(violations);
        // Readable on a phone: nothing wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the report scrolls sideways on a 390 px screen");
        var screenshot = Path.Combine(Chromium.ScreenshotDirectory, "report-phone.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        await page.CloseAsync();
    }

    [Fact]
    public async Task UnsignedReportLink_ShowsNotFound()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Config["Server:PublicUrl"] = ReportPageTests.PublicUrl);
        var path = await ReportPageTests.ReviewAndGetReportPathAsync(bot, GitHub);
        var page = await chromium.Context.NewPageAsync();

        var response = await page.GotoAsync(new Uri(bot.Address, path[..path.IndexOf('?', StringComparison.Ordinal)]).AbsoluteUri);

        Assert.Equal(404, response!.Status);
        Assert.Equal("Not found", await page.Locator("h1").InnerTextAsync());
        Assert.DoesNotContain("Hello-World", await page.ContentAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task SetupInTheBrowser_OneClickRegistersTheApp_AndOffersTheInstallLink()
    {
        var bot = await StartBotAsync(s => s.Auth = BotAuth.Setup);
        var page = await chromium.Context.NewPageAsync();

        await page.GotoAsync(bot.Address.AbsoluteUri);
        Assert.Equal("Set up PrReviewBot", await page.Locator("h1").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, "setup-phone.png"), FullPage = true });
        await page.Locator("#organization").FillAsync("octo-org");
        await page.Locator("#register").ClickAsync();
        Assert.Contains("the organization octo-org", await page.Locator("form").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#continue").ClickAsync();
        // The form posts to GitHub, which redirects back: wait for the callback URL to commit and its heading to show,
        // not for the page's load event (on a busy machine that event can come and go between redirects).
        await page.WaitForURLAsync(url => url.Contains("/setup/callback", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("h1", new PageLocatorOptions { HasText = "GitHub App registered" }).WaitForAsync();

        Assert.Equal("GitHub App registered", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(GitHub.RegisteredApp!.Value.HtmlUrl + "/installations/new", await page.Locator("#install").GetAttributeAsync("href"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, "setup-done-phone.png"), FullPage = true });
        Assert.True(File.Exists(bot.Settings.CredentialsPath));
        await page.CloseAsync();
    }
}

/// <summary>Browser tests share one Chromium and run one at a time (two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Chromium";
}
