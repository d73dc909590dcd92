using System.Text;

namespace PrReviewBot.Cli;

/// <summary>
/// Where the <c>gates</c> and <c>plan</c> verbs read the issue body from: a file, or standard input for <c>-</c> or no
/// option. Reads UTF-8 (a BOM is tolerated) and stops with one clear message on a missing file, a directory, a
/// terminal with nothing piped in, or input far larger than any issue.
/// </summary>
internal sealed class IssueBodyInput(Func<TextReader> openStdin, Func<bool> stdinIsTerminal)
{
    public const string StdinName = "-";

    /// <summary>Far above any issue body (GitHub stops at 65,536 characters), low enough that a wrong file cannot exhaust memory.</summary>
    public const int MaxChars = 16 * 1024 * 1024;

    public static IssueBodyInput System { get; } = new(
        () => new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true),
        () => !Console.IsInputRedirected);

    /// <summary>The body, or null after writing why it could not be read to <paramref name="error"/>.</summary>
    public string? Read(string? path, string verb, TextWriter error)
    {
        path ??= StdinName;
        try
        {
            if (path == StdinName)
            {
                if (stdinIsTerminal())
                {
                    error.WriteLine($"error: no issue body given: pass --body-file FILE, or pipe it in (cat issue.md | prreviewbot {verb})");
                    error.WriteLine($"Run 'prreviewbot {verb} --help' for usage.");
                    return null;
                }
                return Limited(openStdin(), "standard input", error);
            }
            if (Directory.Exists(path))
            {
                error.WriteLine($"error: cannot read --body-file '{path}': it is a directory");
                return null;
            }
            using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return Limited(reader, $"'{path}'", error);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"error: cannot read --body-file '{path}': no such file");
        }
        catch (UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read --body-file '{path}': permission denied");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"error: cannot read --body-file '{path}': {ex.Message}");
        }
        return null;
    }

    private static string? Limited(TextReader reader, string source, TextWriter error)
    {
        var text = new StringBuilder();
        var buffer = new char[64 * 1024];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxChars)
            {
                error.WriteLine($"error: the issue body from {source} is larger than {MaxChars / (1024 * 1024)} MiB; is it the right file?");
                return null;
            }
        }
        return text.Length > 0 && text[0] == '\uFEFF' ? text.ToString(1, text.Length - 1) : text.ToString();
    }
}
