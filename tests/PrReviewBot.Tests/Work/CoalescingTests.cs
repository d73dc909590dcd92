using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Work;

/// <summary>A burst of deliveries for one PR costs one evaluation of the PR's latest state.</summary>
public class CoalescingTests : EndToEndTest
{
    [SkippableFact]
    public async Task TenEditsInABurst_CostOneEvaluationOfTheLatestState()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        // Generous window: ten HTTP requests on a loaded CI machine still land well inside it.
        var bot = await StartBotAsync(s => s.Config["Queue:EditDebounce"] = "00:00:03");

        var last = "";
        for (var i = 1; i <= 10; i++)
        {
            last = Descriptions.Incomplete + $"\n\nEdit {i}: clarified the load-test setup.";
            var body = last;
            GitHub.Update(Repo, Pr, pr => pr.Body = body);
            await bot.SendAsync("pull_request", Payloads.PullRequest("edited"));
        }
        await bot.WaitForIdleAsync();

        var evaluation = Assert.Single(await bot.Store.EvaluationsAsync(Repo, Pr, 20, CancellationToken.None));
        Assert.Equal(10, evaluation.DeliveryIds.Count);
        Assert.Equal([last], GitHub.ServedBodies);
        Assert.Single(GitHub.CheckRuns);
        Assert.Single(GitHub.Comments);
    }

    [SkippableFact]
    public async Task DeliveryArrivingDuringAnEvaluation_RunsTheSubjectAgainAfterwards()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        GitHub.HoldGraphQL();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await BotUnderTest.Eventually(() => GitHub.GraphQL("PullRequestReview").Count == 1, "the first evaluation to read the PR");
        GitHub.Update(Repo, Pr, pr => pr.Body = Descriptions.Complete);
        await bot.SendAsync("pull_request", Payloads.PullRequest("reopened"));
        // The subject is leased: the second delivery must not start a parallel evaluation.
        Assert.Single(GitHub.GraphQL("PullRequestReview"));
        GitHub.ReleaseGraphQL();
        await bot.WaitForIdleAsync();

        Assert.Equal(2, GitHub.GraphQL("PullRequestReview").Count);
        Assert.Equal(Descriptions.Complete, GitHub.ServedBodies[^1]);
        Assert.Equal(2, (await bot.Store.EvaluationsAsync(Repo, Pr, 20, CancellationToken.None)).Count);
    }

    [SkippableFact]
    public async Task DifferentPullRequests_AreEvaluatedIndependently()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo, Number = 3, Title = Descriptions.Title, Body = Descriptions.Incomplete,
            HeadSha = "1111111111111111111111111111111111111111", Labels = ["performance"],
        });
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened", "1111111111111111111111111111111111111111", number: 3));
        await bot.WaitForIdleAsync();

        Assert.Equal(2, GitHub.CheckRuns.Count);
        Assert.Equal([2, 3], GitHub.Comments.Select(c => c.Number).Order());
    }
}
