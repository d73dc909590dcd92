using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PrReviewBot.Tests.Support;

/// <summary>
/// <c>prreviewbot serve</c> as a real child process (the build output beside the tests), on 127.0.0.1 and a free
/// port, configured through environment variables as an operator would. It can be killed with SIGKILL.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _log;

    private ServeProcess(Process process, string url, string log)
    {
        _process = process;
        Url = url;
        _log = log;
    }

    public string Url { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan? readyWithin = null)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var dll = Path.Combine(AppContext.BaseDirectory, "prreviewbot.dll");
        var log = Path.Combine(Path.GetTempPath(), $"prreviewbot-serve-{Guid.NewGuid():N}.log");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            ArgumentList = { dll, "serve", "--urls", url },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console"] = "text";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start prreviewbot serve");
        var writer = new StreamWriter(log) { AutoFlush = true };
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { writer.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var serve = new ServeProcess(process, url, log);

        // Ready once it answers HTTP at all (its storage is migrated before Kestrel listens).
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (readyWithin ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"prreviewbot serve exited with {process.ExitCode} before it was ready:\n{serve.LogTail()}");
            }
            try
            {
                using var response = await http.GetAsync(url + "/");
                return serve;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                await serve.DisposeAsync();
                throw new TimeoutException($"prreviewbot serve did not answer within the time allowed:\n{serve.LogTail()}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no shutdown, no released lease, no flushed anything.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public string LogTail(int lines = 60)
    {
        try
        {
            using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        try
        {
            File.Delete(_log);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
