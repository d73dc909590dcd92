using Microsoft.Extensions.Logging;
using PrReviewBot.Core;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Model;
using PrReviewBot.GitHub;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// What the review needs beyond the PR snapshot, asked of GitHub only when the description calls for it, each answer
/// read with a conditional request so an unchanged re-evaluation costs no rate limit:
/// <list type="bullet">
/// <item>a description naming rollback switches: the PR's patches, so <c>flag_not_in_diff</c> can see whether the
/// change mentions them (one call per 100 changed files, at most <see cref="IssueQuery.MaxPatchPages"/>);</item>
/// <item>a constraint linking gate issues of the same repository (issues gate mode judges: labelled as optimization
/// work, or asked with <c>/perf-review gates</c>, as the gate store knows them): each such issue (at most
/// <see cref="MaxLinkedIssues"/>, one call each) is read as it is now and judged against the five gates, so an
/// incomplete one becomes the <c>gate_issue_incomplete</c> finding. A link to any other issue costs no call.</item>
/// </list>
/// </summary>
public sealed class ReviewEvidence(IGitHub gitHub, IGateStore gateIssues, ILogger<ReviewEvidence> log)
{
    public const int MaxLinkedIssues = 3;

    public async Task<Verdict> CompleteAsync(
        RepositoryRef repo, int number, PullRequestDescription description, Verdict verdict, ReviewConfig config, CancellationToken ct)
    {
        if (!verdict.IsOptimization)
        {
            return verdict;
        }
        if (verdict.Switches.Count > 0 && config.SeverityOf(FindingIds.FlagNotInDiff) != Severity.Off
            && description.ChangedFiles is { } files && files.Count > 0 && files.Count <= IssueQuery.MaxPatchPages * 100)
        {
            if (await gitHub.ReadAddedLinesAsync(repo, number, ct) is { } added)
            {
                verdict = Reviewer.Default.Review(description with { ChangedFileText = added }, config);
            }
            else
            {
                log.LogInformation("The patches of {Repository}#{Number} cannot all be read; flag_not_in_diff stays silent", repo.FullName, number);
            }
        }
        if (config.SeverityOf(FindingIds.GateIssueIncomplete) == Severity.Off)
        {
            return verdict;
        }
        var findings = new List<Finding>();
        foreach (var linked in GateIssueFinding.LinkedIssues(verdict.ConstraintLinks, repo.Owner, repo.Name).Where(n => n != number).Take(MaxLinkedIssues))
        {
            if (await gateIssues.GetGatesAsync(repo.FullName, linked, ct) is not { } gated || (gated.Label is null && !gated.Requested))
            {
                continue;
            }
            if (await gitHub.ReadLinkedIssueAsync(repo, linked, ct) is not { } issue)
            {
                continue;
            }
            if (GateIssueFinding.For(linked, GateReviewer.Default.Judge(new IssueDescription(issue.Title, issue.Body))) is { } finding)
            {
                findings.Add(finding);
            }
        }
        return findings.Count > 0 ? Reviewer.WithFindings(verdict, findings, config) : verdict;
    }
}
