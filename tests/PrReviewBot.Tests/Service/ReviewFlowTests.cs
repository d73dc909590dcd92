using System.Net;
using PrReviewBot.Core.Rendering;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Service;

/// <summary>Signed deliveries in over HTTP, the real Octokit client out to the fake GitHub: what GitHub receives.</summary>
public class ReviewFlowTests : EndToEndTest
{
    [SkippableFact]
    public async Task IncompleteDescription_GetsOneFailingCheckOnHeadAndOneCommentNamingWhatIsMissing()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();

        var response = await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = Assert.Single(GitHub.CheckRuns);
        Assert.Equal("perf-review", check.Name);
        Assert.Equal(Payloads.HeadSha, check.HeadSha);
        Assert.Equal("completed", check.Status);
        Assert.Equal("failure", check.Conclusion);
        Assert.Equal("2", check.ExternalId);
        var comment = Assert.Single(GitHub.Comments);
        Assert.Equal(Pr, comment.Number);
        Assert.Contains(CommentRenderer.Marker, comment.Body);
        Assert.Contains("Rollback", comment.Body);
        Assert.Contains("Monitoring", comment.Body);
    }
}

public class ReviewFlowUpdateTests : EndToEndTest
{
    [SkippableFact]
    public async Task DescriptionCompletedByEdit_SameCommentTurnsAllClearAndSuccessfulCheckIsPosted()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        var before = Assert.Single(GitHub.Comments);

        GitHub.Update(Repo, Pr, pr => pr.Body = Descriptions.Complete);
        await bot.SendAsync("pull_request", Payloads.PullRequest("edited"));
        await bot.WaitForIdleAsync();

        var after = Assert.Single(GitHub.Comments);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(1, after.Edits);
        Assert.NotEqual(before.Body, after.Body);
        Assert.Single(GitHub.RequestsTo("PATCH", $"/repos/{Repo}/issues/comments/{before.Id}"));
        Assert.Single(GitHub.RequestsTo("POST", $"/repos/{Repo}/issues/2/comments"));
        Assert.Equal(["failure", "success"], GitHub.CheckRuns.Select(c => c.Conclusion));
        Assert.All(GitHub.CheckRuns, c => Assert.Equal(Payloads.HeadSha, c.HeadSha));
    }

    [SkippableFact]
    public async Task NewPush_GetsACheckOnTheNewHeadSha()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        const string pushed = "0123456789abcdef0123456789abcdef01234567";
        GitHub.Update(Repo, Pr, pr => pr.HeadSha = pushed);
        await bot.SendAsync("pull_request", Payloads.PullRequest("synchronize", pushed));
        await bot.WaitForIdleAsync();

        Assert.Equal([Payloads.HeadSha, pushed], GitHub.CheckRuns.Select(c => c.HeadSha));
        Assert.Equal(GitHub.CheckRuns[0].Conclusion, GitHub.CheckRuns[1].Conclusion);
        Assert.Equal(0, Assert.Single(GitHub.Comments).Edits);
    }

    [SkippableFact]
    public async Task StickyCommentDeletedByAPerson_IsPostedAgainWhenTheVerdictChanges()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        var first = Assert.Single(GitHub.Comments);
        GitHub.DeleteComment(first.Id);

        // Rollback added, monitoring still missing: a new verdict that still needs the comment.
        GitHub.Update(Repo, Pr, pr => pr.Body = Descriptions.Incomplete + Descriptions.RollbackSection);
        await bot.SendAsync("pull_request", Payloads.PullRequest("edited"));
        await bot.WaitForIdleAsync();

        var second = Assert.Single(GitHub.Comments);
        Assert.NotEqual(first.Id, second.Id);
    }

    [SkippableFact]
    public async Task StickyCommentFromAnEarlierLife_IsFoundByItsMarkerAndReused()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.AddComment(Repo, Pr, "Looks good to me", byBot: false);
        GitHub.AddComment(Repo, Pr, $"{CommentRenderer.Marker}\nan older verdict", byBot: true);
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.Empty(GitHub.RequestsTo("POST", $"/repos/{Repo}/issues/2/comments"));
        var sticky = Assert.Single(GitHub.Comments, c => c.ByBot);
        Assert.Equal(1, sticky.Edits);
        Assert.Contains("Rollback", sticky.Body);
    }

    [SkippableFact]
    public async Task ClosedPullRequest_GetsNothing()
    {
        var pr = AddOptimizationPr(Descriptions.Incomplete);
        pr.State = "CLOSED";
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("reopened"));
        await bot.WaitForIdleAsync();

        Assert.Empty(GitHub.CheckRuns);
        Assert.Empty(GitHub.Comments);
    }
}

