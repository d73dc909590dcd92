using System.Text.Json;
using PrReviewBot.Cli;

namespace PrReviewBot.Tests.Cli;

public class GatesCommandTests
{
    // Written as a team would file it (seed evals.json scenario 6): every gate answered.
    private const string AnsweredIssue = """
        Our product listing endpoint handles 15K RPS (85% of traffic). Target: p99 < 50ms. Current p99 is 120ms.
        Profiling shows: DB queries optimized (index-only, 8ms), Redis cache hit rate 95% but Redis GET is 3ms and accounts
        for 70% of remaining p99. We already have feature flags and load test scripts. Should we add L1 in-process cache?
        """;

    // Seed evals.json scenario 1.
    private const string VagueIssue = "Make my Go API faster. It's handling blog posts and feels slow.";

    [Fact]
    public async Task AllGatesAnswered_ExitsZero()
    {
        using var run = new CliRun();
        var file = run.File("issue.md", AnsweredIssue);

        var result = await CliRun.Run(null, "gates", "--body-file", file);

        Assert.Equal(CliApp.ExitPass, result.ExitCode);
        Assert.StartsWith("Performance gates: all five answered.", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task AnOpenGate_ExitsOneAndSaysWhichAndWhy()
    {
        using var run = new CliRun();
        var file = run.File("issue.md", VagueIssue);

        var result = await CliRun.Run(null, "gates", "-b", file);

        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        Assert.Contains("[ ] Gate 1: What are the hard targets?", result.Out, StringComparison.Ordinal);
        Assert.Contains("If you cannot fill this table, STOP.", result.Out, StringComparison.Ordinal);
        Assert.Contains("\"feels slow\" is not a target", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StandardInput_IsReadForDashOrNoOption()
    {
        var dash = await CliRun.Run(AnsweredIssue, "gates", "--body-file", "-");
        var none = await CliRun.Run(VagueIssue, "gates");

        Assert.Equal(CliApp.ExitPass, dash.ExitCode);
        Assert.Equal(CliApp.ExitFail, none.ExitCode);
    }

    [Fact]
    public async Task MarkdownFormat_IsTheGateComment()
    {
        var result = await CliRun.Run(VagueIssue, "gates", "--format", "markdown");

        Assert.StartsWith("<!-- prreviewbot:perf-gates -->", result.Out, StringComparison.Ordinal);
        Assert.Contains("| Constraint | Stated in the issue | If missing |", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonFormat_IsValidAndCarriesTheLabel()
    {
        var result = await CliRun.Run(AnsweredIssue, "gates", "-f", "json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("allSatisfied").GetBoolean());
        Assert.Equal("perf-gates: satisfied", json.RootElement.GetProperty("label").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("gates").GetArrayLength());
    }

    [Fact]
    public async Task Title_IsJudgedWithTheBody()
    {
        var without = await CliRun.Run("We serve 900 RPS on checkout.", "gates", "-f", "json");
        var with = await CliRun.Run("We serve 900 RPS on checkout.", "gates", "-f", "json", "--title", "Checkout: target p95 < 200ms");

        Assert.Equal("open", JsonDocument.Parse(without.Out).RootElement.GetProperty("gates")[0].GetProperty("status").GetString());
        Assert.Equal("satisfied", JsonDocument.Parse(with.Out).RootElement.GetProperty("gates")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task MissingFile_IsAUsageErrorWithOneClearLine()
    {
        using var run = new CliRun();
        var missing = run.Missing("issue.md");

        var result = await CliRun.Run(null, "gates", "--body-file", missing);

        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Equal($"error: cannot read --body-file '{missing}': no such file", result.Error.Trim());
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task ADirectory_IsAUsageError()
    {
        using var run = new CliRun();

        var result = await CliRun.Run(null, "gates", "--body-file", run.Folder);

        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("it is a directory", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingPipedIntoATerminal_AsksForAFileInsteadOfWaiting()
    {
        var result = await CliRun.Run(null, "gates");

        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("no issue body given: pass --body-file FILE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFormat_IsAUsageError()
    {
        var result = await CliRun.Run(VagueIssue, "gates", "--format", "yaml");

        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("error: unknown format 'yaml'; use text, markdown or json", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task OneMegabyteBodyWithHostileMarkdown_GivesAVerdict()
    {
        var body = string.Concat(Enumerable.Repeat("> [![x](", 20_000)) + "\n" +
                   string.Concat(Enumerable.Repeat("The /feed endpoint is 88% of traffic, p95 is 240ms \u202E\u0000 目标 < 80ms at 2,500 RPS.\n\n", 12_000));
        using var run = new CliRun();
        var file = run.File("issue.md", body);

        var result = await CliRun.Run(null, "gates", "-b", file, "-f", "json");

        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(5, json.RootElement.GetProperty("gates").GetArrayLength());
    }

    [Fact]
    public void GatesAndPlan_AreRegisteredOnTheRoot()
    {
        var names = CliApp.BuildRoot().Subcommands.Select(c => c.Name).ToList();

        Assert.Contains("gates", names);
        Assert.Contains("plan", names);
    }

    [Fact]
    public async Task Help_ExplainsTheGatesFormatsAndExitCodes()
    {
        var result = await CliRun.Run(null, "gates", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("five gates", result.Out, StringComparison.Ordinal);
        Assert.Contains("--body-file", result.Out, StringComparison.Ordinal);
        Assert.Contains("text|markdown|json", result.Out, StringComparison.Ordinal);
        Assert.Contains("0  all five gates answered    1  a gate is open", result.Out, StringComparison.Ordinal);
        Assert.Contains("prreviewbot gates --body-file issue.md", result.Out, StringComparison.Ordinal);
    }
}
