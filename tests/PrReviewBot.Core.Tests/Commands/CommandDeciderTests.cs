using PrReviewBot.Core.Commands;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Rendering;

namespace PrReviewBot.Core.Tests.Commands;

public class CommandDeciderTests
{
    private static readonly OverrideInfo Existing = new("maintainer-1", "release freeze", DateTimeOffset.UnixEpoch);

    private static CommandOutcome Decide(string comment, CommentTarget target = CommentTarget.PullRequest, bool? mayOverride = true,
        OverrideInfo? current = null, bool bot = false, OverrideConfig? config = null) =>
        CommandDecider.Decide(CommandParser.Parse(comment), new CommandContext(target, "octocat", bot, mayOverride, current), config);

    [Theory]
    [InlineData("/perf-review recheck", CommandAction.Recheck)]
    [InlineData("/perf-review plan", CommandAction.PostPlan)]
    [InlineData("/perf-review gates", CommandAction.EvaluateGates)]
    public void Evaluations_NeedNoPermission(string comment, CommandAction action)
    {
        foreach (var target in new[] { CommentTarget.Issue, CommentTarget.PullRequest })
        {
            var outcome = Decide(comment, target, mayOverride: null);
            Assert.Equal(action, outcome.Action);
            Assert.False(outcome.Refused);
        }
    }

    [Fact]
    public void BotsAreIgnored_WhateverTheyWrite()
    {
        Assert.Equal(CommandAction.Ignore, Decide("/perf-review override because", bot: true).Action);
        Assert.Equal(CommandAction.Ignore, Decide("/perf-review help", bot: true).Action);
        Assert.True(CommandContext.IsBot("prreviewbot[bot]", "Bot"));
        Assert.True(CommandContext.IsBot("renovate[bot]", null));
        Assert.False(CommandContext.IsBot("octocat", "User"));
    }

    [Fact]
    public void NoCommand_IsIgnored()
    {
        Assert.Same(CommandOutcome.Ignore, CommandDecider.Decide(null, new CommandContext(CommentTarget.Issue, "octocat", false)));
    }

