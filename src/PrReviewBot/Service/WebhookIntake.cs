using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Octokit.Webhooks;
using PrReviewBot.GitHub;
using PrReviewBot.Storage;
using PrReviewBot.Work;
using Serilog.Context;

namespace PrReviewBot.Service;

/// <summary>
/// Takes a webhook whose signature Octokit.Webhooks has already verified, stores it (with its work, in one
/// transaction) and returns: the answer waits neither for the review nor, unless the delivery names no installation,
/// for GitHub. Each event's route (<see cref="DeliveryRoutes"/>) reads and checks only what it needs, so an event or
/// action unknown to any library is acknowledged, and a malformed one is refused with 400, never a 500.
/// </summary>
public sealed class WebhookIntake(
    IWorkStore store,
    WorkSignal signal,
    IOptionsMonitor<GitHubOptions> gitHub,
    IOptionsMonitor<QueueOptions> queue,
    IOptionsMonitor<StorageOptions> storage,
    IHttpContextAccessor http,
    RepositoryInstallations installations,
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

        // Storage:Utf8Payloads: the body turned into UTF-8 once, here; routed, stored and read again by its job as those bytes.
        var utf8 = storage.CurrentValue.Utf8Payloads ? Encoding.UTF8.GetBytes(body) : null;
        Routing routing;
        try
        {
            var intake = new IntakeContext(time.GetUtcNow(), queue.CurrentValue);
            routing = utf8 is null ? DeliveryRoutes.Route(eventName, body, intake) : DeliveryRoutes.Route(eventName, utf8, intake);
        }
        catch (MalformedPayloadException e)
        {
            throw new WebhookRejectedException(400, $"Malformed {eventName} payload: {e.Message}");
        }
        if (routing is { Ignored: false, InstallationId: null } && gitHub.CurrentValue.Mode == GitHubMode.App)
        {
            routing = await WithInstallationAsync(eventName, routing, cancellationToken);
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
            routing.Ignored || utf8 is not null ? null : body,
            routing.Note)
        {
            Payload = routing.Ignored ? null : utf8,
        };

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

    /// <summary>
    /// App mode acts through an installation: a delivery that names none (a repository webhook pointed at the App, an
    /// old payload) gets the App's installation on its repository, or is refused here rather than accepted as work
    /// that could never run.
    /// </summary>
    private async Task<Routing> WithInstallationAsync(string eventName, Routing routing, CancellationToken ct)
    {
        var work = routing.Work!;
        var slash = work.Repository.IndexOf('/', StringComparison.Ordinal);
        long? found;
        try
        {
            found = await installations.FindAsync(work.Repository[..slash], work.Repository[(slash + 1)..], ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("{Event} delivery for {Repository} names no installation, and GitHub could not say which one it is ({Reason}); refused with 503 so it can be delivered again",
                eventName, work.Repository, e.Message);
            throw new WebhookRejectedException(503,
                $"The delivery names no installation and the App's installation on {work.Repository} could not be looked up; redeliver it later.");
        }
        if (found is not { } id)
        {
            log.LogWarning("{Event} delivery for {Repository} names no installation and the App is not installed there; refused (is a repository webhook pointed at the App?)",
                eventName, work.Repository);
            throw new WebhookRejectedException(422,
                $"The delivery names no installation and the App is not installed on {work.Repository}: install the App there, or point this webhook elsewhere.");
        }
        log.LogInformation("{Event} delivery for {Repository} names no installation; the App's installation there is {InstallationId}", eventName, work.Repository, id);
        return routing with { InstallationId = id, Work = work with { InstallationId = id } };
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
