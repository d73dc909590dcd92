using System.Net;
using System.Text.RegularExpressions;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Setup;

/// <summary>The status page (<c>GET /</c> once configured) tells an operator what is going on.</summary>
public class StatusPageTests : EndToEndTest
{
    [Fact]
    public async Task DeliveryRows_NameThePr_AndLinkItsReport()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Config["Server:PublicUrl"] = "https://perf-bot.example.com");
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var html = await bot.Http.GetStringAsync("/");

        var link = Regex.Match(html, "<a href=\"(?<href>[^\"]+)\">PR #2</a>");
        Assert.True(link.Success, html);
        var href = WebUtility.HtmlDecode(link.Groups["href"].Value);
        Assert.StartsWith($"https://perf-bot.example.com/report/{Repo}/{Pr}?", href, StringComparison.Ordinal);
        // The link is one the bot honours: its signature opens the report.
        var report = await bot.Http.GetAsync(new Uri(href).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.DoesNotContain("github-unreachable", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAPublicAddress_RowsStillNameThePr()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var html = await bot.Http.GetStringAsync("/");

        Assert.Contains("<td>PR #2</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHubUnreachable_IsSaidOnThePage_NotJustPending()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Fail("POST", "/graphql", 503, times: 1000);
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await BotUnderTest.Eventually(() => bot.Traffic.FailingInARow > 0, "a failed call to GitHub");
        var html = await bot.Http.GetStringAsync("/");

        Assert.Contains("id=\"github-unreachable\"", html, StringComparison.Ordinal);
        Assert.Contains("GitHub is not answering", html, StringComparison.Ordinal);
        Assert.Contains("POST graphql: HTTP 503", html, StringComparison.Ordinal);
        Assert.Contains("pending", html, StringComparison.Ordinal);
    }
}
