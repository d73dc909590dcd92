using System.Globalization;
using Microsoft.Extensions.Logging;
using PrReviewBot.Core.Gates;
using PrReviewBot.GitHub;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// Keeps a PR's <c>gate_issue_incomplete</c> finding from going stale: each PR evaluation remembers the issues its
/// constraint links, and when gate mode changes the status of one of them (the gates it leaves open, or whether it
/// judges the issue at all) each linked PR is re-evaluated through the queue, coalesced with any other work for it.
/// An issue judged again with the same status costs nothing.
/// </summary>
public sealed class GateIssueLinks(IGateStore gates, IWorkStore work, TimeProvider time, ILogger<GateIssueLinks> log)
{
    /// <summary>The issues a PR's constraint links now (none forgets the PR: closed, or no longer linking).</summary>
    public Task RememberAsync(RepositoryRef repo, int pullRequest, IReadOnlyCollection<int> issues, CancellationToken ct) =>
        gates.LinkPullRequestAsync(repo.FullName, pullRequest, issues, time.GetUtcNow(), ct);

    public Task ForgetAsync(RepositoryRef repo, int pullRequest, CancellationToken ct) => RememberAsync(repo, pullRequest, [], ct);

    /// <summary>
    /// Called before <paramref name="after"/> is saved (so a failure in between re-evaluates again on the retry):
    /// re-evaluates the PRs linking the issue when its status differs from <paramref name="before"/>.
    /// </summary>
    public async Task StatusChangingAsync(RepositoryRef repo, GateRecord? before, GateRecord after, CancellationToken ct)
    {
        var (was, now) = (Status(before), Status(after));
        if (was == now)
        {
            return;
        }
        var linking = await gates.LinkingPullRequestsAsync(repo.FullName, after.Number, ct);
        foreach (var number in linking.Where(n => n != after.Number))
        {
            await work.EnqueueAsync(new WorkRequest(WorkRequest.PullRequestSubject(repo.FullName, number), JobKind.PullRequest,
                repo.FullName, repo.InstallationId, number, null, null, time.GetUtcNow()), ct);
        }
        if (linking.Count > 0)
        {
            log.LogInformation("Gate status of {Repository}#{Number} changed ({Before} → {After}): re-evaluating the PRs linking it, {PullRequests}",
                repo.FullName, after.Number, was ?? "not judged", now ?? "not judged", linking);
        }
    }

    /// <summary>The gates a verdict leaves open, as stored in <see cref="GateRecord.OpenGates"/>.</summary>
    public static string OpenGates(GateVerdict verdict) =>
        string.Join(',', verdict.Open.Select(g => g.Gate.Number().ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// What a linking PR inherits: null when gate mode does not judge the issue (no gate label set, nobody asked), else
    /// the gates left open ("" when all are satisfied).
    /// </summary>
    internal static string? Status(GateRecord? record) =>
        record is null || (record.Label is null && !record.Requested) ? null
        : record.OpenGates ?? (record.AllSatisfied == true ? "" : "incomplete");
}
