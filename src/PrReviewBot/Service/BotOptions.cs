namespace PrReviewBot.Service;

/// <summary>
/// <c>GitHub:*</c> (docs/configuration.md). App mode needs <see cref="AppId"/> and a private key; token mode needs
/// <see cref="Token"/>. Both need <see cref="WebhookSecret"/>.
/// </summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    public static readonly Uri DefaultApiBaseUrl = new("https://api.github.com/");

    /// <summary>REST API root: <c>https://api.github.com/</c>, or <c>https://HOST/api/v3/</c> on Enterprise Server.</summary>
    public string? ApiBaseUrl { get; set; }

    public string? AppId { get; set; }

    public string? PrivateKeyPath { get; set; }

    /// <summary>The PEM text itself; <c>\n</c> escapes (as environment variables often carry them) are accepted.</summary>
    public string? PrivateKey { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>A plain token (PAT or similar): the bot posts commit statuses instead of check runs.</summary>
    public string? Token { get; set; }

    /// <summary>Per-request timeout for GitHub calls.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public GitHubRetryOptions Retry { get; set; } = new();

    public GitHubCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    public GitHubRateBudgetOptions RateBudget { get; set; } = new();

    public GitHubMode Mode =>
        !string.IsNullOrWhiteSpace(AppId) ? GitHubMode.App
        : !string.IsNullOrWhiteSpace(Token) ? GitHubMode.Token
        : GitHubMode.Unconfigured;
}

public enum GitHubMode
{
    /// <summary>Nothing configured yet: webhooks are refused with 503 (issue 5 adds the setup page).</summary>
    Unconfigured,

    /// <summary>A GitHub App: JWT, installation tokens, check runs.</summary>
    App,

    /// <summary>A plain token: commit statuses.</summary>
    Token,
}

/// <summary>How GitHub calls are retried (defaults suit github.com; tests shorten them).</summary>
public sealed class GitHubRetryOptions
{
    /// <summary>First back-off step; later steps double, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries inside one job run before the job itself is rescheduled.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Waits up to this long happen in-process; longer ones release the job until GitHub allows it again.</summary>
    public TimeSpan MaxInProcessWait { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary><c>Storage:*</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public string Provider { get; set; } = Sqlite;

    /// <summary>For SQLite a file path or a full connection string; default <c>data/prreviewbot.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL: unless the connection string says otherwise, a pool of 10 connections, automatic preparation of
    /// frequent statements and no reset when a connection goes back to the pool. <c>false</c> leaves Npgsql's own
    /// defaults (pool of 100; docs/PERFORMANCE.md).
    /// </summary>
    public bool PostgresConnectionDefaults { get; set; } = true;

    /// <summary>
    /// SQLite lends its one connection in turn: storing a webhook being acknowledged goes before the queue's jobs
    /// waiting for it, so an acknowledgement waits for at most the statement in progress. <c>false</c>: first come,
    /// first served (docs/PERFORMANCE.md).
    /// </summary>
    public bool IntakeFirst { get; set; } = true;

    /// <summary>
    /// A webhook body is stored as its UTF-8 bytes (a BLOB) and its job parses those bytes, instead of storing text that
    /// SQLite or Npgsql turn into UTF-8 and the job reads back as a UTF-16 string (twice the bytes). <c>false</c>: text,
    /// as before. A job reads either column, so deliveries stored before a change still run (docs/PERFORMANCE.md).
    /// </summary>
    public bool Utf8Payloads { get; set; } = true;
}

/// <summary><c>Server:*</c>.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>Where people reach the bot (report links); unset means checks carry no details URL.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// appsettings files changed while serve runs are noticed by looking at those files every 4 s, instead of by a
    /// recursive inotify watcher on the whole content root. The default data folder (the SQLite database, its WAL) is
    /// under the content root, so that watcher woke on every write: ~3% of serve's CPU under load (docs/PERFORMANCE.md).
    /// False: the framework's watcher, as before.
    /// </summary>
    public bool PollConfigurationFiles { get; set; } = true;
}

/// <summary><c>Queue:*</c>: the background worker (defaults suit one machine).</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>
    /// Jobs run at once by this process. A job mostly waits for GitHub (three calls of ~50 ms), so in-flight jobs are
    /// cheap awaits, not threads: what bounds throughput is the CPU and GitHub's per-installation budget. One subject
    /// is never run twice at once, whatever this is. 16 was the old fixed worker count (docs/PERFORMANCE.md).
    /// </summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>
    /// Above 0: jobs run on threads of their own (one per core) at this nice value (Linux, 1-19), so that acknowledging
    /// webhooks gets the CPU first; the store still runs at serve's priority. 0: jobs on the thread pool, as before. A
    /// change from one value above 0 to another takes effect at the next start (docs/PERFORMANCE.md).
    /// </summary>
    public int WorkerNice { get; set; } = 10;

    /// <summary>
    /// Jobs of one installation run at once, at most; so one installation's burst leaves room for the others' work.
    /// 0 = no cap per installation.
    /// </summary>
    public int MaxInFlightPerInstallation { get; set; } = 8;

    /// <summary>
    /// Lease jobs round-robin by installation: an installation's first queued job goes before another's hundredth, so a
    /// burst from one installation never starves another's single PR. False: strictly by due time, oldest first.
    /// </summary>
    public bool FairByInstallation { get; set; } = true;

    /// <summary>Write the sticky comment and the check at the same time when both change. False: comment, then check.</summary>
    public bool ConcurrentWrites { get; set; } = true;

    /// <summary>
    /// Edits and label changes come in bursts (a person saving twice, a bot adding three labels): wait this long
    /// after the first one so the burst costs one evaluation of the latest state.
    /// </summary>
    public TimeSpan EditDebounce { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A job whose worker died (killed, frozen, cut off from the database) is picked up by another after this long. A
    /// live worker renews its leases every <see cref="LeaseRenewal"/>, so a long evaluation keeps its lease.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running job's lease is renewed; at most a third of <see cref="LeaseDuration"/>, so two renewals may fail before it lapses.</summary>
    public TimeSpan LeaseRenewal { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The renewal interval actually used: the configured one, capped at a third of the lease.</summary>
    public TimeSpan EffectiveLeaseRenewal =>
        LeaseRenewal > TimeSpan.Zero && LeaseRenewal <= LeaseDuration / 3 ? LeaseRenewal : LeaseDuration / 3;

    /// <summary>Longest idle sleep between looks at the queue (new work wakes the worker at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait before a failed job runs again; later waits double, up to 15 minutes.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A job that keeps failing for transient reasons is given up after this many runs.</summary>
    public int MaxJobAttempts { get; set; } = 20;

    /// <summary>Deliveries (ids, for de-duplication) are kept this long; GitHub redelivers up to 30 days back.</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(30);
}
