using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Service;

/// <summary>
/// A property-style sweep over GitHub's example payloads of every event the bot routes: each top-level and
/// second-level key is nulled, given a value of another JSON kind, and removed, and every variant is delivered
/// signed. No variant may be answered 5xx, every accepted one must be worked off, and the bot stays healthy.
/// </summary>
public class PayloadSweepTests : EndToEndTest
{
    [Fact]
    public async Task EveryKeyNulledSwappedOrRemoved_IsNeverAnswered5xx_AndTheBotStaysHealthy()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.Install(Repo, Payloads.Installation);
        var bot = await StartBotAsync(s => s.Config["Queue:EditDebounce"] = "00:00:00");
        var variants = Fixtures().SelectMany(f => Variants(f.Event, f.Payload)).ToList();
        // Bounded: a few thousand deliveries, not a combinatorial explosion (one change per variant).
        Assert.InRange(variants.Count, 1_000, 10_000);
        Assert.Equal(["check_run", "check_suite", "installation", "issue_comment", "issues", "merge_group", "ping", "pull_request"],
            variants.Select(v => v.Event).Distinct().Order(StringComparer.Ordinal));

        var serverErrors = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(variants, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (variant, _) =>
        {
            using var response = await bot.SendAsync(variant.Event, variant.Body);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500)
            {
                serverErrors.Add($"{variant.Event} {variant.Change}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        });
        await bot.WaitForIdleAsync(TimeSpan.FromMinutes(5));

        Assert.True(serverErrors.IsEmpty, $"{serverErrors.Count} of {variants.Count} variants got a 5xx:\n{string.Join("\n", serverErrors.Take(20))}");
        // Both kinds of answer happened: the sweep reached the checks and also got past them.
        Assert.True(statuses.GetValueOrDefault(200) > 0 && statuses.GetValueOrDefault(400) > 0, string.Join(", ", statuses.Select(p => $"{p.Key}: {p.Value}")));
        var failed = (await bot.Store.RecentDeliveriesAsync(null, 20_000, CancellationToken.None)).Where(d => d.State is DeliveryState.Failed or DeliveryState.Pending).ToList();
        Assert.True(failed.Count == 0, $"accepted deliveries not worked off: {string.Join("; ", failed.Take(10).Select(d => $"{d.Event}.{d.Action} {d.State} {d.Error}"))}");

        // Still healthy: a normal delivery is reviewed.
        GitHub.Update(Repo, Pr, pr => pr.Body = Descriptions.Complete);
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync("pull_request", Payloads.PullRequest("edited"))).StatusCode);
        await bot.WaitForIdleAsync();
        Assert.Equal("success", GitHub.CheckRuns[^1].Conclusion);
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync("/healthz")).StatusCode);
    }

    /// <summary>Every example payload under Fixtures/webhooks, as App deliveries carry them (an installation; a comment holding a command).</summary>
    private static IEnumerable<(string Event, JsonObject Payload)> Fixtures()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "webhooks");
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var eventName = Path.GetFileName(Path.GetDirectoryName(file))!;
            var payload = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            if (eventName is not "ping" and not "installation" && !payload.ContainsKey("installation"))
            {
                payload["installation"] = new JsonObject { ["id"] = Payloads.Installation };
            }
            if (eventName == "issue_comment")
            {
                payload["comment"]!["body"] = "/perf-review recheck";
            }
            yield return (eventName, payload);
        }
    }

    private static IEnumerable<(string Event, string Change, string Body)> Variants(string eventName, JsonObject payload)
    {
        foreach (var (key, value) in payload.ToList())
        {
            foreach (var v in Changes(payload, [key], value))
            {
                yield return (eventName, v.Change, v.Body);
            }
            if (value is JsonObject inner)
            {
                foreach (var (innerKey, innerValue) in inner.ToList())
                {
                    foreach (var v in Changes(payload, [key, innerKey], innerValue))
                    {
                        yield return (eventName, v.Change, v.Body);
                    }
                }
            }
        }
    }

    /// <summary>The payload with the value at <paramref name="path"/> nulled, swapped for another kind, and removed.</summary>
    private static IEnumerable<(string Change, string Body)> Changes(JsonObject payload, string[] path, JsonNode? value)
    {
        var name = string.Join('.', path);
        yield return ($"{name}: null", With(payload, path, parent => parent[path[^1]] = null));
        yield return ($"{name}: another kind", With(payload, path, parent => parent[path[^1]] = OtherKind(value)));
        yield return ($"{name} removed", With(payload, path, parent => parent.Remove(path[^1])));
    }

    private static JsonNode OtherKind(JsonNode? value) => value switch
    {
        JsonObject => JsonValue.Create("swapped"),
        JsonArray => new JsonObject { ["swapped"] = true },
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(12345),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonValue.Create("12345"),
        null => new JsonObject(),
        _ => new JsonArray(),
    };

    private static string With(JsonObject payload, string[] path, Action<JsonObject> change)
    {
        var copy = payload.DeepClone().AsObject();
        var parent = copy;
        foreach (var key in path[..^1])
        {
            parent = parent[key]!.AsObject();
        }
        change(parent);
        return copy.ToJsonString();
    }
}
