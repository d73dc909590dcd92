using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PrReviewBot.Service;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Service;

/// <summary>
/// <c>Webhooks:MaxConcurrent</c>: at most that many deliveries are read and stored at once; the rest wait their turn
/// (nothing refused, nothing lost), and 0 lets every one in at once as before.
/// </summary>
public class WebhookConcurrencyTests : EndToEndTest
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(0, 3)]
    public async Task DeliveriesBeyondTheLimit_WaitTheirTurn(int limit, int expectedAtOnce)
    {
        var inside = 0;
        var most = 0;
        var entered = new SemaphoreSlim(0);
        var release = new SemaphoreSlim(0);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration[WebhookConcurrency.Key] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var app = builder.Build();
        app.UseWebhookConcurrency();
        app.MapPost(BotHost.WebhookPath, async () =>
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            entered.Release();
            await release.WaitAsync();
            Interlocked.Decrement(ref inside);
            return Results.Ok();
        });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var sent = Enumerable.Range(0, 3).Select(_ => http.PostAsync(BotHost.WebhookPath, new StringContent("{}"))).ToList();
        for (var i = 0; i < expectedAtOnce; i++)
        {
            await entered.WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(expectedAtOnce, Volatile.Read(ref inside));
        release.Release(3);
        var answers = await Task.WhenAll(sent);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(expectedAtOnce, most);
        await app.StopAsync();
    }

    [Fact]
    public async Task WithAConcurrencyOfOne_EveryDeliveryOfABurstIsAcceptedAndChecked()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        for (var n = 3; n <= 12; n++)
        {
            GitHub.AddPullRequest(new FakePullRequest { Repository = Repo, Number = n, Title = Descriptions.Title, Body = Descriptions.Incomplete, HeadSha = $"{n:x40}", Labels = ["performance"] });
        }
        var bot = await StartBotAsync(s => s.Config[WebhookConcurrency.Key] = "1");

        var answers = await Task.WhenAll(Enumerable.Range(3, 10).Select(n => bot.SendAsync("pull_request", Payloads.PullRequest("opened", $"{n:x40}", n))));
        await bot.WaitForIdleAsync();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(Enumerable.Range(3, 10), GitHub.CheckRuns.Select(c => c.HeadSha).Distinct().Select(s => Convert.ToInt32(s, 16)).Order());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
