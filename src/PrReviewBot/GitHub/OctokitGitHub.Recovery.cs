using Octokit;
using PrReviewBot.Service;
using GitHubLimits = PrReviewBot.Core.Rendering.GitHubLimits;
using ReviewConclusion = PrReviewBot.Core.Rendering.CheckConclusion;

namespace PrReviewBot.GitHub;

/// <summary>After an interrupted run: read what GitHub already shows before posting it again.</summary>
public sealed partial class OctokitGitHub
{
    public async Task<bool> IsCheckPostedAsync(RepositoryRef repo, CheckPublication check, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        var client = connections.ClientFor(repo);
        if (Mode == GitHubMode.App)
        {
            var runs = await policy.RunAsync("read check runs", idempotent: true,
                _ => client.Check.Run.GetAllForReference(repo.Owner, repo.Name, check.HeadSha,
                    new CheckRunRequest { CheckName = check.Name, Filter = CheckRunCompletedAtFilter.Latest },
                    new ApiOptions { PageSize = 10, PageCount = 1 }),
                ct, OnUnauthorized(repo));
            var latest = runs.CheckRuns.Where(r => r.Name == check.Name).OrderByDescending(r => r.Id).FirstOrDefault();
            return latest is not null
                && latest.Conclusion?.StringValue == ConclusionName(check.Output.Conclusion)
                && latest.Output?.Title == check.Output.Title
                && latest.Output?.Summary == check.Output.Summary;
        }
        var statuses = await policy.RunAsync("read commit statuses", idempotent: true,
            _ => client.Repository.Status.GetAll(repo.Owner, repo.Name, check.HeadSha, new ApiOptions { PageSize = 100, PageCount = 1 }), ct);
        // GitHub lists statuses newest first.
        var status = statuses.FirstOrDefault(s => s.Context == check.Name);
        return status is not null
            && status.State.StringValue == (check.Output.Conclusion == ReviewConclusion.Failure ? "failure" : "success")
            && status.Description == StatusDescription(check.StatusDescription);
    }

    private static string ConclusionName(ReviewConclusion conclusion) => conclusion switch
    {
        ReviewConclusion.Success => "success",
        ReviewConclusion.Neutral => "neutral",
        _ => "failure",
    };

    internal static string StatusDescription(string description) =>
        description.Length <= GitHubLimits.StatusDescription ? description : description[..(GitHubLimits.StatusDescription - 1)] + "…";
}
