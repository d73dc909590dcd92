using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PrReviewBot.Cli;

namespace PrReviewBot.Tests.Cli;

[Collection(ReviewRunsCollection.Name)]
public class CliAppTests
{
    [Fact]
    public async Task RootHelp_ListsTheVerbs_AndExitCodes()
    {
        var result = await CliRun.Run(null, "--help");
        Assert.Equal(CliApp.ExitPass, result.ExitCode);
        Assert.Contains("check", result.Out);
        Assert.Contains("validate-config", result.Out);
        Assert.Contains("five items", result.Out);
        Assert.Contains("Exit codes", result.Out);
    }

    [Fact]
    public async Task RootHelp_GivesTheExitCodesOfGatesAndPlan()
    {
        var result = await CliRun.Run(null, "--help");
        var lines = result.Out.Split('\n');
        Assert.Contains(lines, l => l.TrimStart().StartsWith("gates ", StringComparison.Ordinal) && l.Contains("1  a gate is open", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("plan ", StringComparison.Ordinal) && l.Contains("0  a plan was produced", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownOption_IsAUsageError()
    {
        var result = await CliRun.Run(null, "--no-such-option");
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("Run 'prreviewbot --help' for usage.", result.Error);
    }

    [Fact]
    public async Task UnknownVerb_IsAUsageError()
    {
        var result = await CliRun.Run(null, "lint");
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
    }

    [Fact]
    public async Task NoVerb_IsAUsageError()
    {
        Assert.Equal(CliApp.ExitUsage, (await CliRun.Run(null)).ExitCode);
    }

    [Fact]
    public void RootKeepsRoomForOtherVerbs()
    {
        var root = CliApp.BuildRoot(new CliConsole(() => TextReader.Null, TextWriter.Null, TextWriter.Null, true));
        Assert.Contains(root.Subcommands, c => c.Name == "check");
        Assert.Contains(root.Subcommands, c => c.Name == "validate-config");
    }

    /// <summary>The built executable, end to end: a real pipe on standard input, UTF-8 out, the exit code the shell sees.</summary>
    [Fact]
    public async Task Executable_ReadsAPipedDescription_AndExitsWithTheCheck()
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "prreviewbot.dll");
        Assert.True(File.Exists(executable), executable);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in new[] { executable, "check", "--labels", "performance", "--format", "json" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync("Made it faster: 性能 → better.\n");
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(output.Length > 0, $"exit {process.ExitCode}: {error}");
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(json.GetProperty("conclusion").GetString() == "failure" ? CliApp.ExitFail : CliApp.ExitPass, process.ExitCode);
        Assert.Equal("", error);
    }
}
