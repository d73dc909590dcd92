using PrReviewBot.Cli;

namespace PrReviewBot.Tests.Cli;

/// <summary>`check --diff` and `--files` let the review verify that a rollback flag exists in the change.</summary>
[Collection(ReviewRunsCollection.Name)]
public sealed class CheckDiffTests : IDisposable
{
    private const string Body = "## Rollback\nSet `feed_l1_cache=false`; reads then go straight to Redis, as before.\n";

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task FlagMissingFromTheDiff_IsReported()
    {
        var diff = _cli.File("pr.diff", "--- a/src/feed.go\n+++ b/src/feed.go\n@@ -1 +1 @@\n+if flags.Enabled(\"feed_l2_cache\") {\n");
        var result = await CliRun.Run(null, "check", "--body-file", _cli.File("pr.md", Body), "--diff", diff, "--labels", "perf", "--format", "json");
        Assert.Contains("flag_not_in_diff", result.Out);
        Assert.Contains("feed_l1_cache", result.Out);
    }

    [Fact]
    public async Task FlagPresentInTheDiff_IsNotReported()
    {
        var diff = _cli.File("pr.diff", "--- a/src/feed.go\n+++ b/src/feed.go\n@@ -1 +1 @@\n+if flags.Enabled(\"feed_l1_cache\") {\n");
        var result = await CliRun.Run(null, "check", "--body-file", _cli.File("pr.md", Body), "--diff", diff, "--labels", "perf", "--format", "json");
        Assert.DoesNotContain("flag_not_in_diff", result.Out);
    }

    [Fact]
    public async Task FilesAreReadFromTheWorkingTree()
    {
        var code = _cli.File("feed.go", "if flags.Enabled(\"other_flag\") {}\n");
        var list = _cli.File("changed.txt", code + "\n");
        var result = await CliRun.Run(null, "check", "--body-file", _cli.File("pr.md", Body), "--files", list, "--labels", "perf", "--format", "json");
        Assert.Contains("flag_not_in_diff", result.Out);
    }

    [Fact]
    public async Task UnreadableDiff_IsAUsageError()
    {
        var result = await CliRun.Run(null, "check", "--body-file", _cli.File("pr.md", Body), "--diff", _cli.Missing("none.diff"));
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("--diff", result.Error);
    }
}
