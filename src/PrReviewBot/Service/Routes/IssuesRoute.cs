using PrReviewBot.Core.Config;
using PrReviewBot.Storage;

namespace PrReviewBot.Service;

/// <summary><c>issues</c>: gate mode judges an optimization issue again when it is opened, edited or relabelled.</summary>
public sealed class IssuesRoute : IEventRoute
{
    public static readonly IReadOnlySet<string> GateActions =
        new HashSet<string>(StringComparer.Ordinal) { "opened", "edited", "reopened", "labeled", "unlabeled" };

    private static readonly GateConfig DefaultGates = new();

    public string Event => "issues";

    public Routing Route(PayloadObject payload, IntakeContext context)
    {
        var seen = Envelope.ReadLeniently(payload);
        if (seen.Action is not { } action || !GateActions.Contains(action))
        {
            return seen.Ignore($"issues.{seen.Action} needs no gate check");
        }
        var envelope = Envelope.Read(payload);
        var number = payload.Object("issue").PositiveInt("number");
        if (action is "labeled" or "unlabeled" && payload.OptionalObject("label")?.OptionalString("name") is { } name
            && (name.Equals(DefaultGates.SatisfiedLabel, StringComparison.OrdinalIgnoreCase) || name.Equals(DefaultGates.IncompleteLabel, StringComparison.OrdinalIgnoreCase)))
        {
            // The bot's own gate label (or someone setting it by hand): nothing the gates are judged on changed.
            return envelope.Ignore($"issues.{action} with the gate label '{name}' changes nothing", number);
        }
        var delay = PullRequestRoute.BurstyActions.Contains(action) ? context.Queue.EditDebounce : TimeSpan.Zero;
        return envelope.Accept(WorkRequest.IssueSubject(envelope.RequireRepository(), number), JobKind.Issue, number, null, null, context.Now + delay,
            force: false, reevaluates: true);
    }
}
