using System.Text.Json;
using PrReviewBot.Cli;
using PrReviewBot.Core;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Rendering;

namespace PrReviewBot.Tests.Cli;

[Collection(ReviewRunsCollection.Name)]
public sealed class CheckCommandTests : IDisposable
{
    /// <summary>An optimization PR (by its label) whose description proves nothing: the check fails whatever the engine's details.</summary>
    private const string UnprovenBody = "Made the feed faster with a cache.\n\nTests pass.\n";

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static void NoStackTrace(CliResult result)
    {
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    [Fact]
    public async Task UnprovenOptimizationPr_FailsWithExitOne()
    {
        var body = _cli.File("pr.md", UnprovenBody);
        var result = await CliRun.Run(null, "check", "--body-file", body, "--labels", "performance");
        Assert.True(result.ExitCode == CliApp.ExitFail, result.Error);
        Assert.Contains("Performance review", result.Out);
        Assert.Equal("", result.Error);
    }

    /// <summary>All five items, written the way the process asks for them.</summary>
    private const string CompleteBody = """
        ## Constraint
        Feed p95 latency < 80 ms at 2,500 RPS (target set in #412).

        ## Profile
        Flamegraph: https://pyroscope.example.com/flamegraph/feed — `FeedRepository.LoadItems` waits on one query per item: I/O bound (N+1 queries).

        ## Before/after
        k6, 5 min sustained at 2,500 RPS, production-sized dataset:

        | metric | before | after |
        |---|---|---|
        | p50 latency | 95 ms | 31 ms |
        | p95 latency | 240 ms | 78 ms |
        | p99 latency | 410 ms | 150 ms |
        | throughput | 2,500 RPS | 2,500 RPS |
        | error rate | 0.05% | 0.04% |

        ## Rollback
        Flag `feed_batch_query`. To disable: set it to `false` in the flag service (no deploy needed).
        When disabled: the feed loads items one query at a time, exactly as before this PR.

        ## Monitoring
        Dashboard: https://grafana.example.com/d/feed-latency
        Alert rule `FeedLatencyHigh` in `deploy/alerts/feed.yml`.
        """;

    [Fact]
    public async Task CompleteOptimizationPr_PassesWithExitZero()
    {
        var body = _cli.File("pr.md", CompleteBody);
        var files = _cli.File("changed.txt", "src/Feed/FeedRepository.cs\nbench/feed.k6.js\ndeploy/alerts/feed.yml\n");
        var result = await CliRun.Run(null, "check", "--body-file", body, "--title", "perf: batch feed queries", "--files", files, "--format", "json");
        Assert.True(result.ExitCode == CliApp.ExitPass, result.Out + result.Error);
        Assert.Equal("success", JsonDocument.Parse(result.Out).RootElement.GetProperty("conclusion").GetString());
    }

    [Fact]
    public async Task NotAnOptimizationPr_ExitsZero()
    {
        var result = await CliRun.Run("Fix a typo in the README.\n", "check", "--title", "docs: fix typo", "--format", "json");
        Assert.True(result.ExitCode == CliApp.ExitPass, result.Error);
        Assert.Equal("skipped", JsonDocument.Parse(result.Out).RootElement.GetProperty("conclusion").GetString());
    }

    [Fact]
    public async Task ShadowModeConfig_SameFailingPr_ExitsZero()
    {
        var body = _cli.File("pr.md", UnprovenBody);
        var config = _cli.File("perf-review.yml", "mode: shadow\n");
        var result = await CliRun.Run(null, "check", "-b", body, "-l", "performance", "--config", config, "--format", "json");
        Assert.Equal(CliApp.ExitPass, result.ExitCode);
        Assert.Equal("failure", JsonDocument.Parse(result.Out).RootElement.GetProperty("conclusion").GetString());
    }

    [Fact]
    public async Task Json_FollowsTheContract_AndTheExitCodeFollowsTheConclusion()
    {
        var body = _cli.File("pr.md", UnprovenBody);
        var result = await CliRun.Run(null, "check", "--body-file", body, "--title", "perf: cache the feed", "--format", "json");

        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(["isOptimization", "conclusion", "items", "targets", "measurements", "flags", "findings"],
            json.EnumerateObject().Select(p => p.Name));
        var conclusion = json.GetProperty("conclusion").GetString();
        Assert.Contains(conclusion, new[] { "success", "failure", "skipped" });
        Assert.Equal(conclusion == "failure" ? CliApp.ExitFail : CliApp.ExitPass, result.ExitCode);
    }

    [Fact]
    public async Task Markdown_IsExactlyTheCommentTheAppWouldPost()
    {
        var body = _cli.File("pr.md", UnprovenBody);
        var result = await CliRun.Run(null, "check", "--body-file", body, "--labels", "perf,backend", "--format", "markdown");

        var verdict = Reviewer.Default.Review(new PullRequestDescription("", UnprovenBody, ["perf", "backend"]), ReviewConfig.Default);
        Assert.Equal(CommentRenderer.Render(verdict, PresentationContext.None), result.Out);
        Assert.StartsWith(CommentRenderer.Marker, result.Out);
    }

    [Fact]
    public async Task Text_IsTheDefaultFormat()
    {
        var body = _cli.File("pr.md", UnprovenBody);
        var verdict = Reviewer.Default.Review(new PullRequestDescription("", UnprovenBody, ["performance"]), ReviewConfig.Default);
        var result = await CliRun.Run(null, "check", "--body-file", body, "--labels", "performance");
        Assert.Equal(TextRenderer.Render(verdict, PresentationContext.None, $"prreviewbot check --body-file {body} --labels performance --format markdown"), result.Out);
    }

    [Fact]
    public async Task BodyFromStdin_WhenNoFileIsGiven()
    {
        var fromStdin = await CliRun.Run(UnprovenBody, "check", "--labels", "performance", "--format", "json");
        var fromFile = await CliRun.Run(null, "check", "--body-file", _cli.File("pr.md", UnprovenBody), "--labels", "performance", "--format", "json");
        Assert.Equal(fromFile.Out, fromStdin.Out);
        Assert.Equal(fromFile.ExitCode, fromStdin.ExitCode);
    }

    [Fact]
    public async Task BodyFromStdin_WithDash()
    {
        var result = await CliRun.Run(UnprovenBody, "check", "--body-file", "-", "--labels", "performance", "--format", "markdown");
        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        Assert.StartsWith(CommentRenderer.Marker, result.Out);
    }

    [Fact]
    public async Task NoFile_AndNothingPiped_IsAUsageError()
    {
        var result = await CliRun.Run(null, "check", "--labels", "performance");
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.StartsWith("error: no PR description given: pass --body-file FILE, or pipe it in", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task MissingBodyFile_IsOneClearLine_ExitTwo()
    {
        var result = await CliRun.Run(null, "check", "--body-file", _cli.Missing("nope.md"));
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Equal($"error: cannot read --body-file '{_cli.Missing("nope.md")}': no such file", result.Error.TrimEnd());
        NoStackTrace(result);
    }

    [Fact]
    public async Task BodyFileThatIsAFolder_ExitTwo()
    {
        var result = await CliRun.Run(null, "check", "--body-file", _cli.Folder);
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("it is a directory", result.Error);
    }

    [Fact]
    public async Task UnknownFormat_ExitTwo_SaysWhichFormatsExist()
    {
        var result = await CliRun.Run(UnprovenBody, "check", "--format", "yaml");
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("error: unknown format 'yaml'; use text, markdown or json", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task InvalidConfig_ExitTwo_WithLocatedErrorsOnStderr()
    {
        var config = _cli.File("perf-review.yml", "mode: strict\nitems:\n  profile: { requird: true }\n");
        var result = await CliRun.Run(UnprovenBody, "check", "--config", config);

        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Equal("", result.Out);
        var lines = result.Error.TrimEnd().Split('\n');
        Assert.Equal($"{config}:1:7: `mode` must be enforce or shadow, not `strict`", lines[0]);
        Assert.StartsWith($"{config}:3:14: unknown key `requird` under `items.profile`", lines[1]);
    }

    [Fact]
    public async Task MissingConfig_ExitTwo()
    {
        var result = await CliRun.Run(UnprovenBody, "check", "--config", _cli.Missing("perf-review.yml"));
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("error: cannot read --config", result.Error);
        NoStackTrace(result);
    }

    [Fact]
    public async Task ChangedFiles_AreReadFromTheFilesList()
    {
        var files = _cli.File("changed.txt", "src/Feed/FeedCache.cs\r\n\r\n   bench/feed_load_test.js  \n\n");
        var result = await CliRun.Run(UnprovenBody, "check", "--labels", "performance", "--files", files);
        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void ChangedFiles_IgnoreBlankLinesAndWhitespace()
    {
        Assert.Equal(["src/a.cs", "bench/load test.js", "c"], CheckCommand.ChangedFiles("src/a.cs\r\n\r\n   bench/load test.js  \n\t\nc"));
        Assert.Empty(CheckCommand.ChangedFiles("\n \n"));
    }

    [Fact]
    public void Labels_SplitOnCommas_AcrossRepeatedOptions()
    {
        Assert.Equal(["perf", "backend", "needs review"], CheckCommand.Labels(["perf, backend,", " needs review "]));
        Assert.Empty(CheckCommand.Labels(null));
    }

    [Fact]
    public async Task MissingFilesList_ExitTwo()
    {
        var result = await CliRun.Run(UnprovenBody, "check", "--files", _cli.Missing("changed.txt"));
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("error: cannot read --files", result.Error);
    }

    [Fact]
    public async Task StdinCannotFeedBothBodyAndFiles()
    {
        var result = await CliRun.Run(UnprovenBody, "check", "--files", "-");
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("standard input can feed only one", result.Error);
    }

    [Fact]
    public async Task OneMegabyteBody_IsReviewed()
    {
        var body = string.Concat(Enumerable.Repeat("## Notes\nSome text about p95 latency and a cache, 240ms → 80ms maybe.\n\n", 20_000));
        Assert.True(body.Length > 1_000_000);
        var result = await CliRun.Run(null, "check", "--body-file", _cli.File("big.md", body), "--labels", "performance", "--format", "json");
        Assert.Contains(result.ExitCode, new[] { CliApp.ExitPass, CliApp.ExitFail });
        Assert.True(JsonDocument.Parse(result.Out).RootElement.GetProperty("isOptimization").GetBoolean());
    }

    [Fact]
    public async Task BodyWithBomAndCrlf_IsReadAsText()
    {
        var body = _cli.File("pr.md", "## Constraint\r\np95 < 80 ms (#412)\r\n性能 زمن\r\n", bom: true);
        var withBom = await CliRun.Run(null, "check", "--body-file", body, "--labels", "performance", "--format", "json");
        var expected = Reviewer.Default.Review(
            new PullRequestDescription("", "## Constraint\r\np95 < 80 ms (#412)\r\n性能 زمن\r\n", ["performance"]), ReviewConfig.Default);
        Assert.Equal(VerdictJson.Serialize(expected) + "\n", withBom.Out);
    }

    [Fact]
    public async Task EmptyBodyFile_IsReviewedNotRefused()
    {
        // A PR may have an empty description; only an empty standard input is refused (CheckInputErrorTests).
        var result = await CliRun.Run(null, "check", "--body-file", _cli.File("empty.md", ""), "--labels", "performance", "--format", "json");
        Assert.Contains(result.ExitCode, new[] { CliApp.ExitPass, CliApp.ExitFail });
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(result.Out).RootElement.ValueKind);
    }

    [Fact]
    public async Task Help_DescribesEveryOption_ExitCodes_AndAnExample()
    {
        var result = await CliRun.Run(null, "check", "--help");
        Assert.Equal(CliApp.ExitPass, result.ExitCode);
        foreach (var option in new[] { "--body-file", "--title", "--labels", "--files", "--config", "--format" })
        {
            Assert.Contains(option, result.Out);
        }
        Assert.Contains("Exit codes:", result.Out);
        Assert.Contains("1  the check would fail", result.Out);
        Assert.Contains("Examples:", result.Out);
        Assert.Contains("prreviewbot check --body-file pr.md", result.Out);
    }
}
