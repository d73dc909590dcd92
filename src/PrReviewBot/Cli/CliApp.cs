using System.CommandLine;

namespace PrReviewBot.Cli;

/// <summary>The <c>prreviewbot</c> command line: one executable, one verb per mode.</summary>
public static class CliApp
{
    public const int ExitPass = 0;
    public const int ExitFail = 1;
    public const int ExitUsage = 2;

    public static RootCommand BuildRoot() => BuildRoot(CliConsole.System());

    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand(
            "PrReviewBot: checks that performance-optimization PRs prove themselves. Every optimization PR must carry " +
            "five items: the constraint it addresses, profile evidence, before/after numbers, a rollback mechanism " +
            "and monitoring. Run 'prreviewbot <command> --help' for one command.");
        // Verbs register here, one file each under Cli/.
        root.Subcommands.Add(CheckCommand.Create(console));
        root.Subcommands.Add(ValidateConfigCommand.Create(console));
        GateModeVerbs.AddTo(root, console);
        root.Subcommands.Add(ActionCommand.Create(console));
        root.Subcommands.Add(ServeVerb.Build());
        root.Subcommands.Add(HealthcheckVerb.Create(console));
        CliHelp.Install(root);
        CliHelp.SetEpilog(root, """
            Exit codes:
              check, validate-config   0  passes    1  fails (the output says why)    2  usage, config or file error
              gates                    0  all five gates answered    1  a gate is open    2  usage or file error
              plan                     0  a plan was produced ("measure first" included)    2  usage or file error
              action                   0  passes (or not a pull request event)    1  fails    2  no event payload or GitHub error

            Example:
              prreviewbot check --body-file pr.md --title "perf: batch feed queries" --labels performance
            """);
        return root;
    }

    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliConsole.System());

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = BuildRoot(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not CliHelp)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"error: {error.Message}");
            }
            await console.Error.WriteLineAsync("Run 'prreviewbot --help' for usage.");
            return ExitUsage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
#pragma warning disable CA1031 // the last line of defence: a user sees one line, never a stack trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"error: unexpected failure ({ex.GetType().Name}: {ex.Message}); please report it");
            return ExitUsage;
        }
    }
}
