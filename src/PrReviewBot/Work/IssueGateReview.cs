using Microsoft.Extensions.Logging;
using PrReviewBot.Core.Commands;
using PrReviewBot.Core.Gates;
using PrReviewBot.GitHub;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// Gate mode on one issue: its commands first, then, when it is labelled as optimization work (or someone
/// asked with <c>/perf-review gates</c>), the five gates judged on the issue as it is now, one read of GitHub for all.
/// </summary>
public sealed class IssueGateReview(IGitHub gitHub, IGateStore store, PerfCommands commands, GateComments gates, ILogger<IssueGateReview> log) : IJobHandler
{
    public JobKind Kind => JobKind.Issue;

    public async Task RunAsync(LeasedJob job, IReadOnlyList<JobDelivery> deliveries, CancellationToken ct)
    {
        var number = job.Number ?? throw new InvalidOperationException($"job {job.Subject} names no issue number");
        var stored = await store.GetGatesAsync(job.Repository, number, ct);
        var repo = RepositoryRef.Parse(job.Repository, job.InstallationId ?? stored?.InstallationId);
        var issue = new LazyIssueSnapshot(gitHub, repo, number, findComment: stored?.CommentId is null, log);

        var effects = await commands.RunAsync(issue, CommentTarget.Issue, deliveries, ct);
        var issueChanged = JobDelivery.AskForEvaluation(deliveries);
        if (!effects.Gates && !issueChanged)
        {
            return;
        }
        if (await issue.GetAsync(ct) is not { } snapshot || snapshot.IsPullRequest)
        {
            log.LogInformation("{Repository}#{Number} is not an issue (any more); no gates to judge", repo.FullName, number);
            return;
        }
        var config = (await issue.ConfigAsync(ct)).Gates;
        var triggered = GateTrigger.AppliesTo(snapshot.Labels, config);
        var requested = stored?.Requested ?? false;
        if (effects.Gates || (snapshot.IsOpen && (triggered || requested)))
        {
            await gates.SyncAsync(repo, snapshot, config, requested: effects.Gates, ct);
        }
        else if (stored?.Label is not null && !triggered && !requested)
        {
            await gates.WithdrawLabelAsync(repo, snapshot, stored, config, ct);
        }
        else
        {
            log.LogInformation("{Repository}#{Number} carries no optimization label ({Labels}); no gates to judge", repo.FullName, number,
                string.Join(", ", config.Labels));
        }
    }
}
