using PrReviewBot.Storage;

namespace PrReviewBot.Service;

/// <summary>A PR a check suite or run lists: its number and base branch.</summary>
public sealed record ListedPullRequest(int Number, string? BaseRef);

/// <summary>The PRs a re-run commit's payload listed (empty on forks): its commit job reviews these before looking further.</summary>
public sealed record CommitPullRequestList(IReadOnlyList<int> Numbers);

/// <summary>
/// <c>check_suite.rerequested</c> ("Re-run all checks"): the one PR it lists is reviewed again; with none (a fork's
/// branch) or several, the commit's job finds them.
/// </summary>
public sealed class CheckSuiteRoute : IEventRoute
{
    public string Event => "check_suite";

    public Routing Route(PayloadObject payload, IntakeContext context)
    {
        var seen = Envelope.ReadLeniently(payload);
        if (seen.Action != "rerequested")
        {
            return seen.Ignore($"check_suite.{seen.Action} needs nothing (pull_request events drive reviews)");
        }
        var envelope = Envelope.Read(payload);
        var repository = envelope.RequireRepository();
        var suite = payload.Object("check_suite");
        var listed = PullRequestsOf(suite);
        if (listed.Count == 1)
        {
            var only = listed[0];
            return envelope.Accept(WorkRequest.PullRequestSubject(repository, only.Number), JobKind.PullRequest, only.Number, null, only.BaseRef,
                context.Now, force: true, reevaluates: true);
        }
        var sha = suite.Sha("head_sha");
        return envelope.Accept(WorkRequest.CommitSubject(repository, sha), JobKind.Commit, null, sha, null, context.Now, force: true,
            reevaluates: true, new CommitPullRequestList([.. listed.Select(p => p.Number).Distinct()]));
    }

    /// <summary>The <c>pull_requests</c> of a check suite or run, each checked.</summary>
    internal static IReadOnlyList<ListedPullRequest> PullRequestsOf(PayloadObject holder) =>
        [.. holder.Objects("pull_requests").Select(pr => new ListedPullRequest(pr.PositiveInt("number"), pr.OptionalObject("base")?.OptionalRef("ref")))];
}
