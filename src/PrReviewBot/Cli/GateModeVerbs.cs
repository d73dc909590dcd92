using System.CommandLine;

namespace PrReviewBot.Cli;

/// <summary>Registers the issue verbs, <c>gates</c> and <c>plan</c>, on the root command (one line in <see cref="CliApp"/>).</summary>
public static class GateModeVerbs
{
    /// <summary>
    /// Adds <c>gates</c> and <c>plan</c>. <paramref name="stdin"/> and <paramref name="stdinIsTerminal"/> replace the
    /// process's standard input (tests pass a string).
    /// </summary>
    public static void AddTo(Command root, Func<TextReader>? stdin = null, Func<bool>? stdinIsTerminal = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var input = stdin is null && stdinIsTerminal is null
            ? IssueBodyInput.System
            : new IssueBodyInput(stdin ?? (() => TextReader.Null), stdinIsTerminal ?? (() => false));
        root.Subcommands.Add(GatesCommand.Create(input));
        root.Subcommands.Add(PlanCommand.Create(input));
    }
}
