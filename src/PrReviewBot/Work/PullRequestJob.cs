using Microsoft.Extensions.Logging;
using PrReviewBot.Core.Commands;
using PrReviewBot.GitHub;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>A PR's job: its commands first (they may override, revoke or ask for a recheck), then its review when anything asks for one.</summary>
public sealed class PullRequestJob(IWorkStore store, PerfCommands commands, PullRequestReview review, IGitHub gitHub, ILogger<PullRequestJob> log) : IJobHandler
{
    public JobKind Kind => JobKind.PullRequest;

    public async Task RunAsync(LeasedJob job, IReadOnlyList<JobDelivery> deliveries, CancellationToken ct)
    {
        var number = job.Number ?? throw new InvalidOperationException($"job {job.Subject} names no PR number");
        var repo = RepositoryRef.Parse(job.Repository, job.InstallationId ?? (await store.GetPullRequestAsync(job.Repository, number, ct))?.InstallationId);
        var effects = await commands.RunAsync(new LazyIssueSnapshot(gitHub, repo, number, findComment: true, log), CommentTarget.PullRequest, deliveries, ct);
        if (effects.Review || JobDelivery.AskForEvaluation(deliveries))
        {
            await review.RunAsync(effects.Force && !job.Force ? job with { Force = true } : job, deliveries, ct);
        }
    }
}
