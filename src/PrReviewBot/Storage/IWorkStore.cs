namespace PrReviewBot.Storage;

/// <summary>
/// The bot's durable state: accepted deliveries (de-duplicated by <c>X-GitHub-Delivery</c>), one job per subject
/// (a PR, a merge group, a commit) that coalesces every delivery about it, and what was last posted per PR.
/// SQL stays portable (integer timestamps, <c>INSERT … ON CONFLICT</c>) so a PostgreSQL store can sit behind the
/// same interface.
/// </summary>
public interface IWorkStore
{
    /// <summary>Creates or migrates the schema. Called once at start-up.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>Start-up recovery: makes work that a stopped process held leasable again.</summary>
    Task RecoverAsync(CancellationToken ct);

    Task<bool> IsReachableAsync(CancellationToken ct);

    /// <summary>
    /// Stores a delivery and, in the same transaction, enqueues or coalesces its work. A delivery id seen before
    /// changes nothing and answers <see cref="AcceptOutcome.Duplicate"/>.
    /// </summary>
    Task<AcceptOutcome> AcceptDeliveryAsync(InboundDelivery delivery, WorkRequest? work, CancellationToken ct);

    /// <summary>Enqueues work that no delivery carries (a PR found for a commit, a report page asking for freshness).</summary>
    Task EnqueueAsync(WorkRequest work, CancellationToken ct);

    /// <summary>
    /// Leases a due job that nobody holds, or null: with <see cref="LeaseFilter.FairByInstallation"/> the one with the
    /// fewest jobs of its installation queued before it (round-robin by installation), else the one due soonest; never
    /// one of <see cref="LeaseFilter.SkipInstallations"/>.
    /// </summary>
    Task<LeasedJob?> LeaseNextAsync(string owner, TimeSpan leaseFor, LeaseFilter filter, CancellationToken ct);

    /// <summary>
    /// Extends a lease this owner still holds (a long evaluation must not look abandoned). False when the lease was
    /// lost: it expired and another worker took the subject, so this run must stop without settling it.
    /// </summary>
    Task<bool> RenewLeaseAsync(LeasedJob job, TimeSpan leaseFor, CancellationToken ct);

    /// <summary>When the next job (of an installation not skipped) becomes leasable (due, or its lease expires); null when there is none.</summary>
    Task<DateTimeOffset?> NextLeasableAtAsync(IReadOnlyCollection<long> skipInstallations, CancellationToken ct);

    Task<IReadOnlyList<PendingDelivery>> PendingDeliveriesAsync(string subject, CancellationToken ct);

    /// <summary>
    /// Marks the deliveries done and removes the job, unless work arrived for it meanwhile (its version moved):
    /// then the job stays, unleased, and runs again. Returns true when the job was removed.
    /// </summary>
    Task<bool> CompleteAsync(LeasedJob job, IReadOnlyList<string> deliveryIds, CancellationToken ct);

    /// <summary>Releases the job until <paramref name="dueAt"/>, counting an attempt when <paramref name="countAttempt"/>.</summary>
    Task RetryLaterAsync(LeasedJob job, DateTimeOffset dueAt, string reason, bool countAttempt, CancellationToken ct);

    /// <summary>Gives up on the deliveries with an error that stays visible; new work for the subject still runs.</summary>
    Task<bool> FailAsync(LeasedJob job, IReadOnlyList<string> deliveryIds, string error, CancellationToken ct);

    /// <summary>Hands the job back untouched (shutdown).</summary>
    Task ReleaseAsync(LeasedJob job, CancellationToken ct);

    Task<PullRequestRecord?> GetPullRequestAsync(string repository, int number, CancellationToken ct);

    /// <summary>Open PRs last seen with this head SHA (check suites on forks carry no PR numbers).</summary>
    Task<IReadOnlyList<PullRequestRecord>> FindPullRequestsByHeadAsync(string repository, string headSha, CancellationToken ct);

    /// <summary>Saves what was posted so far (called after each write, so a retry never posts it twice).</summary>
    Task SavePullRequestAsync(PullRequestRecord record, CancellationToken ct);

    /// <summary>Saves what the last evaluation decided and posted, and appends it to the PR's history.</summary>
    Task SaveEvaluationAsync(PullRequestRecord record, EvaluationRecord evaluation, CancellationToken ct);

    Task<IReadOnlyList<EvaluationRecord>> EvaluationsAsync(string repository, int number, int limit, CancellationToken ct);

    Task<DeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken ct);

    Task<QueueSnapshot> QueueSnapshotAsync(CancellationToken ct);

    /// <summary>The latest deliveries, newest first; only those for <paramref name="subject"/> when given (status and report pages).</summary>
    Task<IReadOnlyList<DeliveryRecord>> RecentDeliveriesAsync(string? subject, int limit, CancellationToken ct);

    /// <summary>The installations that deliveries came from (still within retention), most recently seen first.</summary>
    Task<IReadOnlyList<InstallationSeen>> InstallationsSeenAsync(CancellationToken ct);

    /// <summary>Forgets finished deliveries and history older than <paramref name="cutoff"/>.</summary>
    Task PurgeAsync(DateTimeOffset cutoff, CancellationToken ct);
}

/// <summary>Which job the queue wants next: fair between installations or not, and installations it cannot run now.</summary>
public sealed record LeaseFilter(bool FairByInstallation, IReadOnlyCollection<long> SkipInstallations)
{
    /// <summary>Any installation's job, round-robin by installation.</summary>
    public static readonly LeaseFilter Fair = new(true, []);
}