    [Fact]
    public void Help_ListsEveryCommand()
    {
        var outcome = Decide("/perf-review help");

        Assert.Equal(CommandAction.Reply, outcome.Action);
        foreach (var verb in new[] { "recheck", "gates", "plan", "override <reason>", "revoke", "help" })
        {
            Assert.Contains("`/perf-review " + verb + "`", outcome.Reply, StringComparison.Ordinal);
        }
        Assert.StartsWith(CommandReplies.Marker, outcome.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_AnswersWithHelpAndTheVerbAsTyped()
    {
        var outcome = Decide("/perf-review rechek");

        Assert.Equal(CommandAction.Reply, outcome.Action);
        Assert.Contains("I don't know the command `rechek`", outcome.Reply, StringComparison.Ordinal);
        Assert.Contains("`/perf-review recheck`", outcome.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_WithPermissionAndReason_IsRecorded()
    {
        var outcome = Decide("/perf-review override hotfix for INC-42, load test follows");

        Assert.Equal(CommandAction.RecordOverride, outcome.Action);
        Assert.Equal("hotfix for INC-42, load test follows", outcome.OverrideReason);
        Assert.Contains("overridden by @octocat**: hotfix for INC\\-42, load test follows", outcome.Reply, StringComparison.Ordinal);
        Assert.Contains("`/perf-review revoke`", outcome.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_ReplacingAnother_SaysWhose()
    {
        var outcome = Decide("/perf-review override new reason", current: Existing);

        Assert.Equal(CommandAction.RecordOverride, outcome.Action);
        Assert.Contains("replaces the override by @maintainer-1", outcome.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_WithoutReason_IsRefusedAskingForOne()
    {
        var outcome = Decide("/perf-review override   ");

        Assert.Equal(CommandAction.Reply, outcome.Action);
        Assert.True(outcome.Refused);
        Assert.Contains("an override needs a reason", outcome.Reply, StringComparison.Ordinal);
        Assert.Contains("Nothing changed", outcome.Reply, StringComparison.Ordinal);
        Assert.Null(outcome.OverrideReason);
    }

    [Fact]
    public void Override_WithoutPermission_IsPolitelyRefused()
    {
        var config = new OverrideConfig { Teams = ["acme/perf-leads"] };
        var outcome = Decide("/perf-review override trust me", mayOverride: false, config: config);

        Assert.Equal(CommandAction.Reply, outcome.Action);
        Assert.True(outcome.Refused);
        Assert.StartsWith(CommandReplies.Marker + "\nSorry @octocat, to override the check you need at least `write` permission", outcome.Reply, StringComparison.Ordinal);
        Assert.Contains("`acme/perf-leads`", outcome.Reply, StringComparison.Ordinal);
        Assert.Contains("Nothing changed", outcome.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_WhenPermissionWasNotChecked_IsRefusedSafely()
    {
        var outcome = Decide("/perf-review override reason", mayOverride: null);

        Assert.True(outcome.Refused);
        Assert.NotEqual(CommandAction.RecordOverride, outcome.Action);
    }

    [Theory]
    [InlineData("/perf-review override reason")]
    [InlineData("/perf-review revoke")]
    public void OverrideAndRevoke_OnAnIssue_AreRefused(string comment)
    {
        var outcome = Decide(comment, CommentTarget.Issue, current: Existing);

        Assert.True(outcome.Refused);
        Assert.Contains("applies to a pull request", outcome.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoke_RemovesTheOverride()
    {
        var outcome = Decide("/perf-review revoke", current: Existing);

        Assert.Equal(CommandAction.RevokeOverride, outcome.Action);
        Assert.Contains("@octocat revoked the override by @maintainer-1", outcome.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoke_WithoutAnOverride_ChangesNothing()
    {
        var outcome = Decide("/perf-review revoke");

        Assert.Equal(CommandAction.Reply, outcome.Action);
        Assert.Contains("no override on this pull request to revoke", outcome.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoke_WithoutPermission_IsRefused()
    {
        var outcome = Decide("/perf-review revoke", mayOverride: false, current: Existing);

        Assert.True(outcome.Refused);
        Assert.Contains("to revoke an override you need", outcome.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void OverrideReason_WithMentionsHtmlAndMarkdown_IsEscapedInTheReply()
    {
        const string reason = "@octo-org/admins and @alice: see <!-- prreviewbot:perf-review --> [docs](https://evil.example) " +
                              "![x](https://evil.example/p.png) <img src=x onerror=alert(1)> # Heading | a | b | **bold** `code` fixes #12 www.evil.example";

        var outcome = Decide("/perf-review override " + reason);
        var reply = outcome.Reply!;

        Assert.Equal(CommandAction.RecordOverride, outcome.Action);
        Assert.Equal(reason, outcome.OverrideReason);
        Assert.Equal(1, reply.Split("<!--").Length - 1);
        Assert.StartsWith(CommandReplies.Marker, reply, StringComparison.Ordinal);
        Assert.DoesNotContain("@octo-org", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("@alice", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("](", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("www.evil", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("#12", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("**bold**", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("| a |", reply, StringComparison.Ordinal);
        Assert.Contains("@octocat", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void OverriddenBy_EscapesTheStoredReason()
    {
        var text = CommandReplies.OverriddenBy(new OverrideInfo("alice", "ping @bob <b>now</b>", DateTimeOffset.UnixEpoch));

        Assert.Equal("overridden by @alice: ping @\u200Bbob &lt;b&gt;now&lt;/b&gt;", text);
    }

    [Theory]
    [InlineData("octocat", "@octocat")]
    [InlineData("dependabot[bot]", "@dependabot[bot]")]
    [InlineData("a-b-c", "@a-b-c")]
    [InlineData("evil <!-- x -->", "evil &lt;\\!\\-\\- x \\-\\-&gt;")]
    [InlineData("-leading", "\\-leading")]
    [InlineData("", "someone")]
    public void Mention_OnlyForRealLogins(string login, string expected)
    {
        Assert.Equal(expected, CommandReplies.Mention(login));
    }

    [Fact]
    public void SkipWithAReason_BySomeoneAllowed_IsRecordedWithItsReason()
    {
        var outcome = Decide("/perf-review skip only renames the bench job");
        Assert.Equal(CommandAction.RecordSkip, outcome.Action);
        Assert.Equal("only renames the bench job", outcome.OverrideReason);
        Assert.Contains("not an optimization PR", outcome.Reply);
    }

    [Theory]
    [InlineData("/perf-review skip", true, CommentTarget.PullRequest, "`skip` needs a reason")]
    [InlineData("/perf-review skip docs only", false, CommentTarget.PullRequest, "to mark a pull request as not an optimization PR you need")]
    [InlineData("/perf-review skip docs only", true, CommentTarget.Issue, "`/perf-review skip` applies to a pull request")]
    public void SkipWithoutReasonPermissionOrPullRequest_IsRefused(string comment, bool mayOverride, CommentTarget target, string says)
    {
        var outcome = Decide(comment, target, mayOverride);
        Assert.True(outcome.Refused);
        Assert.Contains(says, outcome.Reply);
    }
}
