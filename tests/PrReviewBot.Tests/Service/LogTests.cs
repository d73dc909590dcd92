using PrReviewBot.Tests.Support;
using Serilog.Events;

namespace PrReviewBot.Tests.Service;

/// <summary>Structured logs that say which delivery, repository and PR a line is about, and never a secret.</summary>
public class LogTests : EndToEndTest
{
    [Fact]
    public async Task FullRunInAppMode_LogsCarryDeliveryRepositoryAndPr_AndNoSecret()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Auth = BotAuth.App);
        var delivery = Guid.NewGuid().ToString();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"), delivery);
        await bot.WaitForIdleAsync();
        // A refused delivery and a retried call belong in the logs too.
        await bot.SendRawAsync("pull_request", Payloads.PullRequest("opened"), Guid.NewGuid().ToString(), "sha256=" + new string('0', 64));

        var reviewed = Assert.Single(bot.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Reviewed", StringComparison.Ordinal));
        Assert.Equal(delivery, Scalar(reviewed, "DeliveryId"));
        Assert.Equal(Repo, Scalar(reviewed, "Repository"));
        Assert.Equal(Pr, Scalar(reviewed, "PullRequest"));
        var accepted = Assert.Single(bot.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Delivery {DeliveryId}", StringComparison.Ordinal));
        Assert.Equal(Repo, Scalar(accepted, "Repository"));
        Assert.Equal(Pr, Scalar(accepted, "PullRequest"));

        var jwt = Assert.Single(GitHub.RequestsTo("POST", "/app/installations/1/access_tokens")).Headers["Authorization"]["Bearer ".Length..];
        var token = Assert.Single(GitHub.IssuedTokens);
        var rendered = bot.Logs.Rendered();
        Assert.NotEmpty(rendered);
        Assert.DoesNotContain(bot.Settings.Secret, rendered);
        Assert.DoesNotContain(jwt, rendered);
        Assert.DoesNotContain(jwt.Split('.')[2], rendered);
        Assert.DoesNotContain(token, rendered);
        Assert.DoesNotContain("PRIVATE KEY", rendered);
        foreach (var keyLine in BotUnderTest.TestKeyPem.Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(keyLine.Trim(), rendered);
        }
    }

    [Fact]
    public async Task TokenMode_LogsNeverContainTheToken()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Fail("POST", $"/repos/{Repo}/statuses/", 401, """{"message":"Bad credentials"}""");
        var bot = await StartBotAsync(s =>
        {
            s.Auth = BotAuth.Token;
            s.Config["Queue:RetryBaseDelay"] = "00:00:00.100";
        });

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        var rendered = bot.Logs.Rendered();
        Assert.Contains("401", rendered);
        Assert.DoesNotContain(bot.Settings.PersonalToken, rendered);
        Assert.DoesNotContain(bot.Settings.Secret, rendered);
    }

    private static object? Scalar(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue scalar ? scalar.Value : null;
}
