using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Storage;
using PrReviewBot.Work;

namespace PrReviewBot.Metrics;

/// <summary>
/// The bot's Prometheus series, in a registry of its own (one per host: tests run several hosts in one process).
/// Counters are fed as things happen; queue, rate-limit and GitHub-call series are read from their sources when
/// scraped. Labels are low-cardinality by construction: event names from a fixed list, GitHub endpoints templated,
/// never a PR number, SHA, token or delivery id.
/// </summary>
public sealed class BotMetrics
{
    public const string Prefix = "prreviewbot_";

    /// <summary>
    /// Events with a route, and others GitHub may send an App; anything else is counted as <c>other</c> (the header is
    /// caller-controlled).
    /// </summary>
    private static readonly HashSet<string> KnownEvents = new(
        DeliveryRoutes.Events.Concat([
            "installation_target", "github_app_authorization", "push", "pull_request_review", "pull_request_review_comment", "repository",
            "meta", "security_advisory", "label", "member", "membership", "organization", "team", "status", "create", "delete",
        ]),
        StringComparer.Ordinal);

    private readonly IWorkStore _store;
    private readonly GitHubTraffic _traffic;
    private readonly IOptionsMonitor<GitHubOptions> _gitHub;
    private readonly TimeProvider _time;
    private readonly ILogger<BotMetrics> _log;

    private readonly Counter _received;
    private readonly Counter _rejected;
    private readonly Counter _duplicates;
    private readonly Counter _evaluations;
    private readonly Histogram _evaluationSeconds;
    private readonly Histogram _endToEndSeconds;
    private readonly Counter _jobs;
    private readonly Counter _unreadable;
    private readonly Counter _retries;
    private readonly Counter _gitHubRequests;
    private readonly Gauge _rateLimitRemaining;
    private readonly Gauge _rateLimitLimit;
    private readonly Gauge _queueJobs;
    private readonly Gauge _queueRunning;
    private readonly Gauge _queuePending;
    private readonly Gauge _queueOldestAge;
    private readonly Gauge _lastDelivery;
    private readonly Gauge _storageUp;
    private readonly Gauge _configured;
    private readonly Gauge _installationsPaused;
    private readonly GitHubRateBudget _budget;

    public BotMetrics(
        IWorkStore store, GitHubTraffic traffic, JobRunner jobs, PullRequestReview review, IOptionsMonitor<GitHubOptions> gitHub,
        GitHubRateBudget budget, TimeProvider time, ILogger<BotMetrics> log)
    {
        _store = store;
        _budget = budget;
        _traffic = traffic;
        _gitHub = gitHub;
        _time = time;
        _log = log;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);

