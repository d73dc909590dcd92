using PrReviewBot.Cli;

namespace PrReviewBot.Tests.Cli;

/// <summary>Input that cannot be what the user meant is an error (exit 2), not a silent pass.</summary>
[Collection(ReviewRunsCollection.Name)]
public sealed class CheckInputErrorTests : IDisposable
{
    private const string UnprovenBody = "Made the feed faster with a cache.\n\nTests pass.\n";

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n")]
    public async Task EmptyStandardInput_IsAUsageError(string stdin)
    {
        var result = await CliRun.Run(stdin, "check", "--labels", "perf");

        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("standard input was empty", result.Error);
        Assert.Contains("--body-file", result.Error);
    }

    [Fact]
    public async Task DescriptionPipedIn_IsStillReviewed()
    {
        var result = await CliRun.Run(UnprovenBody, "check", "--body-file", "-", "--labels", "perf");

        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        Assert.Equal("", result.Error);
    }

    [Theory]
    [InlineData("just some notes about the change\nnothing else\n")]
    [InlineData("src/feed.go\nsrc/cache.go\n")]
    public async Task DiffThatIsNotADiff_IsAUsageError(string notADiff)
    {
        var diff = _cli.File("notes.txt", notADiff);

        var result = await CliRun.Run(null, "check", "--body-file", _cli.File("pr.md", UnprovenBody), "--diff", diff, "--labels", "perf");

        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("is not a unified diff", result.Error);
        Assert.Contains(diff, result.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("diff --git a/bin/tool b/bin/tool\nold mode 100644\nnew mode 100755\n")]
    public async Task EmptyDiffOrModeOnlyDiff_IsAccepted(string diffText)
    {
        var diff = _cli.File("pr.diff", diffText);

        var result = await CliRun.Run(null, "check", "--body-file", _cli.File("pr.md", UnprovenBody), "--diff", diff, "--labels", "perf");

        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task TextHint_NamesTheSameReviewWithTheBodyFile()
    {
        var body = _cli.File("my pr.md", UnprovenBody);

        var result = await CliRun.Run(null, "check", "--body-file", body, "--title", "Speed up feed", "--labels", "perf");

        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        Assert.Contains($"prreviewbot check --body-file '{body}' --title 'Speed up feed' --labels perf --format markdown", result.Out);
    }

    [Fact]
    public async Task TextHint_CommandReallyPrintsTheMarkdownReview()
    {
        var body = _cli.File("pr.md", UnprovenBody);
        var text = await CliRun.Run(null, "check", "--body-file", body, "--labels", "perf");
        var hinted = text.Out.Split('\n').Single(l => l.Contains("prreviewbot check ", StringComparison.Ordinal));
        var args = hinted[(hinted.IndexOf("prreviewbot check ", StringComparison.Ordinal) + "prreviewbot ".Length)..].Trim().Split(' ');

        var markdown = await CliRun.Run(null, args);
        var direct = await CliRun.Run(null, "check", "--body-file", body, "--labels", "perf", "--format", "markdown");

        Assert.Equal(direct.Out, markdown.Out);
        Assert.Contains("<!--", markdown.Out);
    }
}
