using System.Text;

namespace PrReviewBot.Cli;

/// <summary>Reads a verb's input files (or standard input) as UTF-8 text, with one clear message when it cannot.</summary>
internal static class CliInput
{
    /// <summary>Far above any PR description (GitHub stops at 65,536 characters), low enough that a wrong file cannot exhaust memory.</summary>
    public const int MaxChars = 16 * 1024 * 1024;

    public const string StdinName = "-";

    /// <summary>The text, or null after writing why it could not be read to <see cref="CliConsole.Error"/>.</summary>
    public static string? Read(CliConsole console, string path, string what)
    {
        try
        {
            if (path == StdinName)
            {
                return Limited(console.In, console, "standard input", what);
            }
            if (Directory.Exists(path))
            {
                console.Error.WriteLine($"error: cannot read {what} '{path}': it is a directory");
                return null;
            }
            using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return Limited(reader, console, $"'{path}'", what);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            console.Error.WriteLine($"error: cannot read {what} '{path}': no such file");
        }
        catch (UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot read {what} '{path}': permission denied");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException)
        {
            console.Error.WriteLine($"error: cannot read {what} '{path}': {ex.Message}");
        }
        return null;
    }

    private static string? Limited(TextReader reader, CliConsole console, string source, string what)
    {
        var text = new StringBuilder();
        var buffer = new char[64 * 1024];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxChars)
            {
                console.Error.WriteLine($"error: {what} from {source} is larger than {MaxChars / (1024 * 1024)} MiB; is it the right file?");
                return null;
            }
        }
        // A BOM that the reader did not strip (text passed in by a test, a BOM after a re-encoding) is not part of the text.
        return text.Length > 0 && text[0] == '\uFEFF' ? text.ToString(1, text.Length - 1) : text.ToString();
    }
}