        _received = factory.CreateCounter(Prefix + "webhook_deliveries_received_total", "Webhook deliveries received, by event.", "event");
        _rejected = factory.CreateCounter(Prefix + "webhook_deliveries_rejected_total",
            "Webhook deliveries refused (bad signature, malformed, not configured, storage down), by event and HTTP status.", "event", "status");
        _duplicates = factory.CreateCounter(Prefix + "webhook_deliveries_duplicate_total", "Redeliveries of a delivery id already stored, by event.", "event");
        _evaluations = factory.CreateCounter(Prefix + "evaluations_total",
            "PR evaluations by conclusion (success, failure, skipped, config_error, error).", "conclusion");
        _evaluationSeconds = factory.CreateHistogram(Prefix + "evaluation_duration_seconds",
            "Time to evaluate one PR: read it from GitHub, decide, post what changed.",
            new HistogramConfiguration { Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _endToEndSeconds = factory.CreateHistogram(Prefix + "delivery_to_check_seconds",
            "From a delivery's arrival to the check posted for it (includes the edit debounce and queueing).",
            new HistogramConfiguration { Buckets = [0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 300, 900] });
        _jobs = factory.CreateCounter(Prefix + "jobs_total", "Queue jobs settled, by kind and outcome.", "kind", "outcome");
        _unreadable = factory.CreateCounter(Prefix + "deliveries_unreadable_total",
            "Stored deliveries a job could not read and left out (the rest of the job ran), by event.", "event");
        _retries = factory.CreateCounter(Prefix + "github_retries_total", "GitHub calls retried, by operation.", "operation");
        _gitHubRequests = factory.CreateCounter(Prefix + "github_requests_total",
            "Requests to GitHub by method, templated endpoint and status (0: no answer).", "method", "endpoint", "status");
        _rateLimitRemaining = factory.CreateGauge(Prefix + "github_rate_limit_remaining",
            "Requests left in the current rate-limit window, as GitHub last reported, by installation and resource.", "installation", "resource");
        _rateLimitLimit = factory.CreateGauge(Prefix + "github_rate_limit_limit",
            "Size of the rate-limit window, as GitHub last reported, by installation and resource.", "installation", "resource");
        _queueJobs = factory.CreateGauge(Prefix + "queue_jobs", "Jobs queued (one per PR, merge group or commit), running or not.");
        _queueRunning = factory.CreateGauge(Prefix + "queue_jobs_running", "Jobs being worked on now.");
        _queuePending = factory.CreateGauge(Prefix + "queue_pending_deliveries", "Accepted deliveries whose work has not run yet.");
        _queueOldestAge = factory.CreateGauge(Prefix + "queue_oldest_job_age_seconds", "Age of the oldest queued job (0 when the queue is empty).");
        _lastDelivery = factory.CreateGauge(Prefix + "webhook_last_delivery_timestamp_seconds",
            "Unix time of the newest stored delivery (0 when none is stored).");
        _storageUp = factory.CreateGauge(Prefix + "storage_up", "1 when the store answered the last scrape, 0 otherwise.");
        _installationsPaused = factory.CreateGauge(Prefix + "github_installations_paused",
            "Installations whose GitHub calls wait now: a limit GitHub reported, or their content-creating budget is booked ahead.");
        _configured = factory.CreateGauge(Prefix + "github_configured", "1 when an App or token is configured, 0 while the bot waits for setup.");

        // Publish the known label values up front so dashboards and alerts see series before the first event.
        foreach (var conclusion in new[] { "success", "failure", "skipped", "config_error", "error" })
        {
            _evaluations.WithLabels(conclusion);
        }
        foreach (var outcome in new[] { "done", "retrying", "rate_limited", "failed", "released", "unsettled" })
        {
            _jobs.WithLabels("pull_request", outcome);
        }
        _received.WithLabels("pull_request");
        _unreadable.WithLabels("pull_request");
        _duplicates.WithLabels("pull_request");
        _rejected.WithLabels("pull_request", "400");
        _retries.WithLabels("read pull request");

        DotNetStats.Register(Registry);
        Registry.AddBeforeCollectCallback(RefreshAsync);

        jobs.DeliveryDropped += (_, eventName) => _unreadable.WithLabels(EventLabel(eventName)).Inc();
        jobs.Settled += (job, outcome) => _jobs.WithLabels(JobKinds.Name(job.Kind), OutcomeName(outcome)).Inc();
        review.Evaluated += OnEvaluated;
        traffic.RetryScheduled += retry => _retries.WithLabels(retry.Operation).Inc();
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Counts one webhook request by how it was answered.</summary>
    public void RecordDelivery(string? eventName, int status, string? outcome)
    {
        var evt = EventLabel(eventName);
        _received.WithLabels(evt).Inc();
        if (status >= 400)
        {
            _rejected.WithLabels(evt, status.ToString(CultureInfo.InvariantCulture)).Inc();
        }
        else if (outcome == "duplicate")
        {
            _duplicates.WithLabels(evt).Inc();
        }
    }

    internal static string EventLabel(string? eventName) =>
        eventName is not null && KnownEvents.Contains(eventName) ? eventName : "other";

    private void OnEvaluated(EvaluationRecord evaluation, IReadOnlyList<JobDelivery> deliveries)
    {
        _evaluations.WithLabels(evaluation.Conclusion ?? "error").Inc();
        _evaluationSeconds.Observe(evaluation.Duration.TotalSeconds);
        if (evaluation.CheckAction == "posted")
        {
            var now = _time.GetUtcNow();
            foreach (var delivery in deliveries)
            {
                _endToEndSeconds.Observe(Math.Max(0, (now - delivery.ReceivedAt).TotalSeconds));
            }
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        _configured.Set(_gitHub.CurrentValue.Mode == GitHubMode.Unconfigured ? 0 : 1);
        foreach (var (key, count) in _traffic.Calls)
        {
            _gitHubRequests.WithLabels(key.Method, key.Route, key.Status.ToString(CultureInfo.InvariantCulture)).IncTo(count);
        }
        foreach (var ((installation, resource), reading) in _traffic.RateLimits)
        {
            var id = installation?.ToString(CultureInfo.InvariantCulture) ?? "token";
            _rateLimitRemaining.WithLabels(id, resource).Set(reading.Remaining);
            _rateLimitLimit.WithLabels(id, resource).Set(reading.Limit);
        }
        _installationsPaused.Set(_budget.Paused().Installations.Count);
        try
        {
            var queue = await _store.QueueSnapshotAsync(ct);
            _queueJobs.Set(queue.Jobs);
            _queueRunning.Set(queue.LeasedJobs);
            _queuePending.Set(queue.PendingDeliveries);
            _queueOldestAge.Set(queue.OldestCreatedAt is { } created ? Math.Max(0, (_time.GetUtcNow() - created).TotalSeconds) : 0);
            var last = await _store.RecentDeliveriesAsync(null, 1, ct);
            _lastDelivery.Set(last.Count == 0 ? 0 : last[0].ReceivedAt.ToUnixTimeMilliseconds() / 1000.0);
            _storageUp.Set(1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _storageUp.Set(0);
            _log.LogWarning("Queue metrics unavailable: the store did not answer ({Reason})", e.Message);
        }
    }

    /// <summary>JobRunner's outcomes, folded to a fixed set.</summary>
    private static string OutcomeName(string outcome) => outcome switch
    {
        _ when outcome.StartsWith("done", StringComparison.Ordinal) => "done",
        _ when outcome.StartsWith("failed", StringComparison.Ordinal) => "failed",
        "waiting for rate limit" => "rate_limited",
        "retrying" => "retrying",
        "released" => "released",
        _ => "unsettled",
    };
}
