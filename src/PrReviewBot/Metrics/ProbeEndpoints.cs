using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Metrics;

/// <summary>
/// <c>/healthz</c>: the process answers (liveness; never touches storage, so a slow database does not get the pod
/// killed). <c>/readyz</c>: storage answers within two seconds (readiness). <c>/metrics</c>: Prometheus text format.
/// The webhook endpoint's answers are counted here too.
/// </summary>
public static class ProbeEndpoints
{
    public static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(2);

    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", async (IWorkStore store, CancellationToken ct) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ReadinessTimeout);
            bool reachable;
            try
            {
                reachable = await store.IsReachableAsync(timeout.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                reachable = false;
            }
            return reachable
                ? Results.Text("ready\n")
                : Results.Text("storage unreachable\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapMetrics("/metrics", app.Services.GetRequiredService<BotMetrics>().Registry);
    }

    /// <summary>Counts every webhook request by event and by how it was answered.</summary>
    public static async Task CountDeliveries(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.Equals(BotHost.WebhookPath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            var outcome = context.Response.Headers.TryGetValue(WebhookIntake.OutcomeHeader, out var o) ? o.ToString() : null;
            var eventName = context.Request.Headers["X-GitHub-Event"];
            context.RequestServices.GetRequiredService<BotMetrics>()
                .RecordDelivery(eventName.Count == 1 ? eventName[0] : null, context.Response.StatusCode, outcome);
        }
    }
}
