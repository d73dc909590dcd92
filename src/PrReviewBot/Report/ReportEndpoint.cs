using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrReviewBot.GitHub;
using PrReviewBot.Pages;
using PrReviewBot.Setup;
using PrReviewBot.Storage;
using PrReviewBot.Work;

namespace PrReviewBot.Report;

/// <summary>
/// <c>GET /report/{owner}/{repo}/{number}?sig=…</c>: the PR's latest stored verdict as a page. Anything but a valid
/// signature for an existing PR gets the same plain 404, so the page reveals nothing, not even whether the PR exists.
/// A stale verdict is re-evaluated by the queue (never by calling GitHub from the request).
/// </summary>
public static class ReportEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/report/{**path}", ShowAsync);

    private static async Task ShowAsync(HttpContext context, string? path)
    {
        var services = context.RequestServices;
        var segments = (path ?? "").Split('/');
        if (segments.Length != 3 || segments.Any(s => s.Length == 0)
            || !int.TryParse(segments[2], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            await NotFoundAsync(context);
            return;
        }
        // Routing has already unescaped the segments.
        var repository = $"{segments[0]}/{segments[1]}";
        var signer = services.GetRequiredService<ReportSigner>();
        if (!signer.Verify(repository, number, context.Request.Query["sig"].ToString()))
        {
            await NotFoundAsync(context);
            return;
        }

        var store = services.GetRequiredService<IWorkStore>();
        var ct = context.RequestAborted;
        var record = await store.GetPullRequestAsync(repository, number, ct);
        if (record is null)
        {
            await NotFoundAsync(context);
            return;
        }
        var options = services.GetRequiredService<IOptionsMonitor<ReportOptions>>().CurrentValue;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var subject = WorkRequest.PullRequestSubject(record.Repository, number);
        var lastDelivery = (await store.RecentDeliveriesAsync(subject, 1, ct)).FirstOrDefault();
        var history = await store.EvaluationsAsync(record.Repository, number, Math.Clamp(options.HistoryShown, 1, 500), ct);
        var overrides = await services.GetRequiredService<IOverrideHistory>().ForPullRequestAsync(record.Repository, number, ct);

        var staleness = Staleness(record, lastDelivery, now, options.StaleAfter);
        DateTimeOffset? requested = null;
        if (staleness is not null)
        {
            // A missed check is posted again even if the verdict did not change.
            var force = staleness != StaleReason.Old;
            await store.EnqueueAsync(new WorkRequest(subject, JobKind.PullRequest, record.Repository, record.InstallationId, number, null,
                record.BaseRef, now, force), CancellationToken.None);
            services.GetRequiredService<WorkSignal>().Notify();
            requested = now;
            services.GetRequiredService<ILoggerFactory>().CreateLogger("PrReviewBot.Report")
                .LogInformation("Report of {Repository}#{PullRequest} viewed with a stale verdict ({Reason}): re-evaluation queued",
                    record.Repository, number, staleness);
        }

        var webHost = AppManifest.WebHostOf(services.GetRequiredService<GitHubConnections>().ApiBase);
        var page = new ReportView(record, history, overrides, staleness, requested, now,
            new Uri(webHost, $"{record.Repository}/pull/{number.ToString(CultureInfo.InvariantCulture)}").AbsoluteUri);
        await HtmlPage.WriteAsync(context, StatusCodes.Status200OK, $"{record.Repository}#{number}: perf-review", ReportPage.Render(page));
    }

    public enum StaleReason
    {
        /// <summary>Evaluated longer ago than <see cref="ReportOptions.StaleAfter"/>.</summary>
        Old,

        /// <summary>The check for the PR's head was never posted (GitHub refused, or the job gave up).</summary>
        CheckNotPosted,

        /// <summary>The last delivery about the PR failed.</summary>
        DeliveryFailed,
    }

    internal static StaleReason? Staleness(PullRequestRecord record, DeliveryRecord? lastDelivery, DateTimeOffset now, TimeSpan staleAfter)
    {
        if (lastDelivery?.State == DeliveryState.Failed)
        {
            return StaleReason.DeliveryFailed;
        }
        if (record.CheckJson is null || record.CheckSha != record.HeadSha)
        {
            return StaleReason.CheckNotPosted;
        }
        return now - record.EvaluatedAt > staleAfter ? StaleReason.Old : null;
    }

    private static Task NotFoundAsync(HttpContext context) =>
        HtmlPage.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "<h1>Not found</h1><p>There is no page here.</p>");
}
