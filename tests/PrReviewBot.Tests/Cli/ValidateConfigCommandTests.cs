using PrReviewBot.Cli;

namespace PrReviewBot.Tests.Cli;

public sealed class ValidateConfigCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task ValidFile_PrintsValid_ExitZero()
    {
        var config = _cli.File("perf-review.yml", "mode: shadow\nitems:\n  monitoring: { required: false }\n", bom: true);
        var result = await CliRun.Run(null, "validate-config", config);
        Assert.Equal(CliApp.ExitPass, result.ExitCode);
        Assert.Equal($"{config}: valid", result.Out.TrimEnd());
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task EmptyFile_IsValid()
    {
        var result = await CliRun.Run(null, "validate-config", _cli.File("perf-review.yml", ""));
        Assert.Equal(CliApp.ExitPass, result.ExitCode);
    }

    [Fact]
    public async Task InvalidFile_PrintsEveryErrorAsFileLineColumn_ExitOne()
    {
        var config = _cli.File("perf-review.yml", "mode: strict\ndetection:\n  labels: perf\nfindings:\n  nonsense: error\n");
        var result = await CliRun.Run(null, "validate-config", config);

        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal(
            [$"{config}:1:7: ", $"{config}:3:11: ", $"{config}:5:3: "],
            result.Error.TrimEnd().Split('\n').Select(l => l[..(l.IndexOf(": ", config.Length, StringComparison.Ordinal) + 2)]));
    }

    [Fact]
    public async Task MissingFile_ExitTwo()
    {
        var result = await CliRun.Run(null, "validate-config", _cli.Missing("perf-review.yml"));
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.StartsWith("error: cannot read config file", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task NoFileArgument_ExitTwo()
    {
        var result = await CliRun.Run(null, "validate-config");
        Assert.Equal(CliApp.ExitUsage, result.ExitCode);
        Assert.Contains("validate-config", result.Error);
    }

    [Fact]
    public async Task Schema_PrintsTheJsonSchema()
    {
        var result = await CliRun.Run(null, "validate-config", "--schema");
        Assert.Equal(CliApp.ExitPass, result.ExitCode);
        Assert.Equal(PrReviewBot.Core.Config.ConfigSchema.Json, result.Out);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(result.Out).RootElement.ValueKind);
    }

    [Fact]
    public async Task Stdin_WithDash()
    {
        var result = await CliRun.Run("mode: fast\n", "validate-config", "-");
        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        Assert.StartsWith("<stdin>:1:7: `mode` must be enforce or shadow", result.Error);
    }

    [Fact]
    public async Task Help_ExplainsExitCodes()
    {
        var result = await CliRun.Run(null, "validate-config", "--help");
        Assert.Equal(CliApp.ExitPass, result.ExitCode);
        Assert.Contains("FILE:LINE:COLUMN", result.Out);
        Assert.Contains("1  the file is invalid", result.Out);
        Assert.Contains("prreviewbot validate-config .github/perf-review.yml", result.Out);
    }
}
