using PrReviewBot.Core.Commands;
using PrReviewBot.Core.Planning;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Work;

/// <summary><c>/perf-review</c> commands in real <c>issue_comment</c> deliveries: what the bot answers, and what it leaves alone.</summary>
public class CommandTests : EndToEndTest
{
    private const int Issue = 9;

    private void AddIssue(string body, params string[] labels) =>
        GitHub.AddIssue(new FakeIssue { Repository = Repo, Number = Issue, Title = "Feed endpoint: p95 240ms, target 80ms", Body = body, Labels = [.. labels] });

    private IReadOnlyList<FakeComment> Replies(int number) => GitHub.Comments.Where(c => c.Number == number && c.Body.StartsWith(CommandReplies.Marker, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task PlanOnTheEval3Issue_RecommendsStepOne_BatchedQueryIndexesLoadTestAndFlag_NoCache()
    {
        AddIssue(IssueBodies.Eval3);
        var bot = await StartBotAsync();

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Issue, "How should we go about this?\n\n/perf-review plan"));
        await bot.WaitForIdleAsync();

        var plan = Assert.Single(GitHub.Comments);
        Assert.Equal(Issue, plan.Number);
        Assert.StartsWith(PlanCommentRenderer.Marker, plan.Body);
        Assert.Contains("### Escalation plan: Step 1: Fix the query", plan.Body);
        Assert.Contains("`WHERE id = ANY($1)`", plan.Body);
        Assert.Contains("Add missing indexes", plan.Body);
        Assert.Contains("#### Load test", plan.Body);
        Assert.Contains("Run at least 60 s sustained", plan.Body);
        Assert.Contains("- Flag: `feed_batched_query`", plan.Body);
        Assert.Contains("no cache", plan.Body);
        Assert.DoesNotContain("Escalation plan: Step 2", plan.Body);
        // A plan is an answer, not gate mode: no label, no gate comment.
        Assert.Empty(GitHub.RequestsTo("POST", $"/repos/{Repo}/issues/{Issue}/labels"));
    }

