using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Rendering;
using PrReviewBot.GitHub;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// A merge queue waits for the same required check on its temporary branch's head. Report the PR's last
/// verdict there (evaluating the PR first if the bot has never seen it), so the queue never stalls on us.
/// </summary>
public sealed partial class MergeGroupCheck(IGitHub gitHub, IWorkStore store, PullRequestReview review, ReportLinks links, ILogger<MergeGroupCheck> log) : IJobHandler
{
    /// <summary>The PR a merge group was built for: <c>refs/heads/gh-readonly-queue/main/pr-42-&lt;sha&gt;</c>.</summary>
    public static int? PullRequestOf(string? headRef)
    {
        var match = headRef is null ? null : QueueBranch().Match(headRef);
        return match is { Success: true } && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    [GeneratedRegex(@"gh-readonly-queue/.+/pr-(\d+)-[0-9a-fA-F]+$")]
    private static partial Regex QueueBranch();

    public JobKind Kind => JobKind.MergeGroup;

    public async Task RunAsync(LeasedJob job, IReadOnlyList<JobDelivery> deliveries, CancellationToken ct)
    {
        var sha = job.Sha ?? throw new InvalidOperationException($"job {job.Subject} names no merge group head");
        var repo = RepositoryRef.Parse(job.Repository, job.InstallationId);
        if (job.Number is not { } number)
        {
            log.LogWarning("Merge group {Sha} in {Repository} names no PR; failing its check so nothing unreviewed merges", sha, repo.FullName);
            var unknown = new CheckOutput("Cannot tell which PR this merge group is for",
                "PrReviewBot could not find the PR number in the merge group's branch name, so it cannot vouch for it.", "", CheckConclusion.Failure);
            await PublishAsync(repo, new CheckPublication(ReviewConfig.Default.CheckName, sha, unknown, null, "",
                ReviewRendering.StatusDescription(unknown)), ct);
            return;
        }

        var record = await store.GetPullRequestAsync(repo.FullName, number, ct);
        if (record?.CheckJson is null)
        {
            var prJob = job with { Subject = WorkRequest.PullRequestSubject(repo.FullName, number), Kind = JobKind.PullRequest, Sha = null, Force = false };
            record = await review.RunAsync(prJob, deliveries, ct);
        }
        if (record?.CheckJson is not { } json || JsonSerializer.Deserialize<PostedCheck>(json) is not { } posted)
        {
            log.LogWarning("{Repository}#{PullRequest} has no verdict to report on merge group {Sha}", repo.FullName, number, sha);
            return;
        }
        var name = record.CheckName ?? ReviewConfig.Default.CheckName;
        await PublishAsync(repo, new CheckPublication(name, sha, posted.Output, links.For(repo.FullName, number),
            number.ToString(CultureInfo.InvariantCulture), posted.StatusDescription), ct);
        log.LogInformation("Reported {Repository}#{PullRequest}'s verdict ({Conclusion}) on merge group {Sha}",
            repo.FullName, number, ReviewRendering.Name(posted.Output.Conclusion), sha);
    }

    private async Task PublishAsync(RepositoryRef repo, CheckPublication check, CancellationToken ct)
    {
        try
        {
            await gitHub.PublishCheckAsync(repo, check, ct);
        }
        catch (GitHubAnswerUnreadableException e)
        {
            // Posted; only GitHub's answer could not be read. Running the job again would post it twice.
            log.LogWarning("The check on merge group {Sha} in {Repository} was posted but GitHub's answer could not be read: {Reason}", check.HeadSha, repo.FullName, e.Message);
        }
    }
}
