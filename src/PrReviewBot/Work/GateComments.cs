using Microsoft.Extensions.Logging;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Gates;
using PrReviewBot.GitHub;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// Gate mode's output on GitHub: judges an issue's text against the five gates, then brings the one sticky gate
/// comment up to date (created, edited in place when the verdict's text changed, never rewritten when it did not)
/// and, on issues, the gate label (<c>perf-gates: satisfied</c> or <c>perf-gates: incomplete</c>, the other removed).
/// </summary>
public sealed class GateComments(IGitHub gitHub, IGateStore store, TimeProvider time, ILogger<GateComments> log)
{
    public async Task<GateVerdict> SyncAsync(RepositoryRef repo, IssueSnapshot issue, GateConfig config, bool requested, CancellationToken ct)
    {
        var stored = await store.GetGatesAsync(repo.FullName, issue.Number, ct);
        var verdict = GateReviewer.Default.Judge(new IssueDescription(issue.Title, issue.Body));
        var body = CommentText.Fit(GateCommentRenderer.Render(verdict));
        var fingerprint = ReviewRendering.Fingerprint(body);
        var record = (stored ?? new GateRecord { Repository = repo.FullName, Number = issue.Number }) with
        {
            InstallationId = repo.InstallationId,
            Requested = (stored?.Requested ?? false) || requested,
            AllSatisfied = verdict.AllSatisfied,
            EvaluatedAt = time.GetUtcNow(),
        };
        if (record.CommentId is null && issue.GateComment is { } found)
        {
            record = record with { CommentId = found.Id, CommentFingerprint = ReviewRendering.Fingerprint(found.Body) };
        }

        string commentAction;
        if (record.CommentId is { } id && record.CommentFingerprint == fingerprint)
        {
            commentAction = "unchanged";
        }
        else if (record.CommentId is { } existing && await gitHub.UpdateCommentAsync(repo, existing, body, ct))
        {
            record = record with { CommentFingerprint = fingerprint };
            commentAction = "updated";
        }
        else
        {
            var created = await gitHub.CreateCommentAsync(repo, issue.Number, body, ct);
            record = record with { CommentId = created, CommentFingerprint = fingerprint };
            commentAction = "created";
        }
        await store.SaveGatesAsync(record, ct);

        var labelAction = "none";
        if (!issue.IsPullRequest)
        {
            // The check carries a PR's verdict; labels are gate mode's answer on issues only.
            var wanted = verdict.Label(config);
            var stale = verdict.StaleLabel(config);
            var changes = new List<string>();
            if (!Has(issue, wanted))
            {
                await gitHub.AddLabelAsync(repo, issue.Number, wanted, ct);
                changes.Add("+" + wanted);
            }
            if (Has(issue, stale) && await gitHub.RemoveLabelAsync(repo, issue.Number, stale, ct))
            {
                changes.Add("-" + stale);
            }
            record = record with { Label = wanted };
            await store.SaveGatesAsync(record, ct);
            labelAction = changes.Count > 0 ? string.Join(' ', changes) : "unchanged";
        }
        log.LogInformation("Gates of {Repository}#{Number}: {Open} open; comment {CommentAction}, label {LabelAction}",
            repo.FullName, issue.Number, verdict.Open.Count(), commentAction, labelAction);
        return verdict;
    }

    /// <summary>
    /// The issue no longer carries an optimization label and nobody asked for its gates: the gate label the bot set
    /// goes (it would claim a judgement the bot no longer keeps). The comment stays as the record of the last one.
    /// </summary>
    public async Task WithdrawLabelAsync(RepositoryRef repo, IssueSnapshot issue, GateRecord stored, GateConfig config, CancellationToken ct)
    {
        foreach (var label in new[] { config.SatisfiedLabel, config.IncompleteLabel, stored.Label }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (Has(issue, label))
            {
                await gitHub.RemoveLabelAsync(repo, issue.Number, label, ct);
            }
        }
        await store.SaveGatesAsync(stored with { Label = null, EvaluatedAt = time.GetUtcNow() }, ct);
        log.LogInformation("{Repository}#{Number} is no longer labelled as optimization work: gate label removed", repo.FullName, issue.Number);
    }

    /// <summary>
    /// A PR that asked for <c>/perf-review gates</c> keeps its gate comment current as its description changes: judged
    /// from the text the review already read, so this costs a call only when the comment must change.
    /// </summary>
    public async Task RefreshOnPullRequestAsync(RepositoryRef repo, int number, string title, string body, CancellationToken ct)
    {
        var stored = await store.GetGatesAsync(repo.FullName, number, ct);
        if (stored?.CommentId is not { } id)
        {
            return;
        }
        var verdict = GateReviewer.Default.Judge(new IssueDescription(title, body));
        var text = CommentText.Fit(GateCommentRenderer.Render(verdict));
        var fingerprint = ReviewRendering.Fingerprint(text);
        if (fingerprint == stored.CommentFingerprint)
        {
            return;
        }
        var updated = await gitHub.UpdateCommentAsync(repo, id, text, ct);
        await store.SaveGatesAsync(stored with
        {
            // Deleted by someone: forget it; the next /perf-review gates posts a new one.
            CommentId = updated ? id : null,
            CommentFingerprint = updated ? fingerprint : null,
            AllSatisfied = verdict.AllSatisfied,
            EvaluatedAt = time.GetUtcNow(),
        }, ct);
    }

    private static bool Has(IssueSnapshot issue, string label) => issue.Labels.Contains(label, StringComparer.OrdinalIgnoreCase);
}