    [Fact]
    public async Task PlanOnAVagueIssue_SaysMeasureFirst()
    {
        AddIssue(IssueBodies.Eval1);
        var bot = await StartBotAsync();

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Issue, "/perf-review plan"));
        await bot.WaitForIdleAsync();

        var plan = Assert.Single(GitHub.Comments).Body;
        Assert.Contains("The plan is to **measure, not to code**", plan);
        Assert.Contains("#### What to measure", plan);
    }

    [Fact]
    public async Task PlanOnAPullRequest_IsBuiltFromItsDescription()
    {
        AddOptimizationPr(IssueBodies.Eval3);
        var bot = await StartBotAsync();

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, "/perf-review plan", onPullRequest: true));
        await bot.WaitForIdleAsync();

        var plan = Assert.Single(GitHub.Comments);
        Assert.Equal(Pr, plan.Number);
        Assert.Contains("Step 1: Fix the query", plan.Body);
        Assert.Empty(GitHub.CheckRuns);
    }

    [Fact]
    public async Task Help_IsAnsweredWithTheCommandList()
    {
        AddIssue(IssueBodies.Eval1);
        var bot = await StartBotAsync();

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Issue, "/perf-review help"));
        await bot.WaitForIdleAsync();

        var reply = Assert.Single(Replies(Issue));
        Assert.Contains("**PrReviewBot commands**", reply.Body);
        Assert.Contains("`/perf-review override <reason>`", reply.Body);
        Assert.Empty(GitHub.RequestsTo("POST", "/graphql"));
    }

    [Fact]
    public async Task UnknownCommand_IsAnsweredWithHelp()
    {
        AddIssue(IssueBodies.Eval1);
        var bot = await StartBotAsync();

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Issue, "/perf-review fix-it-please"));
        await bot.WaitForIdleAsync();

        var reply = Assert.Single(Replies(Issue));
        Assert.Contains("I don't know the command `fix-it-please`", reply.Body);
    }

    [Fact]
    public async Task RecheckOnAPullRequest_PostsTheCheckAgainEvenIfNothingChanged()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, "/perf-review recheck", onPullRequest: true));
        await bot.WaitForIdleAsync();

        Assert.Equal(2, GitHub.CheckRuns.Count);
        Assert.Empty(Replies(Pr));
    }

    [Fact]
    public async Task CommandInACodeBlockOrQuote_IsIgnored()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, "To override, write:\n\n```\n/perf-review override <reason>\n```", onPullRequest: true));
        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, "> /perf-review override ship it\n\nDon't do that.", onPullRequest: true, commentId: 2));
        await bot.WaitForIdleAsync();

        Assert.Empty(GitHub.Requests);
        Assert.Empty(await ((ICommandStore)bot.Store).OverrideEventsAsync(Repo, Pr, 10, CancellationToken.None));
    }

    [Fact]
    public async Task TheBotsOwnCommentAndAnotherBotsComment_AreIgnored()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();

        // Its own reply (which quotes a command), an App posting through the API, and a bot account.
        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, CommandReplies.Help(CommentTarget.PullRequest) + "\n/perf-review override x",
            login: "prreviewbot[bot]", userType: "Bot", onPullRequest: true, commentId: 1));
        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, "/perf-review override automated", login: "octo-writer", viaApp: true, onPullRequest: true, commentId: 2));
        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, "/perf-review help", login: "dependabot[bot]", userType: "Bot", onPullRequest: true, commentId: 3));
        await bot.WaitForIdleAsync();

        Assert.Empty(GitHub.Requests);
        Assert.Empty(GitHub.Comments);
    }

    [Fact]
    public async Task TheSameCommentDeliveredTwice_OrEditedWithTheSameCommand_ActsOnce()
    {
        AddIssue(IssueBodies.Eval3);
        var bot = await StartBotAsync();
        var delivery = Guid.NewGuid().ToString();
        var payload = IssuePayloads.Comment(Issue, "/perf-review plan");

        await bot.SendAsync("issue_comment", payload, delivery);
        var repeat = await bot.SendAsync("issue_comment", payload, delivery);
        await bot.WaitForIdleAsync();
        await bot.SendAsync("issue_comment", payload); // the same comment under another delivery id (a second hook)
        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Issue, "/perf-review plan\n\nthanks!", action: "edited", previousBody: "/perf-review plan"));
        await bot.WaitForIdleAsync();

        Assert.Equal("duplicate", repeat.Headers.GetValues("X-PrReviewBot-Delivery").Single());
        Assert.Single(GitHub.Comments);
        Assert.Single(GitHub.RequestsTo("POST", $"/repos/{Repo}/issues/{Issue}/comments"));
    }

    [Fact]
    public async Task EditingACommentToAnotherCommand_RunsTheNewOne()
    {
        AddIssue(IssueBodies.Eval3);
        var bot = await StartBotAsync();

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Issue, "/perf-review plna"));
        await bot.WaitForIdleAsync();
        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Issue, "/perf-review plan", action: "edited", previousBody: "/perf-review plna"));
        await bot.WaitForIdleAsync();

        Assert.Equal(2, GitHub.Comments.Count);
        Assert.Contains("I don't know the command", GitHub.Comments[0].Body);
        Assert.StartsWith(PlanCommentRenderer.Marker, GitHub.Comments[1].Body);
    }

    [Fact]
    public async Task AReplyThatFailsToPost_IsPostedOnTheRetry_AndTheCommandIsDecidedOnce()
    {
        AddIssue(IssueBodies.Eval1);
        GitHub.Fail("POST", $"/repos/{Repo}/issues/{Issue}/comments", 502, times: 2);
        var bot = await StartBotAsync(s => s.Config["Queue:RetryBaseDelay"] = "00:00:00.050");

        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Issue, "/perf-review help"));
        await bot.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        Assert.Single(Replies(Issue));
        Assert.Equal(3, GitHub.RequestsTo("POST", $"/repos/{Repo}/issues/{Issue}/comments").Count);
        var command = await ((ICommandStore)bot.Store).GetCommandAsync(Repo, 492700400, CommentFingerprint("/perf-review help"), CancellationToken.None);
        Assert.NotNull(command!.DoneAt);
    }

    private static string CommentFingerprint(string body)
    {
        var delivery = new PendingDelivery("d", "issue_comment", "created", DateTimeOffset.UtcNow, IssuePayloads.Comment(Issue, body));
        return PrReviewBot.Work.JobDelivery.Read(delivery, new PrReviewBot.Service.QueueOptions()).Command!.Fingerprint;
    }
}
