using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>A stored delivery of a job, read again by its event's route: what it asks of the job, typed.</summary>
public sealed record JobDelivery(string DeliveryId, string Event, string? Action, DateTimeOffset ReceivedAt, Routing Routing)
{
    /// <summary>The comment's command, for an <c>issue_comment</c> delivery that carries one.</summary>
    public CommentCommand? Command => Routing.Detail as CommentCommand;

    /// <summary>
    /// The one rule for whether a job evaluates its subject as it is now: some delivery's route says so (the PR or
    /// issue changed, a re-run was asked for), or the job has no delivery at all (work enqueued by the bot itself, or
    /// whose deliveries could not be read: the PR still ends with its check). A comment alone asks only through its command.
    /// </summary>
    public static bool AskForEvaluation(IReadOnlyList<JobDelivery> deliveries) =>
        deliveries.Count == 0 || deliveries.Any(d => d.Routing.Reevaluates);

    /// <summary>Reads a stored delivery with the route that accepted it.</summary>
    /// <exception cref="MalformedPayloadException">The stored body cannot be read (stored by an older version, or damaged).</exception>
    public static JobDelivery Read(PendingDelivery stored, QueueOptions queue)
    {
        var context = new IntakeContext(stored.ReceivedAt, queue);
        var routing = stored.Payload is { } utf8 ? DeliveryRoutes.Route(stored.Event, utf8, context)
            : stored.Body is { } body ? DeliveryRoutes.Route(stored.Event, body, context)
            : throw new MalformedPayloadException("the delivery was stored without its body");
        return new JobDelivery(stored.DeliveryId, stored.Event, stored.Action, stored.ReceivedAt, routing);
    }
}

/// <summary>Runs the jobs of one <see cref="JobKind"/>: each kind has exactly one handler, which names its kind.</summary>
public interface IJobHandler
{
    JobKind Kind { get; }

    Task RunAsync(LeasedJob job, IReadOnlyList<JobDelivery> deliveries, CancellationToken ct);
}
