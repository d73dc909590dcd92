using System.Text.Json;
using PrReviewBot.Cli;

namespace PrReviewBot.Tests.Cli;

public class PlanCommandTests
{
    // Seed evals.json scenario 3, written up as an issue.
    private const string NPlusOneIssue = """
        **Problem:** the feed is too slow for the new mobile app.

        We need p95 under 80 ms (today it is 240ms) at our current load of ~2,500 req/s.
        The feed endpoint accounts for 88% of all API traffic.

        We looked at Datadog APM traces for /feed: the span breakdown shows 60% of p99 in Postgres, one SELECT per post
        — the classic N+1 pattern.
        """;

    // Seed evals.json scenario 5.
    private const string NewServiceIssue =
        "We're building a new microservice for product catalog. Expected traffic is around 200 RPS initially, growing to maybe 1,000 RPS in 6 months. Should we design it with L1+L2 cache, singleflight, and circuit breakers from the start?";

    [Fact]
    public async Task MeasuredIssue_GivesAStepOnePlanAndExitsZero()
    {
        using var run = new CliRun();
        var file = run.File("issue.md", NPlusOneIssue);

        var result = await CliRun.Run(null, "plan", "--body-file", file);

        Assert.Equal(CliApp.ExitPass, result.ExitCode);
        Assert.StartsWith("Escalation plan: Step 1: Fix the query", result.Out, StringComparison.Ordinal);
        Assert.Contains("WHERE id = ANY($1)", result.Out, StringComparison.Ordinal);
        Assert.Contains("flag feed_batched_query (suggested name)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnmeasuredIssue_GivesAMeasureFirstPlanAndStillExitsZero()
    {
        var result = await CliRun.Run(NewServiceIssue, "plan");

        Assert.Equal(CliApp.ExitPass, result.ExitCode);
        Assert.StartsWith("Escalation plan: Measure first", result.Out, StringComparison.Ordinal);
        Assert.Contains("No cache, no singleflight and no lock-free code yet", result.Out, StringComparison.Ordinal);
        Assert.Contains("Premature design: at 200–1,000 RPS", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkdownFormat_IsThePlanComment()
    {
        var result = await CliRun.Run(NPlusOneIssue, "plan", "-f", "markdown");

        Assert.StartsWith("<!-- prreviewbot:perf-plan -->\n### Escalation plan: Step 1: Fix the query", result.Out, StringComparison.Ordinal);
        Assert.Contains("#### Steps deliberately skipped", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonFormat_IsValid()
    {
        var result = await CliRun.Run(NPlusOneIssue, "plan", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("ladderStep", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("step").GetProperty("number").GetInt32());
        Assert.Equal(60, json.RootElement.GetProperty("loadTest").GetProperty("minimumSeconds").GetInt32());
    }

    [Fact]
    public async Task EmptyBody_GivesAMeasureFirstPlan()
    {
        var result = await CliRun.Run(string.Empty, "plan", "-f", "json");

        Assert.Equal(CliApp.ExitPass, result.ExitCode);
        Assert.Equal("measureFirst", JsonDocument.Parse(result.Out).RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task MissingFile_IsAUsageError()
    {
        using var run = new CliRun();

        var result = await CliRun.Run(null, "plan", "-b", run.Missing("plan.md"));

        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("no such file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByteOrderMark_IsNotPartOfTheBody()
    {
        using var run = new CliRun();
        var path = run.File("bom.md", NPlusOneIssue, bom: true);

        var result = await CliRun.Run(null, "plan", "-b", path, "-f", "json");

        Assert.Equal("ladderStep", JsonDocument.Parse(result.Out).RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Help_ExplainsThePlan()
    {
        var result = await CliRun.Run(null, "plan", "-h");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("escalation plan", result.Out, StringComparison.Ordinal);
        Assert.Contains("0  a plan was produced", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 fix the query, 2 Redis cache, 3 in-process L1 cache", result.Out, StringComparison.Ordinal);
    }
}
