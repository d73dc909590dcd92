using PrReviewBot.Storage;

namespace PrReviewBot.Service;

/// <summary>
/// <c>pull_request</c>: the actions that change what the review sees queue the PR's review. The PR is read from GitHub
/// when the work runs, so the payload only has to name it (and hint where its config lives: the base branch).
/// </summary>
public sealed class PullRequestRoute : IEventRoute
{
    public static readonly IReadOnlySet<string> ReviewedActions =
        new HashSet<string>(StringComparer.Ordinal) { "opened", "edited", "synchronize", "reopened", "ready_for_review", "labeled", "unlabeled" };

    /// <summary>Actions that come in bursts (saving twice, several labels at once): debounced.</summary>
    internal static readonly IReadOnlySet<string> BurstyActions =
        new HashSet<string>(StringComparer.Ordinal) { "edited", "labeled", "unlabeled" };

    public string Event => "pull_request";

    public Routing Route(PayloadObject payload, IntakeContext context)
    {
        var seen = Envelope.ReadLeniently(payload);
        if (seen.Action is not { } action || !ReviewedActions.Contains(action))
        {
            return seen.Ignore($"pull_request.{seen.Action} needs no review");
        }
        var envelope = Envelope.Read(payload);
        var pr = payload.Object("pull_request");
        var number = payload.OptionalPositiveInt("number") ?? pr.PositiveInt("number");
        var baseRef = pr.OptionalObject("base")?.OptionalRef("ref");
        var delay = BurstyActions.Contains(action) ? context.Queue.EditDebounce : TimeSpan.Zero;
        return envelope.Accept(WorkRequest.PullRequestSubject(envelope.RequireRepository(), number), JobKind.PullRequest, number, null, baseRef,
            context.Now + delay, force: false, reevaluates: true);
    }
}
