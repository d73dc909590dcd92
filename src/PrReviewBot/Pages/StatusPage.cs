using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrReviewBot.Service;
using PrReviewBot.Setup;
using PrReviewBot.Storage;
using static PrReviewBot.Pages.HtmlPage;

namespace PrReviewBot.Pages;

/// <summary>
/// <c>GET /</c> once the bot is configured: which App it is (never a key or secret), the installations it has heard
/// from, the queue, and the last deliveries. Everything from GitHub is escaped.
/// </summary>
public static class StatusPage
{
    public const int DeliveriesShown = 20;

    public static async Task WriteAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var gitHub = services.GetRequiredService<IOptionsMonitor<GitHubOptions>>().CurrentValue;
        var configuration = services.GetRequiredService<IConfiguration>();
        var store = services.GetRequiredService<IWorkStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ct = context.RequestAborted;

        QueueSnapshot queue;
        IReadOnlyList<InstallationSeen> installations;
        IReadOnlyList<DeliveryRecord> deliveries;
        try
        {
            queue = await store.QueueSnapshotAsync(ct);
            installations = await store.InstallationsSeenAsync(ct);
            deliveries = await store.RecentDeliveriesAsync(null, DeliveriesShown, ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            await HtmlPage.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "PrReviewBot: storage unavailable",
                "<h1>PrReviewBot</h1><p class=\"fail\">Storage is unreachable; the bot cannot accept webhooks right now. See <code>/readyz</code> and the bot's log.</p>");
            return;
        }

        var registered = configuration.GetSection(AppCredentialsFile.AppSection);
        string identity;
        if (gitHub.Mode == GitHubMode.App)
        {
            var name = registered["Name"];
            var htmlUrl = registered["HtmlUrl"];
            var fromFile = registered.Exists() && gitHub.AppId == configuration[$"{GitHubOptions.Section}:AppId"];
            identity = fromFile && !string.IsNullOrEmpty(name)
                ? $"GitHub App <strong>{Text(name)}</strong> (App ID {Text(gitHub.AppId)})"
                  + (Uri.TryCreate(htmlUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
                      ? $" · <a href=\"{Text(SetupEndpoints.InstallUrl(url.AbsoluteUri))}\">install on more repositories</a>"
                      : "")
                : $"GitHub App ID {Text(gitHub.AppId)}";
        }
        else
        {
            identity = "Token mode: commit statuses instead of check runs";
        }

        var installationRows = installations.Count == 0
            ? "<p class=\"muted\">No delivery from an installation yet. Install the App on a repository, then open or edit a pull request.</p>"
            : "<div class=\"table\"><table><thead><tr><th>installation</th><th>repositories</th><th>last delivery</th></tr></thead><tbody>"
              + string.Concat(installations.Select(i =>
                  $"<tr><td>{i.InstallationId.ToString(CultureInfo.InvariantCulture)}</td><td>{i.Repositories}</td><td>{Time(i.LastDeliveryAt)}</td></tr>"))
              + "</tbody></table></div>";

        var oldest = queue.OldestCreatedAt is { } created ? Age(now - created) : "—";
        var deliveryRows = deliveries.Count == 0
            ? "<p class=\"muted\">No deliveries yet.</p>"
            : "<div class=\"table\"><table><thead><tr><th>received</th><th>event</th><th>repository</th><th>status</th></tr></thead><tbody>"
              + string.Concat(deliveries.Select(d =>
              {
                  var state = d.State switch
                  {
                      DeliveryState.Done => "<span class=\"pass\">done</span>",
                      DeliveryState.Failed => "<span class=\"fail\">failed</span>",
                      DeliveryState.Pending => "<span class=\"warn\">pending</span>",
                      _ => "<span class=\"muted\">ignored</span>",
                  };
                  var evt = d.Action is null ? d.Event : $"{d.Event}.{d.Action}";
                  return $"<tr><td>{Time(d.ReceivedAt)}</td><td><code>{Text(evt)}</code></td><td>{Text(d.Repository ?? "—")}</td><td>{state}</td></tr>";
              }))
              + "</tbody></table></div>";

        var body = $"""
            <h1>PrReviewBot</h1>
            <p>{identity}</p>
            <h2>Queue</h2>
            <dl>
            <dt>jobs</dt><dd>{queue.Jobs} ({queue.LeasedJobs} running)</dd>
            <dt>pending deliveries</dt><dd>{queue.PendingDeliveries}</dd>
            <dt>oldest job waiting</dt><dd>{oldest}</dd>
            </dl>
            <h2>Installations seen</h2>
            {installationRows}
            <h2>Last deliveries</h2>
            {deliveryRows}
            <p class="muted">Metrics: <code>/metrics</code> · health: <code>/healthz</code>, <code>/readyz</code></p>
            """;
        await HtmlPage.WriteAsync(context, StatusCodes.Status200OK, "PrReviewBot status", body);
    }
}
