using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Setup;
using PrReviewBot.Storage;
using PrReviewBot.Work;
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
        var links = services.GetRequiredService<ReportLinks>();
        var deliveryRows = deliveries.Count == 0
            ? "<p class=\"muted\">No deliveries yet.</p>"
            : "<div class=\"table\"><table><thead><tr><th>received</th><th>event</th><th>repository</th><th>PR / issue</th><th>status</th></tr></thead><tbody>"
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
                  return $"<tr><td>{Time(d.ReceivedAt)}</td><td><code>{Text(evt)}</code></td><td>{Text(d.Repository ?? "—")}</td><td>{Subject(d, links)}</td><td>{state}</td></tr>";
              }))
              + "</tbody></table></div>";

        var body = $"""
            <h1>PrReviewBot</h1>
            <p>{identity}</p>
            {GitHubBanner(services, queue)}
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

    /// <summary>
    /// Says so when GitHub does not answer: otherwise the page shows only "pending" rows and a growing queue, which
    /// looks the same as a slow bot.
    /// </summary>
    private static string GitHubBanner(IServiceProvider services, QueueSnapshot queue)
    {
        var circuit = services.GetRequiredService<GitHubCallPolicy>().Circuit;
        var traffic = services.GetRequiredService<GitHubTraffic>();
        if (circuit == CircuitState.Closed && traffic.FailingInARow == 0)
        {
            return "";
        }
        var paused = circuit == CircuitState.Closed ? "" : " The bot has paused its calls and tries again shortly.";
        var last = traffic.LastFailure is { } f ? $" Last: <code>{Text(f)}</code>." : "";
        return $"""
            <div class="banner" id="github-unreachable"><strong>GitHub is not answering</strong> ({traffic.FailingInARow} failed calls in a row).{last}{paused}
            {queue.PendingDeliveries} deliveries wait and are reviewed when it answers again; nothing is lost.</div>
            """;
    }

    /// <summary>The PR or issue a delivery is about: "#12" linked to the PR's report page when the bot has a public address.</summary>
    private static string Subject(DeliveryRecord delivery, ReportLinks links)
    {
        var subject = delivery.Subject;
        var hash = subject?.LastIndexOf('#') ?? -1;
        if (subject is null || hash < 0 || !int.TryParse(subject.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return "<span class=\"muted\">—</span>";
        }
        var label = $"#{number.ToString(CultureInfo.InvariantCulture)}";
        if (subject.StartsWith("issue:", StringComparison.Ordinal))
        {
            return $"issue {label}";
        }
        var repository = subject[..hash];
        return links.For(repository, number) is { } report
            ? $"<a href=\"{Text(report)}\">PR {label}</a>"
            : $"PR {label}";
    }
}
