using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Octokit.Webhooks;
using PrReviewBot.Storage;
using PrReviewBot.Work;
using Serilog.Context;

namespace PrReviewBot.Service;

/// <summary>
/// Takes a webhook whose signature Octokit.Webhooks has already verified, stores it (with its work, in one
/// transaction) and returns: the answer never waits for GitHub or for the review. Only what routing needs is
/// read from the body, so an event or action unknown to any library is acknowledged, not a 500.
/// </summary>
public sealed class WebhookIntake(
    IWorkStore store,
    WorkSignal signal,
    IOptionsMonitor<GitHubOptions> gitHub,
    IOptionsMonitor<QueueOptions> queue,
    IHttpContextAccessor http,
    Serilog.IDiagnosticContext diagnostics,
    TimeProvider time,
    ILogger<WebhookIntake> log) : WebhookEventProcessor
{
    /// <summary>Response header saying what became of the delivery: accepted, duplicate or ignored.</summary>
    public const string OutcomeHeader = "X-PrReviewBot-Delivery";

    /// <summary>Headers worth keeping with a delivery (never the signature: it proves nothing later).</summary>
    private static readonly string[] KeptHeaders =
    [
        "X-GitHub-Event", "X-GitHub-Delivery", "X-GitHub-Hook-ID", "X-GitHub-Hook-Installation-Target-Type",
        "X-GitHub-Hook-Installation-Target-ID", "X-GitHub-Enterprise-Host", "X-GitHub-Enterprise-Version", "User-Agent",
    ];

    public override async ValueTask ProcessWebhookAsync(IDictionary<string, StringValues> headers, string body, CancellationToken cancellationToken = default)
    {
        if (gitHub.CurrentValue.Mode == GitHubMode.Unconfigured)
        {
            throw new WebhookRejectedException(503,
                "No GitHub App or token is configured yet: set GitHub:AppId and GitHub:PrivateKeyPath (or GitHub:Token), and GitHub:WebhookSecret.");
        }
        var deliveryId = Header(headers, "X-GitHub-Delivery");
        if (string.IsNullOrWhiteSpace(deliveryId) || deliveryId.Length > 100)
        {
            throw new WebhookRejectedException(400, "Expected one X-GitHub-Delivery header (GitHub sends a GUID).");
        }
        var eventName = Header(headers, "X-GitHub-Event")!;
        using var deliveryProperty = LogContext.PushProperty("DeliveryId", deliveryId);
        using var eventProperty = LogContext.PushProperty("Event", eventName);

        Routing routing;
        try
        {
            using var doc = JsonDocument.Parse(body);
            routing = DeliveryRouter.Route(eventName, doc.RootElement, time.GetUtcNow(), queue.CurrentValue);
        }
        catch (JsonException)
        {
            throw new WebhookRejectedException(400, "The body is not valid JSON.");
        }

        // The request-completion log line carries them too.
        diagnostics.Set("Repository", routing.Repository);
        diagnostics.Set("PullRequest", routing.Number);
        using var repositoryProperty = LogContext.PushProperty("Repository", routing.Repository);
        using var numberProperty = LogContext.PushProperty("PullRequest", routing.Number);
        var delivery = new InboundDelivery(
            deliveryId,
            eventName,
            routing.Action,
            routing.InstallationId,
            routing.Repository,
            routing.Work?.Subject,
            routing.Ignored ? DeliveryState.Ignored : DeliveryState.Pending,
            time.GetUtcNow(),
            JsonSerializer.Serialize(KeptHeaders.Where(headers.ContainsKey).ToDictionary(h => h, h => Header(headers, h))),
            routing.Ignored ? null : body,
            routing.Note);

        // The body is in hand: store it even if GitHub hangs up meanwhile, or the delivery would be lost.
        var outcome = await store.AcceptDeliveryAsync(delivery, routing.Work, CancellationToken.None);
        string answer;
        if (outcome == AcceptOutcome.Duplicate)
        {
            answer = "duplicate";
            log.LogInformation("Delivery {DeliveryId} ({Event}.{Action}) was already received; ignoring the repeat", deliveryId, eventName, routing.Action);
        }
        else if (routing.Ignored)
        {
            answer = "ignored";
            log.LogInformation("Delivery {DeliveryId} ({Event}.{Action}) recorded: {Note}", deliveryId, eventName, routing.Action, routing.Note);
        }
        else
        {
            answer = "accepted";
            signal.Notify();
            log.LogInformation("Delivery {DeliveryId} ({Event}.{Action}) for {Repository} queued as {Subject}",
                deliveryId, eventName, routing.Action, routing.Repository, routing.Work!.Subject);
        }
        if (http.HttpContext is { } context)
        {
            context.Response.Headers[OutcomeHeader] = answer;
        }
    }

    private static string? Header(IDictionary<string, StringValues> headers, string name)
    {
        if (headers.TryGetValue(name, out var value))
        {
            return value.Count == 1 ? value[0] : null;
        }
        foreach (var (key, v) in headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return v.Count == 1 ? v[0] : null;
            }
        }
        return null;
    }
}
