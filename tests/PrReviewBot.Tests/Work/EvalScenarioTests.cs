using System.Net;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Planning;
using PrReviewBot.Core.Rendering;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Work;

/// <summary>
/// The process's acceptance scenarios (seed evals.json) on GitHub, end to end: evals 1, 2, 3, 5 and 6 filed as issues
/// labelled <c>performance</c> (gate comment and label) and then asked <c>/perf-review plan</c>; eval 4 opened as a PR.
/// </summary>
public class EvalScenarioTests : EndToEndTest
{
    private const int Issue = 21;

    /// <summary>Files the issue with the optimization label, then asks for a plan; returns the gate comment and the plan.</summary>
    private async Task<(string Gates, string Plan, IReadOnlyList<string> Labels)> FileAndAskForAPlanAsync(string title, string body)
    {
        GitHub.AddIssue(new FakeIssue { Repository = Repo, Number = Issue, Title = title, Body = body, Labels = ["performance"] });
        var bot = await StartBotAsync();

        await bot.SendAsync("issues", IssuePayloads.Issue("opened", Issue, title, body, ["performance"]));
        await bot.WaitForIdleAsync();
        await bot.SendAsync("issue_comment", IssuePayloads.Comment(Issue, "/perf-review plan", login: "octo-reader"));
        await bot.WaitForIdleAsync();

        Assert.Equal(2, GitHub.Comments.Count);
        Assert.All(GitHub.Comments, c => Assert.Equal(Issue, c.Number));
        var gates = Assert.Single(GitHub.Comments, c => GateCommentRenderer.IsGateComment(c.Body)).Body;
        var plan = Assert.Single(GitHub.Comments, c => c.Body.StartsWith(PlanCommentRenderer.Marker, StringComparison.Ordinal)).Body;
        return (gates, plan, GitHub.Issue(Repo, Issue).Labels);
    }

    private static void AssertAsksForTargetsHotPathAndProfile(string gates)
    {
        Assert.Contains("#### ❌ Gate 1: What are the hard targets?", gates);
        Assert.Contains("STOP. Measure the baseline first", gates);
        Assert.Contains("#### ❌ Gate 2: Where is the hot path?", gates);
        Assert.Contains("#### ❌ Gate 3: What does the profile say?", gates);
    }

    private static void AssertMeasureFirst(string plan)
    {
        Assert.Contains("The plan is to **measure, not to code**", plan);
        Assert.Contains("#### What to measure", plan);
        Assert.DoesNotContain("#### Actions", plan);
        Assert.DoesNotContain("Escalation plan: Step", plan);
    }

    [Theory]
    [InlineData("Blog API feels slow", IssueBodies.Eval1)]
    [InlineData("Product catalog service: caching from day one?", IssueBodies.Eval5)]
    public async Task Evals1And5_GatesIncompleteAskingForTargetsHotPathAndProfile_PlanSaysMeasureFirst_NoCacheNoSingleflightNoLockFree(string title, string body)
    {
        var (gates, plan, labels) = await FileAndAskForAPlanAsync(title, body);

        AssertAsksForTargetsHotPathAndProfile(gates);
        Assert.Equal(["performance", "perf-gates: incomplete"], labels);
        AssertMeasureFirst(plan);
        Assert.Contains("No cache, no singleflight and no lock", plan);
        Assert.Contains("Which endpoints account for >80% of traffic?", MarkdownUnescaped(plan));
    }

    [Fact]
    public async Task Eval5_PushesBackOnPrematureDesignAndAsksForObservabilityFirst()
    {
        var (_, plan, _) = await FileAndAskForAPlanAsync("Product catalog service: caching from day one?", IssueBodies.Eval5);

        var text = MarkdownUnescaped(plan);
        Assert.Contains("Premature design: at 200–1,000 RPS a properly indexed database and possibly one Redis cache layer is likely enough", text);
        Assert.Contains("Observability before optimization", text);
    }

    [Fact]
    public async Task Eval2_PushesBackOnAllThreeAtOnce_AsksForProfileAndCurrentNumbers_StartsFromTheLadder()
    {
        var (gates, plan, labels) = await FileAndAskForAPlanAsync("User feed: L1+L2 cache, singleflight, zero-serialization", IssueBodies.Eval2);

        Assert.Contains("#### ❌ Gate 3: What does the profile say?", gates);
        Assert.Contains("#### ❌ Gate 4", gates);
        Assert.Equal(["performance", "perf-gates: incomplete"], labels);
        AssertMeasureFirst(plan);
        var text = MarkdownUnescaped(plan);
        Assert.Contains("Not all at once", text);
        Assert.Contains("Start from the ladder's step 1", text);
        Assert.Contains("each with metric proof", text);
        Assert.Contains("Profile the hot path", text);
        Assert.Contains("current latency distribution (p50, p95, p99)", text);
        Assert.Contains("Throughput: at what load", text);
    }

