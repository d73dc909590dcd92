using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Service;

/// <summary>
/// <c>Storage:Utf8Payloads</c> through HTTP: a delivery is stored as the UTF-8 bytes it arrived as (on, the default)
/// or as text (off, as before), and its job reads either back with non-ASCII text intact.
/// </summary>
public class StoredPayloadTests : EndToEndTest
{
    private const string Reason = "Réduire la latence: 日本語, naïve café 🚀";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Delivery_IsStoredAsItsUtf8BytesOrAsText_AsTheSwitchSays(bool utf8)
    {
        AddOptimizationPr(Descriptions.Incomplete);
        // Debounced for an hour: the delivery stays pending, body and all, while the test looks at it.
        var bot = await StartBotAsync(s =>
        {
            s.Config["Storage:Utf8Payloads"] = utf8 ? "true" : "false";
            s.Config["Queue:EditDebounce"] = "01:00:00";
        });
        // Written into the JSON text as it is, not as \u escapes: the bytes on the wire hold the non-ASCII text.
        var json = Payloads.Changed(Payloads.PullRequest("edited"), p => p["pull_request"]!["title"] = "perf: MARK").Replace("MARK", Reason, StringComparison.Ordinal);
        var id = Guid.NewGuid().ToString();

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync("pull_request", json, id)).StatusCode);

        var (text, bytes) = await StoredBodyAsync(bot, id);
        if (utf8)
        {
            Assert.Null(text);
            Assert.Equal(Encoding.UTF8.GetBytes(json), bytes);
        }
        else
        {
            Assert.Equal(json, text);
            Assert.Null(bytes);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NonAsciiOverrideReason_ReachesTheCheckIntact_EitherWay(bool utf8)
    {
        GitHub.SetPermission("octo-writer", "write");
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Config["Storage:Utf8Payloads"] = utf8 ? "true" : "false");
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, $"/perf-review override {Reason}", login: "octo-writer", onPullRequest: true));
        await bot.WaitForIdleAsync();

        var check = GitHub.CheckRuns[^1];
        Assert.Equal("success", check.Conclusion);
        Assert.Equal($"Overridden by @octo-writer: {Reason}", check.Title);
    }

    [Fact]
    public async Task StoredBytesThatAreNotJson_AreLeftOutWithTheReason_AndThePrStillGetsItsCheck()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        var damaged = Guid.NewGuid().ToString();
        var now = DateTimeOffset.UtcNow;
        var subject = WorkRequest.PullRequestSubject(Repo, Pr);
        await bot.Store.AcceptDeliveryAsync(
            new InboundDelivery(damaged, "pull_request", "opened", Payloads.Installation, Repo, subject, DeliveryState.Pending, now, "{}", null, null)
            {
                Payload = Encoding.UTF8.GetBytes("{\"action\": \"opened\", \"number\": "),
            },
            new WorkRequest(subject, JobKind.PullRequest, Repo, Payloads.Installation, Pr, null, null, now.AddSeconds(2)), CancellationToken.None);
        var opened = Guid.NewGuid().ToString();

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync("pull_request", Payloads.PullRequest("opened"), opened)).StatusCode);
        await bot.WaitForIdleAsync();

        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);
        Assert.Equal(DeliveryState.Done, (await bot.Store.GetDeliveryAsync(opened, CancellationToken.None))!.State);
        Assert.NotEqual(DeliveryState.Pending, (await bot.Store.GetDeliveryAsync(damaged, CancellationToken.None))!.State);
        var warning = Assert.Single(bot.Logs.Rendered().Split('\n'), line => line.Contains(damaged, StringComparison.Ordinal) && line.Contains("cannot be read", StringComparison.Ordinal));
        Assert.Contains("is left out; the rest of the job runs: \\\"The body is not valid JSON.\\\"", warning, StringComparison.Ordinal);
    }

    private async Task<(string? Text, byte[]? Bytes)> StoredBodyAsync(BotUnderTest bot, string deliveryId)
    {
        await using DbConnection connection = OnPostgres
            ? new NpgsqlConnection(Postgres.ConnectionString)
            : new SqliteConnection($"Data Source={bot.Settings.DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body, payload FROM deliveries WHERE delivery_id = @id";
        var p = command.CreateParameter();
        p.ParameterName = "@id";
        p.Value = deliveryId;
        command.Parameters.Add(p);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"delivery {deliveryId} was not stored");
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1));
    }
}

public sealed class StoredPayloadTestsOnPostgres : StoredPayloadTests
{
    protected override bool OnPostgres => true;
}
