using System.Text.RegularExpressions;
using PrReviewBot.Cli;
using PrReviewBot.Tests.Cli;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Deploy;

/// <summary>The README's opening commands do what it says, and the docs speak in the repository's own words.</summary>
[Collection(ReviewRunsCollection.Name)]
public sealed partial class ReadmeTests
{
    private static string Read(string path) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, path));

    private static string[] OpeningCommands()
    {
        var readme = Read("README.md");
        var block = OpeningBlock().Match(readme);
        Assert.True(block.Success, "the README opens with no sh code block");
        return [.. block.Groups["body"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(" # ", 2)[0].Trim()).Where(l => l.Length > 0)];
    }

    [Fact]
    public async Task FirstCommand_ReviewsTheSample_AndExitsOneAsTheReadmeSays()
    {
        var command = OpeningCommands()[0];
        Assert.StartsWith("dotnet run --project src/PrReviewBot -- check ", command, StringComparison.Ordinal);

        // The arguments after "--", with the quoted title kept whole and paths taken from the repository root.
        var args = ShellWords().Matches(command[(command.IndexOf(" -- ", StringComparison.Ordinal) + 4)..])
            .Select(m => m.Groups["q"].Success ? m.Groups["q"].Value : m.Value)
            .Select(a => File.Exists(Path.Combine(RepositoryRoot.Path, a)) ? Path.Combine(RepositoryRoot.Path, a) : a)
            .ToArray();
        var result = await CliRun.Run(null, args);

        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        Assert.Contains("Performance review", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondCommand_IsTheTestScript_WhichInstallsWhatTheTestsNeed_AsCiDoes()
    {
        Assert.Equal("bash scripts/test.sh", OpeningCommands()[1]);
        var testScript = Read("scripts/test.sh");
        var ci = Read(".ci/run");
        var prerequisites = Read("scripts/test-prerequisites.sh");

        Assert.Contains("bash scripts/test-prerequisites.sh", testScript, StringComparison.Ordinal);
        Assert.Contains("bash scripts/test-prerequisites.sh", ci, StringComparison.Ordinal);
        Assert.Contains("bash scripts/test.sh", ci, StringComparison.Ordinal);
        Assert.Contains("apt-get install", prerequisites, StringComparison.Ordinal);
        Assert.Contains("missing+=(chromium)", prerequisites, StringComparison.Ordinal);
        Assert.Contains("missing+=(postgresql)", prerequisites, StringComparison.Ordinal);
        // The chromium the browser tests start is the one the script checks for.
        Assert.Contains(Chromium.ExecutablePath, prerequisites, StringComparison.Ordinal);

        var readme = Read("README.md");
        Assert.DoesNotContain("need only the .NET 10 SDK", readme, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install -y chromium postgresql", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Docs_CiteNoDocumentOutsideTheRepository()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md")
            .Append(Path.Combine(RepositoryRoot.Path, "README.md"))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "deploy"), "*", SearchOption.AllDirectories));

        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.False(OutsideCitation().IsMatch(text), $"{Path.GetRelativePath(RepositoryRoot.Path, file)} cites {OutsideCitation().Match(text).Value}");
        }
    }

    [Fact]
    public void ReleaseFiles_ArePresent_AndTheChangelogHasThisVersion()
    {
        Assert.Contains("MIT License", Read("LICENSE"), StringComparison.Ordinal);
        Assert.Contains("PrReviewBot contributors", Read("LICENSE"), StringComparison.Ordinal);
        Assert.Contains($"## [{ShippedProcess.Version()}]", Read("CHANGELOG.md"), StringComparison.Ordinal);
        Assert.Contains("Reporting a vulnerability", Read("SECURITY.md"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^```sh\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex OpeningBlock();

    [GeneratedRegex("\"(?<q>[^\"]*)\"|\\S+")]
    private static partial Regex ShellWords();

    [GeneratedRegex(@"PRODUCT(\.md)?\s*§|ENGINEERING\.md|PRODUCT\.md")]
    private static partial Regex OutsideCitation();
}
