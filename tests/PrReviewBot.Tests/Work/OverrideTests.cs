using System.Net;
using PrReviewBot.Core.Commands;
using PrReviewBot.Core.Rendering;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Report;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Work;

/// <summary>
/// <c>/perf-review override</c> and <c>revoke</c> on a PR with a failing check: who may, what GitHub shows afterwards,
/// and the audit trail.
/// </summary>
public class OverrideTests : EndToEndTest
{
    private const string Reason = "hotfix for incident 4711, load test follows in the next PR";

    private async Task<BotUnderTest> StartWithFailingCheckAsync(Action<BotSettings>? adjust = null)
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(adjust);
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();
        Assert.Equal("failure", Assert.Single(GitHub.CheckRuns).Conclusion);
        return bot;
    }

    private static Task Comment(BotUnderTest bot, string body, string login, long id = 1001) =>
        bot.SendAsync("issue_comment", IssuePayloads.Comment(Pr, body, login: login, onPullRequest: true, commentId: id));

    private FakeComment Sticky() => Assert.Single(GitHub.Comments, c => c.Body.StartsWith(CommentRenderer.Marker, StringComparison.Ordinal));

    private IReadOnlyList<FakeComment> Replies() => GitHub.Comments.Where(c => c.Body.StartsWith(CommandReplies.Marker, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task OverrideByAWriter_PassesTheCheck_ShowsInTheStickyComment_AndIsAudited()
    {
        GitHub.SetPermission("octo-writer", "write");
        var bot = await StartWithFailingCheckAsync();

        await Comment(bot, $"/perf-review override {Reason}", "octo-writer");
        await bot.WaitForIdleAsync();

        var check = GitHub.CheckRuns[^1];
        Assert.Equal(2, GitHub.CheckRuns.Count);
        Assert.Equal("success", check.Conclusion);
        Assert.Equal(Payloads.HeadSha, check.HeadSha);
        Assert.Equal($"Overridden by @octo-writer: {Reason}", check.Title);
        Assert.Contains($"overridden by {MarkdownText.Escape("@octo-writer", 60)}: {MarkdownText.Escape(Reason, 200)}", Sticky().Body);
        Assert.DoesNotContain("@octo-writer", Sticky().Body);
        Assert.Equal(1, Sticky().Edits);
        var reply = Assert.Single(Replies());
        Assert.Contains("overridden by @octo-writer", reply.Body);
        var audit = Assert.Single(await ((ICommandStore)bot.Store).OverrideEventsAsync(Repo, Pr, 10, CancellationToken.None));
        Assert.Equal((OverrideAction.Override, "octo-writer", Reason), (audit.Action, audit.Actor, audit.Reason));
        Assert.Single(GitHub.RequestsTo("GET", $"/repos/{Repo}/collaborators/octo-writer/permission"));
    }

    [Fact]
    public async Task OverrideByAReader_IsRefusedPolitely_AndNothingChanges()
    {
        GitHub.SetPermission("octo-reader", "read");
        var bot = await StartWithFailingCheckAsync();
        var stickyBefore = Sticky();

        await Comment(bot, $"/perf-review override {Reason}", "octo-reader");
        await bot.WaitForIdleAsync();

        var reply = Assert.Single(Replies());
        Assert.StartsWith(CommandReplies.Marker + "\nSorry @octo-reader, to override the check you need at least `write` permission", reply.Body);
        Assert.Contains("Nothing changed.", reply.Body);
        Assert.Single(GitHub.CheckRuns);
        Assert.Equal(stickyBefore, Sticky());
        Assert.Empty(await ((ICommandStore)bot.Store).OverrideEventsAsync(Repo, Pr, 10, CancellationToken.None));
    }

    [Fact]
    public async Task OverrideByAMemberOfAConfiguredTeam_IsAllowed_OthersAreAskedAboutEveryTeam()
    {
        GitHub.PutFile(Repo, "master", ".github/perf-review.yml", "overrides:\n  teams: [perf-leads, other-org/sre]\n");
        GitHub.SetPermission("octo-lead", "read");
        GitHub.SetPermission("octo-reader", "triage");
        GitHub.AddTeamMember("Codertocat", "perf-leads", "octo-lead");
        var bot = await StartWithFailingCheckAsync();

        await Comment(bot, "/perf-review override agreed in the perf review meeting", "octo-reader", 1001);
        await bot.WaitForIdleAsync();
        await Comment(bot, "/perf-review override agreed in the perf review meeting", "octo-lead", 1002);
        await bot.WaitForIdleAsync();

        Assert.Equal("success", GitHub.CheckRuns[^1].Conclusion);
        Assert.StartsWith("Overridden by @octo-lead", GitHub.CheckRuns[^1].Title, StringComparison.Ordinal);
        Assert.Contains("membership in `perf-leads`, `other-org/sre`", Replies()[0].Body);
        Assert.Single(GitHub.RequestsTo("GET", "/orgs/Codertocat/teams/perf-leads/memberships/octo-reader"));
        Assert.Single(GitHub.RequestsTo("GET", "/orgs/other-org/teams/sre/memberships/octo-reader"));
        Assert.Single(GitHub.RequestsTo("GET", "/orgs/Codertocat/teams/perf-leads/memberships/octo-lead"));
        Assert.Empty(GitHub.RequestsTo("GET", "/orgs/other-org/teams/sre/memberships/octo-lead"));
    }

    [Fact]
    public async Task Revoke_RestoresTheFailingCheck_AndTheAuditKeepsBoth()
    {
        var bot = await StartWithFailingCheckAsync();
        await Comment(bot, $"/perf-review override {Reason}", "octo-writer", 1001);
        await bot.WaitForIdleAsync();

        await Comment(bot, "/perf-review revoke", "octo-admin", 1002);
        await bot.WaitForIdleAsync();

        Assert.Equal(["failure", "success", "failure"], GitHub.CheckRuns.Select(c => c.Conclusion));
        Assert.DoesNotContain("overridden", Sticky().Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("@octo-admin revoked the override by @octo-writer", Replies()[^1].Body);
        var audit = await ((ICommandStore)bot.Store).OverrideEventsAsync(Repo, Pr, 10, CancellationToken.None);
        Assert.Equal([(OverrideAction.Revoke, "octo-admin"), (OverrideAction.Override, "octo-writer")], audit.Select(a => (a.Action, a.Actor)));
        Assert.Null(await ((ICommandStore)bot.Store).CurrentOverrideAsync(Repo, Pr, CancellationToken.None));
    }

    [Fact]
    public async Task RevokeByAReader_IsRefused_TheOverrideStands()
    {
        GitHub.SetPermission("octo-reader", "read");
        var bot = await StartWithFailingCheckAsync();
        await Comment(bot, $"/perf-review override {Reason}", "octo-writer", 1001);
        await bot.WaitForIdleAsync();

        await Comment(bot, "/perf-review revoke", "octo-reader", 1002);
        await bot.WaitForIdleAsync();

        Assert.Equal("success", GitHub.CheckRuns[^1].Conclusion);
        Assert.Equal(2, GitHub.CheckRuns.Count);
        Assert.Contains("to revoke an override you need", Replies()[^1].Body);
    }

    [Fact]
    public async Task TheOverrideLastsAcrossANewPush_UntilRevoked()
    {
        var bot = await StartWithFailingCheckAsync();
        await Comment(bot, $"/perf-review override {Reason}", "octo-writer");
        await bot.WaitForIdleAsync();

        const string newHead = "0123456789abcdef0123456789abcdef01234567";
        GitHub.Update(Repo, Pr, pr => pr.HeadSha = newHead);
        await bot.SendAsync("pull_request", Payloads.PullRequest("synchronize", newHead));
        await bot.WaitForIdleAsync();

        var check = GitHub.CheckRuns[^1];
        Assert.Equal((newHead, "success"), (check.HeadSha, check.Conclusion));
        Assert.StartsWith("Overridden by @octo-writer", check.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverrideWithoutAReason_OrOnAnIssue_IsRefused()
    {
        GitHub.AddIssue(new FakeIssue { Repository = Repo, Number = 9, Title = "t", Body = IssueBodies.Eval1 });
        var bot = await StartWithFailingCheckAsync();

        await Comment(bot, "/perf-review override", "octo-writer");
        await bot.SendAsync("issue_comment", IssuePayloads.Comment(9, "/perf-review override because", login: "octo-writer", commentId: 1002));
        await bot.WaitForIdleAsync();

        Assert.Contains("an override needs a reason", Replies().Single(r => r.Number == Pr).Body);
        Assert.Contains("applies to a pull request's `perf-review` check", Replies().Single(r => r.Number == 9).Body);
        Assert.Single(GitHub.CheckRuns);
        Assert.Empty(GitHub.RequestsTo("GET", $"/repos/{Repo}/collaborators/"));
    }

    [Fact]
    public async Task HostileReason_IsEscapedInTheReply_TheCheck_TheStickyComment_AndTheReportPage()
    {
        const string hostile = "@octo-org/everyone see #1 <img src=x onerror=alert(1)> [click](https://evil.example) **now** <!-- prreviewbot:perf-review -->";
        var bot = await StartWithFailingCheckAsync(s => s.Config["Server:PublicUrl"] = ReportPageTests.PublicUrl);

        await Comment(bot, $"/perf-review override {hostile}", "octo-writer");
        await bot.WaitForIdleAsync();

        var reply = Assert.Single(Replies()).Body;
        var sticky = Sticky().Body;
        var check = GitHub.CheckRuns[^1];
        foreach (var markdown in new[] { reply, sticky, check.Summary!, check.Text ?? "" })
        {
            Assert.DoesNotContain("@octo-org/everyone", markdown);
            Assert.DoesNotContain("#1 ", markdown);
            Assert.DoesNotContain("<img", markdown);
            Assert.DoesNotContain("[click](", markdown);
            Assert.DoesNotContain("https://evil", markdown);
            Assert.DoesNotContain("**now**", markdown);
        }
        Assert.Contains("@\u200Bocto\\-org/everyone", sticky);
        Assert.Equal(1, sticky.Split("<!-- prreviewbot:").Length - 1);
        Assert.Equal(1, reply.Split("<!-- prreviewbot:").Length - 1);
        // The title is plain text (GitHub renders no Markdown there): control characters and line breaks are gone.
        Assert.DoesNotContain('\n', check.Title!);

        var path = check.DetailsUrl![ReportPageTests.PublicUrl.Length..];
        var page = await bot.Http.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"overrides\"", html);
        Assert.Contains("by @octo-writer", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.DoesNotContain("<!-- prreviewbot:perf-review -->", html);
    }
}
