using System.Text.Json.Nodes;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Conformance;

/// <summary>
/// Drives the bot once through every kind of GitHub call it makes — a PR's check and sticky comment, an edit, a
/// re-run, a fork's check suite, gate mode's comment and labels (added and removed), commands with a permission
/// lookup, and a commit status in token mode — and keeps every request the fake GitHub received, for the
/// conformance tests to hold against GitHub's published descriptions.
/// </summary>
public sealed class ConformanceRun : EndToEndTest
{
    private const int Issue = 7;
    private const int TokenModePr = 8;

    public IReadOnlyList<ReceivedRequest> Received { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AddOptimizationPr(Descriptions.Incomplete);
        GitHub.AddIssue(new FakeIssue { Repository = Repo, Number = Issue, Title = "Feed API is too slow", Body = IssueBodies.Eval1, Labels = ["performance"] });
        var bot = await StartBotAsync();

        await SendAsync(bot, "pull_request", Payloads.PullRequest("opened"));
        GitHub.Update(Repo, Pr, p => p.Body = Descriptions.Complete);
        await SendAsync(bot, "pull_request", Payloads.PullRequest("edited"));
        await SendAsync(bot, "check_run", Payloads.CheckRunRerequested(externalId: Pr.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await SendAsync(bot, "check_suite", Payloads.CheckSuiteRerequested(fork: true));

        await SendAsync(bot, "issues", IssuePayloads.Issue("opened", Issue, "Feed API is too slow", IssueBodies.Eval1, ["performance"]));
        GitHub.UpdateIssue(Repo, Issue, i => i.Body = IssueBodies.Eval6);
        await SendAsync(bot, "issues", IssuePayloads.Issue("edited", Issue, "Feed API is too slow", IssueBodies.Eval6, GitHub.Issue(Repo, Issue).Labels));
        await SendAsync(bot, "issue_comment", IssuePayloads.Comment(Issue, "/perf-review plan", commentId: 1001));
        await SendAsync(bot, "issue_comment", IssuePayloads.Comment(Pr, "/perf-review override the load test ran on staging", onPullRequest: true, commentId: 1002));

        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo, Number = TokenModePr, Title = Descriptions.Title, Body = Descriptions.Incomplete,
            HeadSha = "0123456789abcdef0123456789abcdef01234567", Labels = ["performance"], Files = ["src/Feed/FeedRepository.cs"],
        });
        var tokenBot = await StartBotAsync(s => s.Auth = BotAuth.Token);
        await SendAsync(tokenBot, "pull_request", Payloads.PullRequest("opened", "0123456789abcdef0123456789abcdef01234567", TokenModePr));

        Received = GitHub.Requests;
    }

    private static async Task SendAsync(BotUnderTest bot, string eventName, string body)
    {
        var answer = await bot.SendAsync(eventName, body);
        Assert.True(answer.IsSuccessStatusCode, $"{eventName} was answered {(int)answer.StatusCode}");
        await bot.WaitForIdleAsync();
    }

    /// <summary>The REST requests (everything but GraphQL), with the path as GitHub's API sees it.</summary>
    public IEnumerable<ReceivedRequest> Rest => Received.Where(r => r.Path != "/graphql");

    /// <summary>The GraphQL requests the bot sent: each document with the variables it was sent with.</summary>
    public IEnumerable<(string Query, JsonObject? Variables)> GraphQLRequests =>
        Received.Where(r => r.Path == "/graphql").Select(r => JsonNode.Parse(r.Body)!).Select(b => ((string)b["query"]!, b["variables"] as JsonObject));
}
