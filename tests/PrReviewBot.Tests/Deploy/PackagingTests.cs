using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Deploy;

/// <summary>
/// What a user installs, run the way they run it: the dotnet tool packed, installed from a local feed and started by
/// its command name; the image's published layout started with the Dockerfile's own ENTRYPOINT, CMD and HEALTHCHECK.
/// (No container engine can pull the base images where these tests run, so the image itself is not built here.)
/// Both reuse the projects' existing build output (--no-build), which keeps them to seconds.
/// </summary>
public sealed partial class PackagingTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("prreviewbot-packaging-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder: harmless.
        }
    }

    private static string Project => Path.Combine(RepositoryRoot.Path, "src", "PrReviewBot", "PrReviewBot.csproj");

    private static string Sample(string name) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", name));

    [Fact]
    public async Task DotnetTool_PacksInstallsFromALocalFeed_AndRunsAsPrreviewbot()
    {
        var feed = Path.Combine(_scratch, "feed");
        var tools = Path.Combine(_scratch, "tools");
        var version = ShippedProcess.Version();

        var pack = await ShippedProcess.RunAsync(ShippedProcess.Dotnet,
            ["pack", Project, "--no-build", "-c", ShippedProcess.Configuration, "-o", feed], RepositoryRoot.Path);
        Assert.True(pack.ExitCode == 0, pack.All);
        Assert.True(File.Exists(Path.Combine(feed, $"prreviewbot.{version}.nupkg")), $"no prreviewbot.{version}.nupkg in {string.Join(", ", Directory.GetFiles(feed))}");

        // Only the local feed: the test must not depend on nuget.org.
        var config = Path.Combine(_scratch, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>
            """);
        var install = await ShippedProcess.RunAsync(ShippedProcess.Dotnet,
            ["tool", "install", "prreviewbot", "--tool-path", tools, "--configfile", config, "--version", version], _scratch);
        Assert.True(install.ExitCode == 0, install.All);

        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "prreviewbot.exe" : "prreviewbot");
        var check = await ShippedProcess.RunAsync(command,
            ["check", "--body-file", Path.Combine(RepositoryRoot.Path, "samples", "cache-layer.md"), "--title", "Optimize cache layer", "--format", "json"], _scratch);
        Assert.True(check.ExitCode == 1, check.All);
        Assert.Equal("failure", JsonDocument.Parse(check.Out).RootElement.GetProperty("conclusion").GetString());

        var passing = await ShippedProcess.RunAsync(command, ["check", "--body-file", "-", "--labels", "perf"], _scratch, stdin: Sample("feed-batch-query.md"));
        Assert.True(passing.ExitCode == 0, passing.All);

        var shown = await ShippedProcess.RunAsync(command, ["--version"], _scratch);
        Assert.StartsWith(version, shown.Out.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageLayout_RunsAVerbGivenAsArguments_AndServesWithoutThem_AndItsHealthcheckFollowsThePort()
    {
        var dockerfile = Dockerfile.Read();
        var app = Path.Combine(_scratch, "app");
        var publish = await ShippedProcess.RunAsync(ShippedProcess.Dotnet,
            ["publish", Project, "--no-build", "-c", ShippedProcess.Configuration, "-o", app, .. dockerfile.PublishProperties], RepositoryRoot.Path);
        Assert.True(publish.ExitCode == 0, publish.All);
        Assert.True(File.Exists(Path.Combine(app, dockerfile.Entrypoint[1])), $"{dockerfile.Entrypoint[1]} is not in the published layout");

        // docker run -i IMAGE check --body-file - … : the verb replaces CMD, nothing is put in front of it.
        var check = await ShippedProcess.RunAsync(Host(dockerfile.Entrypoint), [.. dockerfile.Entrypoint.Skip(1), "check", "--body-file", "-", "--labels", "perf"],
            app, stdin: Sample("cache-layer.md"));
        Assert.True(check.ExitCode == 1, check.All);
        Assert.Contains("Performance review", check.Out);
        Assert.DoesNotContain("Now listening", check.All);

        // docker run IMAGE : CMD is serve. The port comes from ASPNETCORE_HTTP_PORTS as the base image sets it.
        var port = FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = null,
            ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage__ConnectionString"] = Path.Combine(_scratch, "prreviewbot.db"),
            ["Setup__CredentialsPath"] = Path.Combine(_scratch, "github-app.json"),
            ["Logging__Console"] = "json",
        };
        var info = new ProcessStartInfo(Host(dockerfile.Entrypoint))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = app,
        };
        foreach (var arg in dockerfile.Entrypoint.Skip(1).Concat(dockerfile.Cmd))
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
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
        using var serve = Process.Start(info)!;
        var stderr = new StringBuilder();
        var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        serve.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
            if (e.Data.Contains("to register one", StringComparison.Ordinal))
            {
                told.TrySetResult(e.Data);
            }
        };
        serve.OutputDataReceived += (_, _) => { };
        serve.BeginErrorReadLine();
        serve.BeginOutputReadLine();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var line = await told.Task.WaitAsync(cts.Token);
            Assert.Contains($"open http://localhost:{port}/", line);

            // The HEALTHCHECK command, exactly as written, finds the server on the port it chose.
            var health = await ShippedProcess.RunAsync(Host(dockerfile.Healthcheck), dockerfile.Healthcheck.Skip(1), app, environment: environment);
            Assert.True(health.ExitCode == 0, health.All);
            Assert.Contains($"127.0.0.1:{port}/healthz", health.Out);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }

        // Once the server is gone the same command reports it.
        var down = await ShippedProcess.RunAsync(Host(dockerfile.Healthcheck), dockerfile.Healthcheck.Skip(1), app, environment: environment);
        Assert.Equal(1, down.ExitCode);
    }

    [Fact]
    public void Dockerfile_LetsThePortBeChosen_AndSaysWhereItsHealthcheckIsLost()
    {
        var dockerfile = Dockerfile.Read();
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile"));

        Assert.DoesNotContain("ASPNETCORE_URLS=", text);
        Assert.DoesNotContain(dockerfile.Healthcheck, a => a.Contains("8080", StringComparison.Ordinal));
        Assert.Equal(["serve"], dockerfile.Cmd);
        Assert.DoesNotContain("serve", dockerfile.Entrypoint);
        Assert.Contains("--format docker", text);
        Assert.Contains("-p:UseAppHost=false", dockerfile.PublishProperties);
    }

    /// <summary>"dotnet" in an exec-form instruction: the host running these tests.</summary>
    private static string Host(IReadOnlyList<string> command) => command[0] == "dotnet" ? ShippedProcess.Dotnet : command[0];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The instructions of the Dockerfile these tests run, read from the file itself.</summary>
    private sealed record Dockerfile(string[] Entrypoint, string[] Cmd, string[] Healthcheck, string[] PublishProperties)
    {
        public static Dockerfile Read()
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
            var lines = text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')).ToList();
            string[] Exec(string instruction) =>
                JsonSerializer.Deserialize<string[]>(ExecForm(instruction).Match(lines.Single(l => ExecForm(instruction).IsMatch(l))).Groups["json"].Value)!;
            var publish = lines.Single(l => l.Contains("dotnet publish", StringComparison.Ordinal));
            return new Dockerfile(
                Exec("ENTRYPOINT"),
                Exec("CMD"),
                Exec("HEALTHCHECK"),
                [.. publish.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => a.StartsWith("-p:", StringComparison.Ordinal))]);
        }

        private static Regex ExecForm(string instruction) => new($@"^{instruction}\b.*?(?:\bCMD\s+)?(?<json>\[.*\])\s*$");
    }
}
