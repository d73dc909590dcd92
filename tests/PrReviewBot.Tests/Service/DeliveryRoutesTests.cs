using System.Text.Json;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;
using PrReviewBot.Work;

namespace PrReviewBot.Tests.Service;

public class DeliveryRoutesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly QueueOptions Queue = new() { EditDebounce = TimeSpan.FromSeconds(1) };

    private static Routing Route(string eventName, string body)
    {
        using var doc = JsonDocument.Parse(body);
        return DeliveryRoutes.Route(eventName, doc.RootElement, new IntakeContext(Now, Queue));
    }

    [Fact]
    public void OpenedPullRequest_IsReviewedAtOnce()
    {
        var routing = Route("pull_request", Payloads.PullRequest("opened"));

        Assert.Equal("Codertocat/Hello-World#2", routing.Work!.Subject);
        Assert.Equal(Now, routing.Work.DueAt);
        Assert.Equal(1, routing.Work.InstallationId);
        Assert.Equal("master", routing.Work.BaseRef);
    }

    [Fact]
    public void EditedPullRequest_IsDebounced()
    {
        Assert.Equal(Now.AddSeconds(1), Route("pull_request", Payloads.PullRequest("edited")).Work!.DueAt);
    }

    [Fact]
    public void CheckRunRerequested_UsesTheExternalIdAndForcesAPost()
    {
        var work = Route("check_run", Payloads.CheckRunRerequested("2")).Work!;

        Assert.Equal(2, work.Number);
        Assert.True(work.Force);
    }

    [Fact]
    public void CheckRunOfAnotherKindWithoutPr_LooksUpItsCommit()
    {
        var work = Route("check_run", Payloads.CheckRunRerequested("")).Work!;

        Assert.Equal(JobKind.Commit, work.Kind);
        Assert.Equal("d6fde92930d4715a2b49857d24b940956b26d2d3", work.Sha);
    }

    [Fact]
    public void MergeGroup_NamesItsPrAndHeadSha()
    {
        var work = Route("merge_group", Payloads.MergeGroup()).Work!;

        Assert.Equal(JobKind.MergeGroup, work.Kind);
        Assert.Equal(2, work.Number);
        Assert.Equal("master", work.BaseRef);
        Assert.Equal("4f1c9b2e8d7a6c5b4a3f2e1d0c9b8a7f6e5d4c3b", work.Sha);
    }

    [Theory]
    [InlineData("refs/heads/gh-readonly-queue/main/pr-42-0123456789abcdef0123456789abcdef01234567", 42)]
    [InlineData("gh-readonly-queue/release/v1/pr-7-abcdef", 7)]
    [InlineData("refs/heads/main", null)]
    [InlineData(null, null)]
    public void MergeQueueBranch_NamesThePr(string? headRef, int? number)
    {
        Assert.Equal(number, MergeGroupCheck.PullRequestOf(headRef));
    }

    [Fact]
    public void PullRequestWithoutRepository_IsRefused()
    {
        var e = Assert.Throws<MalformedPayloadException>(() => Route("pull_request", """{"action":"opened","number":3,"pull_request":{"number":3}}"""));

        Assert.Contains("repository", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4F1C9B2E8D7A6C5B4A3F2E1D0C9B8A7F6E5D4C3B", "4f1c9b2e8d7a6c5b4a3f2e1d0c9b8a7f6e5d4c3b")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void CommitShas_OfSha1AndSha256Repositories_AreAcceptedInLowerCase(string sha, string expected)
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Payloads.MergeGroup())!;
        payload["merge_group"]!["head_sha"] = sha;

        Assert.Equal(expected, Route("merge_group", payload.ToJsonString()).Work!.Sha);
    }

    [Theory]
    [InlineData("4f1c9b2e8d7a6c5b4a3f2e1d0c9b8a7f6e5d4c3")]
    [InlineData("../../etc/passwd")]
    [InlineData("4f1c9b2e8d7a6c5b4a3f2e1d0c9b8a7f6e5d4c3b/x")]
    public void HeadShasThatAreNoSha_AreMalformed(string sha)
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Payloads.MergeGroup())!;
        payload["merge_group"]!["head_sha"] = sha;

        var e = Assert.Throws<MalformedPayloadException>(() => Route("merge_group", payload.ToJsonString()));
        Assert.Contains("merge_group.head_sha", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("main..evil")]
    [InlineData("refs/heads/x y")]
    [InlineData("a:b")]
    public void BaseRefsGitWouldRefuse_AreMalformed(string baseRef)
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Payloads.PullRequest("opened"))!;
        payload["pull_request"]!["base"]!["ref"] = baseRef;

        Assert.Throws<MalformedPayloadException>(() => Route("pull_request", payload.ToJsonString()));
    }

    [Fact]
    public void IgnoredActions_AreRecordedWhateverElseThePayloadHolds()
    {
        var routing = Route("pull_request", """{"action":"closed","pull_request":null,"installation":{"id":"x"},"repository":[]}""");

        Assert.True(routing.Ignored);
        Assert.Null(routing.InstallationId);
        Assert.Null(routing.Repository);
    }

    [Fact]
    public void EveryRoutedEventHasOneRoute()
    {
        Assert.Equal(["check_run", "check_suite", "installation", "installation_repositories", "issue_comment", "issues", "merge_group", "ping", "pull_request"],
            DeliveryRoutes.Events.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ping_IsRecordedWithItsZen()
    {
        var routing = Route("ping", Payloads.Load("ping/payload.json").ToJsonString());

        Assert.True(routing.Ignored);
        Assert.StartsWith("ping:", routing.Note);
    }

    [Theory]
    [InlineData("https://api.github.com/", "https://api.github.com/graphql")]
    [InlineData("https://github.com", "https://api.github.com/graphql")]
    [InlineData("https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql")]
    [InlineData("http://127.0.0.1:9000/", "http://127.0.0.1:9000/graphql")]
    public void GraphQLEndpoint_FollowsTheRestBase(string apiBase, string graphQL)
    {
        Assert.Equal(graphQL, GitHubConnections.GraphQLUriOf(GitHubConnections.ApiBaseOf(apiBase)).AbsoluteUri);
    }

    [Theory]
    [InlineData("https://api.github.com/repos/octo/feed/issues/12/comments", "repos/{owner}/{repo}/issues/{n}/comments")]
    [InlineData("https://api.github.com/repos/octo/feed/commits/0123456789abcdef0123456789abcdef01234567/pulls", "repos/{owner}/{repo}/commits/{sha}/pulls")]
    [InlineData("https://api.github.com/app/installations/99/access_tokens", "app/installations/{n}/access_tokens")]
    public void CallsAreCountedByEndpoint(string url, string route)
    {
        Assert.Equal(route, GitHubTraffic.Route(new Uri(url)));
    }
}
