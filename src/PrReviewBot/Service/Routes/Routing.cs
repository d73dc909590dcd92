using PrReviewBot.Storage;

namespace PrReviewBot.Service;

/// <summary>
/// What a delivery is: the work it asks for (none: recorded and ignored) and what to record about it.
/// </summary>
/// <param name="Reevaluates">
/// The job evaluates its subject as it is now because of this delivery (a PR or issue changed, a re-run was asked for).
/// False for a comment: only its command, if it says so, asks for a review.
/// </param>
/// <param name="Detail">The event's typed content its job acts on (a comment's command, the PRs a check suite lists), or null.</param>
public sealed record Routing(
    string? Action,
    long? InstallationId,
    string? Repository,
    int? Number,
    WorkRequest? Work,
    string? Note,
    bool Reevaluates = false,
    object? Detail = null)
{
    public bool Ignored => Work is null;
}

/// <summary>What routing may depend on besides the payload.</summary>
public sealed record IntakeContext(DateTimeOffset Now, QueueOptions Queue);

/// <summary>
/// One webhook event: reads its payload into typed values (every value checked, see <see cref="PayloadObject"/>),
/// decides whether the delivery asks for work, and names the job. One implementation per event, found by
/// <see cref="DeliveryRoutes"/>; adding an event is adding one.
/// </summary>
public interface IEventRoute
{
    /// <summary>The <c>X-GitHub-Event</c> this route answers.</summary>
    string Event { get; }

    /// <summary>
    /// Whether the App subscribes to the event in its manifest. GitHub sends <c>ping</c> and the installation events to
    /// every App without a subscription, and refuses them in a manifest.
    /// </summary>
    bool Subscribed => true;

    /// <exception cref="MalformedPayloadException">A value the decision needs is not what GitHub documents.</exception>
    Routing Route(PayloadObject payload, IntakeContext context);
}

/// <summary>The fields every event carries: action, installation and repository.</summary>
public sealed record Envelope(string? Action, long? InstallationId, string? Repository)
{
    /// <summary>Checked: a wrong kind is malformed. Used once a delivery asks for work.</summary>
    public static Envelope Read(PayloadObject payload) => new(
        payload.OptionalString("action"),
        payload.OptionalObject("installation")?.PositiveLong("id"),
        payload.OptionalObject("repository") is { } repo ? PayloadObject.RepositoryFullName(repo) : null);

    /// <summary>Whatever can be read, for recording a delivery that asks for nothing: a malformed field is left out.</summary>
    public static Envelope ReadLeniently(PayloadObject payload) => new(
        payload.LenientString("action"),
        Try(() => payload.OptionalObject("installation")?.OptionalPositiveLong("id")),
        Try(() => payload.OptionalObject("repository") is { } repo ? PayloadObject.RepositoryFullName(repo) : null));

    /// <summary>The repository work is for; a delivery asking for work without one is malformed.</summary>
    public string RequireRepository() =>
        Repository ?? throw new MalformedPayloadException("'repository' is missing; it must be an object with full_name owner/name.");

    public Routing Ignore(string note, int? number = null) => new(Action, InstallationId, Repository, number, null, note);

    /// <summary>Work on this envelope's repository and installation.</summary>
    public Routing Accept(
        string subject, JobKind kind, int? number, string? sha, string? baseRef, DateTimeOffset dueAt, bool force, bool reevaluates, object? detail = null) =>
        new(Action, InstallationId, Repository, number,
            new WorkRequest(subject, kind, RequireRepository(), InstallationId, number, sha, baseRef, dueAt, force), null, reevaluates, detail);

    private static T? Try<T>(Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (MalformedPayloadException)
        {
            return default;
        }
    }
}
