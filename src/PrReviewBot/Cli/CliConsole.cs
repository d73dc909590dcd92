using System.Text;

namespace PrReviewBot.Cli;

/// <summary>
/// What a verb reads from and writes to. The real console reads standard input as UTF-8 (a BOM is tolerated) and
/// writes UTF-8 whatever the terminal's locale says, so ✓, → and CJK text survive; tests pass strings instead.
/// </summary>
public sealed class CliConsole(Func<TextReader> openInput, TextWriter output, TextWriter error, bool inputIsTerminal)
{
    private TextReader? _input;

    /// <summary>Standard input, opened on first use so verbs that never read it (such as <c>serve</c>) leave it alone.</summary>
    public TextReader In => _input ??= openInput();

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>True when nothing is piped in: reading would wait for someone to type, so a verb asks for a file instead.</summary>
    public bool InputIsTerminal { get; } = inputIsTerminal;

    public static CliConsole System()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return new CliConsole(
            () => new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: true),
            new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true },
            new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true },
            !Console.IsInputRedirected);
    }
}