public class NonOptimizationTests : EndToEndTest
{
    [SkippableFact]
    public async Task NonOptimizationPr_GetsASuccessfulCheckAndNoComment()
    {
        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo,
            Number = Pr,
            Title = Descriptions.ReadmeTitle,
            Body = Descriptions.Readme,
            HeadSha = Payloads.HeadSha,
            Labels = ["bug"],
            Files = ["README.md"],
        });
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var check = Assert.Single(GitHub.CheckRuns);
        Assert.Equal("success", check.Conclusion);
        Assert.Equal(Payloads.HeadSha, check.HeadSha);
        Assert.Contains("Not an optimization PR", check.Title, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(GitHub.Comments);
    }
}

public class ConfigurationTests : EndToEndTest
{
    private const string BadConfig = "# PrReviewBot settings for this repository\nno_such_setting: true\n";

    [SkippableFact]
    public async Task BadConfigOnBaseBranch_GivesAFailingCheckNamingFileAndLine()
    {
        AddOptimizationPr(Descriptions.Complete);
        GitHub.PutFile(Repo, "master", ".github/perf-review.yml", BadConfig);
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var check = Assert.Single(GitHub.CheckRuns);
        Assert.Equal("failure", check.Conclusion);
        var shown = $"{check.Title}\n{check.Summary}\n{check.Text}";
        Assert.Contains(".github/perf-review.yml", shown);
        Assert.Matches(@"perf-review\.yml\D{0,12}\b2\b", shown);
        Assert.Empty(GitHub.Comments);
    }

    [SkippableFact]
    public async Task ConfigIsReadFromTheBaseBranch_NeverFromThePrsHead()
    {
        AddOptimizationPr(Descriptions.Complete);
        GitHub.PutFile(Repo, "changes", ".github/perf-review.yml", BadConfig);
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var query = Assert.Single(GitHub.GraphQL("PullRequestReview"));
        Assert.Contains("\"configExpression\":\"master:.github/perf-review.yml\"", query.Body);
        Assert.DoesNotContain("Invalid", Assert.Single(GitHub.CheckRuns).Title);
    }

    [SkippableFact]
    public async Task RepositoryWithoutConfig_FallsBackToTheOrganizationsDotGithubRepository()
    {
        AddOptimizationPr(Descriptions.Complete);
        GitHub.AddRepository("Codertocat/.github", "main");
        GitHub.PutFile("Codertocat/.github", "main", ".github/perf-review.yml", BadConfig);
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var check = Assert.Single(GitHub.CheckRuns);
        Assert.Equal("failure", check.Conclusion);
        Assert.Contains("Codertocat/.github", $"{check.Title}\n{check.Summary}");
    }

    [SkippableFact]
    public async Task RetargetedPr_ReadsTheConfigOfItsNewBaseBranch()
    {
        var pr = AddOptimizationPr(Descriptions.Complete);
        pr.BaseRef = "release";
        GitHub.PutFile(Repo, "release", ".github/perf-review.yml", BadConfig);
        var bot = await StartBotAsync();

        // The delivery still names master (it was sent before the PR was retargeted).
        await bot.SendAsync("pull_request", Payloads.PullRequest("edited"));
        await bot.WaitForIdleAsync();

        Assert.Single(GitHub.GraphQL("PullRequestConfig"));
        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);
    }
}
