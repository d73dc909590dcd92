using System.Diagnostics;
using System.Text;

namespace PrReviewBot.Tests.Deploy;

/// <summary>One run of a shipped program (dotnet pack, the installed tool, the image's entry point) as a child process.</summary>
internal sealed record ShippedRun(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;
}

internal static class ShippedProcess
{
    /// <summary>The dotnet host running these tests (the SDK's, under dotnet test), else dotnet on the PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The configuration these tests were built in: the projects' build output for it already exists.</summary>
    public static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        ? "Debug"
        : "Release";

    public static async Task<ShippedRun> RunAsync(
        string file, IEnumerable<string> args, string workingDirectory, string? stdin = null, IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish:\n{await output}\n{await error}");
        }
        return new ShippedRun(process.ExitCode, await output, await error);
    }

    /// <summary>The version every artefact must carry: VersionPrefix in Directory.Build.props, the one place it is set.</summary>
    public static string Version()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(Support.RepositoryRoot.Path, "Directory.Build.props"));
        return props.Descendants("VersionPrefix").Single().Value.Trim();
    }
}
