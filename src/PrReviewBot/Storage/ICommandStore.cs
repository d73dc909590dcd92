namespace PrReviewBot.Storage;

/// <summary>
/// What the <c>/perf-review</c> commands keep (issue 4), beside <see cref="IWorkStore"/>: every command comment
/// decided, so a redelivery or an edit that leaves the command as it was never runs it twice; and the override audit
/// log, from which the override in force on a PR is read. Overrides are never purged: they are the audit trail.
/// </summary>
public interface ICommandStore
{
    /// <summary>The command decided for this comment and command text, or null when it was never seen.</summary>
    Task<CommandRecord?> GetCommandAsync(string repository, long commentId, string fingerprint, CancellationToken ct);

    /// <summary>
    /// Records a decided command and, in the same transaction, the override or revoke it makes. False when this
    /// comment's command was already recorded: then nothing changes.
    /// </summary>
    Task<bool> RecordCommandAsync(CommandRecord command, OverrideEvent? change, CancellationToken ct);

    /// <summary>Marks the command carried out (its reply posted): a later delivery of the same comment does nothing.</summary>
    Task MarkCommandDoneAsync(CommandRecord command, DateTimeOffset at, CancellationToken ct);

    /// <summary>The override in force on a PR (the latest event, when it is an override), or null.</summary>
    Task<OverrideEvent?> CurrentOverrideAsync(string repository, int number, CancellationToken ct);

    /// <summary>A PR's overrides and revocations, newest first.</summary>
    Task<IReadOnlyList<OverrideEvent>> OverrideEventsAsync(string repository, int number, int limit, CancellationToken ct);
}

/// <summary>
/// One command comment, as decided. <see cref="Fingerprint"/> identifies the command text (verb and argument), so an
/// edit that changes the command is a new command. <see cref="Reply"/> is what the bot answers (null for none).
/// </summary>
public sealed record CommandRecord(
    string Repository,
    int Number,
    long CommentId,
    string Fingerprint,
    string DeliveryId,
    string Actor,
    string Verb,
    string Action,
    string? Reply,
    bool Refused,
    DateTimeOffset DecidedAt,
    DateTimeOffset? DoneAt = null);

public enum OverrideAction
{
    Override,
    Revoke,

    /// <summary><c>/perf-review skip</c>: not an optimization PR. Like an override, it lasts until revoked.</summary>
    Skip,
}

/// <summary>One entry of the override audit log: who overrode or revoked, why, when, and in which comment.</summary>
public sealed record OverrideEvent(
    string Repository,
    int Number,
    OverrideAction Action,
    string Actor,
    string? Reason,
    DateTimeOffset At,
    long CommentId);

/// <summary>Gate mode's state per issue (and per PR that asked for <c>/perf-review gates</c>), beside <see cref="IWorkStore"/>.</summary>
public interface IGateStore
{
    Task<GateRecord?> GetGatesAsync(string repository, int number, CancellationToken ct);

    Task SaveGatesAsync(GateRecord record, CancellationToken ct);

    /// <summary>
    /// Sets the issues a PR's constraint links (replacing what it linked before; none forgets the PR), so a change of
    /// their gate status can re-evaluate it. Writes only what changed.
    /// </summary>
    Task LinkPullRequestAsync(string repository, int pullRequest, IReadOnlyCollection<int> issues, DateTimeOffset at, CancellationToken ct);

    /// <summary>The PRs whose constraint links this issue, as their last evaluations saw it.</summary>
    Task<IReadOnlyList<int>> LinkingPullRequestsAsync(string repository, int issue, CancellationToken ct);
}

/// <summary>What gate mode last posted on an issue: the sticky gate comment, the gate label, and whether someone asked.</summary>
public sealed record GateRecord
{
    public required string Repository { get; init; }
    public required int Number { get; init; }
    public long? InstallationId { get; init; }

    /// <summary>Someone asked with <c>/perf-review gates</c> (or <c>recheck</c>): the gates are kept current even without an optimization label.</summary>
    public bool Requested { get; init; }
    public long? CommentId { get; init; }
    public string? CommentFingerprint { get; init; }

    /// <summary>The gate label the bot last set (null when it set none, or removed it).</summary>
    public string? Label { get; init; }
    public bool? AllSatisfied { get; init; }

    /// <summary>The numbers of the gates still open, comma-separated (empty when all are satisfied; null before migration 4).</summary>
    public string? OpenGates { get; init; }
    public DateTimeOffset EvaluatedAt { get; init; }
}
