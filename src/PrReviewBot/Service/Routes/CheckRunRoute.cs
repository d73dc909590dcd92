using System.Globalization;
using PrReviewBot.Storage;

namespace PrReviewBot.Service;

/// <summary>
/// <c>check_run.rerequested</c>: someone pressed "Re-run" on the bot's check. The run's external id is the PR number
/// the bot wrote there; failing that, the PR the payload lists; failing that, the commit's PRs are looked up.
/// </summary>
public sealed class CheckRunRoute : IEventRoute
{
    public string Event => "check_run";

    public Routing Route(PayloadObject payload, IntakeContext context)
    {
        var seen = Envelope.ReadLeniently(payload);
        if (seen.Action != "rerequested")
        {
            return seen.Ignore($"check_run.{seen.Action} needs nothing");
        }
        var envelope = Envelope.Read(payload);
        var repository = envelope.RequireRepository();
        var run = payload.Object("check_run");
        var listed = CheckSuiteRoute.PullRequestsOf(run);
        var number = int.TryParse(run.OptionalString("external_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;
        string? baseRef = null;
        if (number is null && listed.Count > 0)
        {
            (number, baseRef) = (listed[0].Number, listed[0].BaseRef);
        }
        if (number is { } pr)
        {
            return envelope.Accept(WorkRequest.PullRequestSubject(repository, pr), JobKind.PullRequest, pr, null, baseRef, context.Now,
                force: true, reevaluates: true);
        }
        var sha = run.Sha("head_sha");
        return envelope.Accept(WorkRequest.CommitSubject(repository, sha), JobKind.Commit, null, sha, null, context.Now, force: true,
            reevaluates: true, new CommitPullRequestList([]));
    }
}
