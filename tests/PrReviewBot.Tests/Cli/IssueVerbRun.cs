using System.CommandLine;

namespace PrReviewBot.Tests.Cli;

/// <summary>Runs the <c>gates</c>/<c>plan</c> verbs in-process with a given standard input and captured output.</summary>
internal static class IssueVerbRun
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(string[] args, string? stdin = null, bool stdinIsTerminal = false)
    {
        var root = new RootCommand("test root");
        PrReviewBot.Cli.GateModeVerbs.AddTo(root, () => new StringReader(stdin ?? string.Empty), () => stdinIsTerminal);
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return new Result(PrReviewBot.Cli.CliApp.ExitUsage, string.Empty, string.Join("\n", parse.Errors.Select(e => e.Message)));
        }
        var code = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>A body written to a temporary file that deletes itself.</summary>
    public sealed class BodyFile : IDisposable
    {
        public BodyFile(string body)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "prreviewbot-issue-" + Guid.NewGuid().ToString("N") + ".md");
            File.WriteAllText(Path, body);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
