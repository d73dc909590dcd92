using System.CommandLine;

namespace PrReviewBot.Cli;

/// <summary>Registers the issue verbs, <c>gates</c> and <c>plan</c>, on the root command (one line in <see cref="CliApp"/>).</summary>
public static class GateModeVerbs
{
    public static void AddTo(Command root, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(console);
        root.Subcommands.Add(GatesCommand.Create(console));
        root.Subcommands.Add(PlanCommand.Create(console));
    }

    /// <summary>
    /// The issue body from <c>--body-file</c> (or standard input for <c>-</c> or no option), or null after one clear
    /// message on standard error: nothing piped into a terminal, a missing file, a directory, an absurdly large input.
    /// </summary>
    internal static string? ReadBody(CliConsole console, string? path, string verb)
    {
        path ??= CliInput.StdinName;
        if (path == CliInput.StdinName && console.InputIsTerminal)
        {
            console.Error.WriteLine($"error: no issue body given: pass --body-file FILE, or pipe it in (cat issue.md | prreviewbot {verb})");
            console.Error.WriteLine($"Run 'prreviewbot {verb} --help' for usage.");
            return null;
        }
        return CliInput.Read(console, path, "--body-file");
    }
}