public enum AcceptOutcome
{
    Accepted,
    Duplicate,
}

public enum DeliveryState
{
    /// <summary>Waiting for its job to run.</summary>
    Pending,

    /// <summary>Its job ran.</summary>
    Done,

    /// <summary>Nothing to do for this event or action (recorded so a redelivery is recognised).</summary>
    Ignored,

    /// <summary>Its job gave up; <see cref="DeliveryRecord.Error"/> says why.</summary>
    Failed,
}

public enum JobKind
{
    /// <summary>Review one PR: subject <c>owner/repo#12</c>.</summary>
    PullRequest,

    /// <summary>Report the check on a merge group's head: subject <c>merge_group:owner/repo@sha</c>.</summary>
    MergeGroup,

    /// <summary>Find the PRs of a commit and review them: subject <c>commit:owner/repo@sha</c>.</summary>
    Commit,

    /// <summary>Gate mode and commands on one issue: subject <c>issue:owner/repo#12</c> (issue 4).</summary>
    Issue,
}

public sealed record InboundDelivery(
    string DeliveryId,
    string Event,
    string? Action,
    long? InstallationId,
    string? Repository,
    string? Subject,
    DeliveryState State,
    DateTimeOffset ReceivedAt,
    string Headers,
    string? Body,
    string? Note)
{
    /// <summary>The body as its UTF-8 bytes (<c>Storage:Utf8Payloads</c>), stored instead of <see cref="Body"/>.</summary>
    public byte[]? Payload { get; init; }
}

/// <summary>Work for one subject. <see cref="Force"/> re-posts the check even when nothing changed (a person asked for a re-run).</summary>
public sealed record WorkRequest(
    string Subject,
    JobKind Kind,
    string Repository,
    long? InstallationId,
    int? Number,
    string? Sha,
    string? BaseRef,
    DateTimeOffset DueAt,
    bool Force = false)
{
    public static string PullRequestSubject(string repository, int number) => $"{repository}#{number}";

    public static string MergeGroupSubject(string repository, string sha) => $"merge_group:{repository}@{sha}";

    public static string CommitSubject(string repository, string sha) => $"commit:{repository}@{sha}";

    public static string IssueSubject(string repository, int number) => $"issue:{repository}#{number}";
}

public sealed record LeasedJob(
    string Subject,
    JobKind Kind,
    string Repository,
    long? InstallationId,
    int? Number,
    string? Sha,
    string? BaseRef,
    long Version,
    int Attempts,
    bool Force,
    string LeaseOwner)
{
    /// <summary>
    /// A previous run of this job never settled it (its process died, or stopped mid-evaluation): it may have
    /// posted to GitHub without recording so, and this run checks before posting again.
    /// </summary>
    public bool Interrupted { get; init; }
}

/// <summary>A delivery waiting for its job, with its body as it was stored: text (<see cref="Body"/>) or UTF-8 bytes (<see cref="Payload"/>).</summary>
public sealed record PendingDelivery(string DeliveryId, string Event, string? Action, DateTimeOffset ReceivedAt, string? Body)
{
    public byte[]? Payload { get; init; }
}

public sealed record DeliveryRecord(
    string DeliveryId,
    string Event,
    string? Action,
    string? Repository,
    string? Subject,
    DeliveryState State,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? CompletedAt,
    string? Note,
    string? Error);

/// <summary>What the bot last decided and posted for one PR: the basis of compare-before-write.</summary>
public sealed record PullRequestRecord
{
    public required string Repository { get; init; }
    public required int Number { get; init; }
    public long? InstallationId { get; init; }
    public string? BaseRef { get; init; }
    public string? HeadSha { get; init; }
    public bool IsOptimization { get; init; }
    public string? Conclusion { get; init; }
    public string? VerdictJson { get; init; }
    public string? CheckName { get; init; }

    /// <summary>The check output last posted (title, summary, text, conclusion), reused for merge groups.</summary>
    public string? CheckJson { get; init; }
    public string? CheckFingerprint { get; init; }

    /// <summary>The head SHA the last check or status was posted on.</summary>
    public string? CheckSha { get; init; }
    public long? CommentId { get; init; }
    public string? CommentFingerprint { get; init; }
    public DateTimeOffset EvaluatedAt { get; init; }
}

/// <summary>One evaluation of a PR, for its history (report page) and for proving coalescing.</summary>
public sealed record EvaluationRecord(
    string Repository,
    int Number,
    string? HeadSha,
    string? Conclusion,
    string? Title,
    string CheckAction,
    string CommentAction,
    IReadOnlyList<string> DeliveryIds,
    DateTimeOffset EvaluatedAt,
    TimeSpan Duration,
    string? VerdictJson);

public sealed record QueueSnapshot(int Jobs, int LeasedJobs, int PendingDeliveries, DateTimeOffset? OldestDueAt)
{
    /// <summary>When the oldest job still queued was first enqueued: how long work has waited (metrics, status page).</summary>
    public DateTimeOffset? OldestCreatedAt { get; init; }

    public bool IsIdle => Jobs == 0 && PendingDeliveries == 0;
}

/// <summary>An installation the bot has heard from: how many repositories and when last.</summary>
public sealed record InstallationSeen(long InstallationId, int Repositories, DateTimeOffset LastDeliveryAt);
