using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace PrReviewBot.Cli;

/// <summary>
/// <c>--help</c> as System.CommandLine writes it, followed by a verb's own closing section (exit codes, examples),
/// because a newcomer needs those and the library's layout has no place for them.
/// </summary>
public sealed class CliHelp : SynchronousCommandLineAction
{
    private static readonly ConditionalWeakTable<Command, string> Epilogs = [];

    private readonly HelpAction _standard;

    private CliHelp(HelpAction standard) => _standard = standard;

    public override bool ClearsParseErrors => true;

    /// <summary>Text written after the standard help of <paramref name="command"/>.</summary>
    public static void SetEpilog(Command command, string text) => Epilogs.AddOrUpdate(command, text);

    /// <summary>Makes the root's (recursive) help option write epilogs.</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            if (option.Action is HelpAction standard)
            {
                option.Action = new CliHelp(standard);
            }
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var result = _standard.Invoke(parseResult);
        if (Epilogs.TryGetValue(parseResult.CommandResult.Command, out var epilog))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(epilog.TrimEnd());
            output.WriteLine();
        }
        return result;
    }
}