    [Fact]
    public async Task Eval3_StepOne_BatchedQueryAndIndexes_LoadTestAndFlag_NoCache()
    {
        var (gates, plan, _) = await FileAndAskForAPlanAsync("Feed endpoint is too slow for the mobile app", IssueBodies.Eval3);

        Assert.Contains("| ✅ | 1. What are the hard targets? | target: p95 latency &lt; 80 ms", gates);
        Assert.Contains("| ✅ | 2. Where is the hot path? |", gates);
        Assert.Contains("| ✅ | 3. What does the profile say? |", gates);
        Assert.Contains("### Escalation plan: Step 1: Fix the query", plan);
        Assert.Contains("`WHERE id = ANY($1)`", plan);
        Assert.Contains("Add missing indexes", plan);
        Assert.Contains("#### Load test", plan);
        Assert.Contains("Run at least 60 s sustained", plan);
        Assert.Contains("#### Rollback", plan);
        Assert.Contains("- Flag: `feed_batched_query`", plan);
        Assert.Contains("#### Steps deliberately skipped", plan);
        Assert.Contains("No cache: the profile shows the cost in the queries themselves", MarkdownUnescaped(plan));
        Assert.DoesNotContain("Escalation plan: Step 2", plan);
        Assert.DoesNotContain("Escalation plan: Step 3", plan);
    }

    [Fact]
    public async Task Eval6_AllGatesSatisfied_StepThreeL1CacheWithTtlSizeBoundInvalidation_LoadTestAfter()
    {
        var (gates, plan, labels) = await FileAndAskForAPlanAsync("Products listing: p99 120ms, target 50ms", IssueBodies.Eval6);

        Assert.Contains("Performance gates: all five answered", gates);
        Assert.DoesNotContain("❌", gates);
        Assert.Equal(["performance", "perf-gates: satisfied"], labels);
        Assert.Contains("### Escalation plan: Step 3", plan);
        Assert.DoesNotContain("measure, not to code", plan);
        var text = MarkdownUnescaped(plan);
        Assert.Contains("TTL short (seconds)", text);
        Assert.Contains("memory budget (memory <= 512 MB)", text);
        Assert.Contains("pub/sub", text);
        Assert.Contains("#### Load test", plan);
        Assert.Contains("15,000 RPS", text);
        Assert.Contains("- Flag: `products_l1_cache` (named in the description)", plan);
    }

    [Fact]
    public async Task Eval4AsAPullRequest_FailsWithTheBundlingFinding_AndAsksForNumbersAndProfile()
    {
        GitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Repo,
            Number = Pr,
            Title = "perf: optimize the cache layer",
            Body = """
                Optimized our cache layer:

                - added an in-process LRU cache
                - added singleflight so concurrent misses collapse into one fetch
                - switched cache serialization from JSON to msgpack

                All in one commit. Tests pass. Can someone review?
                """,
            HeadSha = Payloads.HeadSha,
            Labels = ["performance"],
            Files = ["internal/cache/lru.go", "internal/cache/singleflight.go", "internal/cache/codec.go"],
        });
        var bot = await StartBotAsync();

        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        var check = Assert.Single(GitHub.CheckRuns);
        Assert.Equal("failure", check.Conclusion);
        var sticky = Assert.Single(GitHub.Comments, c => c.Body.StartsWith(CommentRenderer.Marker, StringComparison.Ordinal)).Body;
        var text = MarkdownUnescaped(sticky);
        Assert.Contains("bundled_optimizations", text);
        Assert.Contains("singleflight", text);
        Assert.Contains("serialization", text);
        Assert.Matches(@"\| Profile evidence \| ❌ missing", sticky);
        Assert.Matches(@"\| Before/after numbers \| ❌ missing", sticky);
        // No linked gate issue and no named switch: the first evaluation stays within the PR's own call budget.
        Assert.Empty(GitHub.RequestsTo("GET", $"/repos/{Repo}/issues/"));
    }

    /// <summary>The comment's prose as a reader sees it (Markdown's escaping backslashes, HTML entities and zero-width spaces undone), to search for phrases.</summary>
    private static string MarkdownUnescaped(string markdown) => WebUtility.HtmlDecode(
        Regex.Replace(markdown, @"\\([\\`*_{}\[\]()#+\-.!|<>~&:@=%$])", "$1")).Replace("\u200B", "", StringComparison.Ordinal);
}
