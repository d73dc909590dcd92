using System.Text;
using PrReviewBot.Cli;

namespace PrReviewBot.Tests.Cli;

/// <summary>What one in-process run of <c>prreviewbot</c> printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the command line in-process against strings instead of the console, and owns a scratch folder for input files.</summary>
internal sealed class CliRun : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "prreviewbot-cli-tests", Guid.NewGuid().ToString("N"));

    public CliRun() => Directory.CreateDirectory(_folder);

    /// <summary>Writes a scratch file (UTF-8, optionally with a BOM) and returns its path.</summary>
    public string File(string name, string content, bool bom = false)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    public string Missing(string name) => Path.Combine(_folder, name);

    public string Folder => _folder;

    /// <summary>Runs with <paramref name="stdin"/> piped in; null means standard input is a terminal (nothing piped).</summary>
    public static async Task<CliResult> Run(string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(() => new StringReader(stdin ?? ""), output, error, inputIsTerminal: stdin is null);
        var exit = await CliApp.RunAsync(args, console);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder left behind in the temp directory harms nothing.
        }
    }
}
