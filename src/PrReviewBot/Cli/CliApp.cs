using System.CommandLine;

namespace PrReviewBot.Cli;

/// <summary>The <c>prreviewbot</c> command line: one executable, one verb per mode.</summary>
public static class CliApp
{
    public const int ExitPass = 0;
    public const int ExitFail = 1;
    public const int ExitUsage = 2;

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("PrReviewBot: checks that performance-optimization PRs prove themselves.");
        // Verbs register here, one file each under Cli/.
        root.Add(ServeVerb.Build());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }
            await Console.Error.WriteLineAsync("Run 'prreviewbot --help' for usage.");
            return ExitUsage;
        }
        return await parse.InvokeAsync();
    }
}
