using PrReviewBot.Storage;
using PrReviewBot.Work;

namespace PrReviewBot.Service;

/// <summary><c>merge_group.checks_requested</c>: the queue waits for the check on its temporary branch's head.</summary>
public sealed class MergeGroupRoute : IEventRoute
{
    public string Event => "merge_group";

    public Routing Route(PayloadObject payload, IntakeContext context)
    {
        var seen = Envelope.ReadLeniently(payload);
        if (seen.Action != "checks_requested")
        {
            return seen.Ignore($"merge_group.{seen.Action} needs nothing");
        }
        var envelope = Envelope.Read(payload);
        var group = payload.Object("merge_group");
        var sha = group.Sha("head_sha");
        var number = MergeGroupCheck.PullRequestOf(group.OptionalRef("head_ref"));
        var baseRef = group.OptionalRef("base_ref") is { } r && r.StartsWith("refs/heads/", StringComparison.Ordinal) ? r["refs/heads/".Length..] : group.OptionalRef("base_ref");
        return envelope.Accept(WorkRequest.MergeGroupSubject(envelope.RequireRepository(), sha), JobKind.MergeGroup, number, sha, baseRef, context.Now,
            force: false, reevaluates: true);
    }
}
