using System.Text.Json;
using PrReviewBot.Service;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Service;

/// <summary>Which <c>issues</c> and <c>issue_comment</c> deliveries become work, and which are only recorded.</summary>
public class IssueRoutingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly QueueOptions Queue = new() { EditDebounce = TimeSpan.FromSeconds(1) };

    private static Routing Route(string eventName, string body)
    {
        using var doc = JsonDocument.Parse(body);
        return DeliveryRoutes.Route(eventName, doc.RootElement, new IntakeContext(Now, Queue));
    }

    [Fact]
    public void OpenedIssue_IsAGateJobForThatIssueAtOnce()
    {
        var work = Route("issues", IssuePayloads.Issue("opened", 7, "Feed is slow", IssueBodies.Eval1, ["performance"])).Work!;

        Assert.Equal(JobKind.Issue, work.Kind);
        Assert.Equal("issue:Codertocat/Hello-World#7", work.Subject);
        Assert.Equal(7, work.Number);
        Assert.Equal(Now, work.DueAt);
    }

    [Theory]
    [InlineData("edited")]
    [InlineData("labeled")]
    [InlineData("unlabeled")]
    public void IssueEditsAndLabels_AreDebounced(string action)
    {
        Assert.Equal(Now.AddSeconds(1), Route("issues", IssuePayloads.Issue(action, 7, "t", "b", ["performance"], label: "performance")).Work!.DueAt);
    }

    [Theory]
    [InlineData("perf-gates: incomplete")]
    [InlineData("PERF-GATES: SATISFIED")]
    public void TheGateLabelItself_ChangesNothing(string label)
    {
        var routing = Route("issues", IssuePayloads.Issue("labeled", 7, "t", "b", ["performance", label], label: label));

        Assert.True(routing.Ignored);
        Assert.Contains("gate label", routing.Note);
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("assigned")]
    [InlineData("transferred")]
    public void OtherIssueActions_AreOnlyRecorded(string action)
    {
        Assert.True(Route("issues", IssuePayloads.Issue(action, 7, "t", "b", ["performance"])).Ignored);
    }

    [Fact]
    public void CommandOnAnIssue_IsWorkForTheIssue_OnAPullRequest_WorkForThePullRequest()
    {
        var onIssue = Route("issue_comment", IssuePayloads.Comment(7, "/perf-review plan")).Work!;
        var onPr = Route("issue_comment", IssuePayloads.Comment(2, "/perf-review recheck", onPullRequest: true)).Work!;

        Assert.Equal((JobKind.Issue, "issue:Codertocat/Hello-World#7"), (onIssue.Kind, onIssue.Subject));
        Assert.Equal((JobKind.PullRequest, "Codertocat/Hello-World#2"), (onPr.Kind, onPr.Subject));
        Assert.Equal(Now, onPr.DueAt);
    }

    [Theory]
    [InlineData("Looks good to me")]
    [InlineData("```\n/perf-review override quoted in a code block\n```")]
    [InlineData("> /perf-review override quoted from someone else")]
    [InlineData("`/perf-review revoke` is how you undo it")]
    public void CommentWithoutACommandAtTheStartOfALine_IsOnlyRecorded(string body)
    {
        var routing = Route("issue_comment", IssuePayloads.Comment(2, body, onPullRequest: true));

        Assert.True(routing.Ignored);
        Assert.Equal("comment without a /perf-review command", routing.Note);
    }

    [Fact]
    public void CommentsByBots_AreNeverAnswered()
    {
        Assert.True(Route("issue_comment", IssuePayloads.Comment(2, "/perf-review override x", login: "prreviewbot[bot]", userType: "Bot", onPullRequest: true)).Ignored);
        Assert.True(Route("issue_comment", IssuePayloads.Comment(2, "/perf-review help", login: "renovate[bot]", onPullRequest: true)).Ignored);
        Assert.True(Route("issue_comment", IssuePayloads.Comment(2, "/perf-review help", login: "octo-writer", viaApp: true, onPullRequest: true)).Ignored);
        Assert.True(Route("issue_comment", IssuePayloads.Comment(2, "<!-- prreviewbot:perf-command -->\n/perf-review help", onPullRequest: true)).Ignored);
    }

    [Fact]
    public void CommentEditedBySomeoneElse_RunsNothing()
    {
        var routing = Route("issue_comment", IssuePayloads.Comment(2, "/perf-review override ship it", login: "octo-reader", action: "edited", sender: "octo-admin", onPullRequest: true));

        Assert.True(routing.Ignored);
        Assert.Contains("edited by octo-admin", routing.Note);
    }

    [Fact]
    public void DeletedComment_IsOnlyRecorded()
    {
        Assert.True(Route("issue_comment", IssuePayloads.Comment(2, "/perf-review help", action: "deleted", onPullRequest: true)).Ignored);
    }
}
