using System.Globalization;
using System.Text.Json;
using Octokit;

namespace PrReviewBot.GitHub;

/// <summary>One attempt to deliver a webhook, as <c>GET /app/hook/deliveries</c> lists it.</summary>
public sealed record HookDelivery(long Id, string Guid, string Status, int StatusCode, string? Event, string? Action, DateTimeOffset DeliveredAt, bool Redelivery)
{
    /// <summary>GitHub says "OK" and a 2xx code for a delivery the bot acknowledged.</summary>
    public bool Succeeded => Status == "OK" && StatusCode is >= 200 and < 300;
}

/// <summary>
/// The App's webhook deliveries (App-level endpoints: JWT, not an installation token; Octokit has no client for
/// them). GitHub never redelivers on its own; these are what the missed-delivery sweep reads and asks for again.
/// </summary>
public interface IAppHookDeliveries
{
    /// <summary>Every attempt delivered at or after <paramref name="since"/>, newest first, at most <paramref name="maxPages"/> pages of 100.</summary>
    Task<IReadOnlyList<HookDelivery>> ListSinceAsync(DateTimeOffset since, int maxPages, CancellationToken ct);

    /// <summary>Asks GitHub to deliver <paramref name="hookDeliveryId"/> again (it keeps the same X-GitHub-Delivery guid).</summary>
    Task RedeliverAsync(long hookDeliveryId, CancellationToken ct);
}

public sealed class OctokitAppHookDeliveries(GitHubConnections connections, GitHubCallPolicy policy) : IAppHookDeliveries
{
    public async Task<IReadOnlyList<HookDelivery>> ListSinceAsync(DateTimeOffset since, int maxPages, CancellationToken ct)
    {
        var connection = connections.App;
        var list = new List<HookDelivery>();
        var parameters = new Dictionary<string, string> { ["per_page"] = "100" };
        for (var page = 0; page < maxPages; page++)
        {
            var query = new Dictionary<string, string>(parameters);
            var response = await policy.RunAsync("list webhook deliveries", idempotent: true,
                _ => connection.Get<RawJson>(new Uri("app/hook/deliveries", UriKind.Relative), query), ct);
            var reachedSince = false;
            using (var doc = JsonDocument.Parse(response.Body?.Text ?? "[]"))
            {
                foreach (var item in doc.RootElement.EnumerateArray())
                {
                    var delivery = Read(item);
                    if (delivery.DeliveredAt < since)
                    {
                        reachedSince = true;
                        continue;
                    }
                    list.Add(delivery);
                }
            }
            // Cursor pagination: the next page is named by the Link header, not by a page number.
            if (reachedSince || !TryNextCursor(response.HttpResponse, out var cursor))
            {
                break;
            }
            parameters["cursor"] = cursor;
        }
        return list;
    }

    public async Task RedeliverAsync(long hookDeliveryId, CancellationToken ct)
    {
        var connection = connections.App;
        var uri = new Uri($"app/hook/deliveries/{hookDeliveryId.ToString(CultureInfo.InvariantCulture)}/attempts", UriKind.Relative);
        // Asking twice at worst makes GitHub deliver twice, and the intake de-duplicates by guid.
        await policy.RunAsync("redeliver webhook", idempotent: true, _ => connection.Post(uri, ct), ct);
    }

    private static HookDelivery Read(JsonElement e) => new(
        e.GetProperty("id").GetInt64(),
        e.TryGetProperty("guid", out var g) ? g.GetString() ?? "" : "",
        e.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "",
        e.TryGetProperty("status_code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0,
        e.TryGetProperty("event", out var ev) ? ev.GetString() : null,
        e.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null,
        e.TryGetProperty("delivered_at", out var d) && d.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(d.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : DateTimeOffset.MinValue,
        e.TryGetProperty("redelivery", out var r) && r.ValueKind == JsonValueKind.True);

    private static bool TryNextCursor(IResponse response, out string cursor)
    {
        cursor = "";
        if (response.ApiInfo?.Links is not { } links || !links.TryGetValue("next", out var next))
        {
            return false;
        }
        foreach (var pair in next.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == "cursor")
            {
                cursor = Uri.UnescapeDataString(pair[(eq + 1)..]);
                return cursor.Length > 0;
            }
        }
        return false;
    }
}
