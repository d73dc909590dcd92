using PrReviewBot.Cli;

namespace PrReviewBot.Tests;

public class SmokeTests
{
    [Fact]
    public async Task UnknownOptionIsUsageError()
    {
        Assert.Equal(CliApp.ExitUsage, await CliApp.RunAsync(["--no-such-option"]));
    }
}
