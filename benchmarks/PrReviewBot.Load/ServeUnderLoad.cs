using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace PrReviewBot.Load;

/// <summary>
/// The <c>prreviewbot serve</c> under test: started as its own process on 127.0.0.1 (or one already running there),
/// with its start-up time and its memory (RSS from /proc) read while it works.
/// </summary>
public sealed class ServeUnderLoad : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly StreamWriter? _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakRssBytes;

    private ServeUnderLoad(Process? process, int? pid, Uri url, TimeSpan startup, StreamWriter? log)
    {
        _process = process;
        Pid = pid;
        Url = url;
        Startup = startup;
        _log = log;
        _sampler = SampleAsync();
    }

    public Uri Url { get; }

    public int? Pid { get; }

    /// <summary>From process start to the first delivery acknowledged (storage migrated, Kestrel listening).</summary>
    public TimeSpan Startup { get; }

    /// <summary>Highest RSS seen while sampling every 50 ms, or the kernel's high-water mark if higher.</summary>
    public long PeakRssBytes => Math.Max(Interlocked.Read(ref _peakRssBytes), ReadStatus("VmHWM") ?? 0);

    public long? RssBytes => ReadStatus("VmRSS");

    /// <summary>
    /// Serve's CPU time so far per kind of thread (the thread's name, digits dropped: ".NET TP Worker", ".NET Tiered
    /// Com" for the JIT's tiering thread), from /proc/PID/task/*/stat; threads that ended are not counted.
    /// </summary>
    public Dictionary<string, TimeSpan> CpuTimeByThread()
    {
        var byName = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (Pid is not { } pid)
        {
            return byName;
        }
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var open = stat.IndexOf('(');
                    var close = stat.LastIndexOf(')');
                    var name = new string(stat[(open + 1)..close].Where(c => !char.IsAsciiDigit(c)).ToArray()).Trim();
                    var fields = stat[(close + 2)..].Split(' ');
                    var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
                        + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                    byName[name] = byName.GetValueOrDefault(name) + TimeSpan.FromSeconds(ticks / 100.0);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                {
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return byName;
    }

    /// <summary>Serve's CPU time so far, user + system (utime and stime in /proc/PID/stat), or null if unreadable.</summary>
    public TimeSpan? CpuTime
    {
        get
        {
            if (Pid is not { } pid)
            {
                return null;
            }
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
                    + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                return null;
            }
        }
    }

    public static string Secret { get; } = "load-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static async Task<ServeUnderLoad> StartAsync(LoadOptions o, string gitHubUrl, string? storageConnection, string workingDirectory)
    {
        if (o.Target is { } target)
        {
            var ready = Stopwatch.StartNew();
            await WaitReadyAsync(target, null, TimeSpan.FromSeconds(30));
            return new ServeUnderLoad(null, o.TargetPid, target, ready.Elapsed, null);
        }
        var dll = o.ServeDll ?? Path.Combine(AppContext.BaseDirectory, "prreviewbot.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"prreviewbot.dll not found at {dll}: build the harness (it builds serve beside it) or pass --serve-dll");
        }
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        using var key = RSA.Create(2048);
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            ArgumentList = { dll, "serve", "--urls", url.ToString().TrimEnd('/') },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // A folder of its own, as a deployment has: serve watches its content root for appsettings changes.
            WorkingDirectory = workingDirectory,
        };
        var env = info.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["GitHub__ApiBaseUrl"] = gitHubUrl;
        env["GitHub__AppId"] = "4242";
        env["GitHub__PrivateKey"] = key.ExportPkcs8PrivateKeyPem();
        env["GitHub__WebhookSecret"] = Secret;
        env["Storage__Provider"] = o.Storage;
        env["Storage__ConnectionString"] = storageConnection;
        env["Redelivery__Enabled"] = "false";
        foreach (var setting in o.ServeSettings)
        {
            var eq = setting.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--serve-setting wants KEY=VALUE, got '{setting}'");
            }
            env[setting[..eq].Replace(":", "__", StringComparison.Ordinal)] = setting[(eq + 1)..];
        }

        foreach (var variable in o.ServeEnvironment)
        {
            var eq = variable.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--serve-env wants NAME=VALUE, got '{variable}'");
            }
            env[variable[..eq]] = variable[(eq + 1)..];
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start prreviewbot serve");
        // Serve's log is copied as raw bytes, as fast as a container runtime's log driver would read it.
        var logPath = o.ServeLog ?? Path.Combine(Path.GetTempPath(), $"prreviewbot-load-serve-{process.Id}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        _ = process.StandardOutput.BaseStream.CopyToAsync(log.BaseStream);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        try
        {
            await WaitReadyAsync(url, process, TimeSpan.FromSeconds(60));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new ServeUnderLoad(process, process.Id, url, clock.Elapsed, log);
    }

    /// <summary>Ready = a signed ping is acknowledged (the same path every delivery takes).</summary>
    private static async Task WaitReadyAsync(Uri url, Process? process, TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var body = """{"zen":"Keep it logically awesome.","hook_id":1,"hook":{"type":"App","id":1,"events":["pull_request"]}}""";
        while (true)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"prreviewbot serve exited with {process.ExitCode} during start-up");
            }
            try
            {
                using var request = DeliveryReplayer.Signed("ping", body, "ready-" + Guid.NewGuid().ToString("N"), Secret);
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (deadline.Elapsed > within)
            {
                throw new TimeoutException($"prreviewbot serve at {url} did not acknowledge a ping within {within.TotalSeconds:0} s");
            }
            await Task.Delay(5);
        }
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (RssBytes is { } rss && rss > Interlocked.Read(ref _peakRssBytes))
            {
                Interlocked.Exchange(ref _peakRssBytes, rss);
            }
            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Forgets the peak so far (the next reading covers only what follows).</summary>
    public void ResetPeak()
    {
        Interlocked.Exchange(ref _peakRssBytes, 0);
        // The kernel's high-water mark can be reset too: writing 5 to clear_refs.
        if (Pid is { } pid)
        {
            try
            {
                File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private long? ReadStatus(string field)
    {
        if (Pid is not { } pid)
        {
            return null;
        }
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var kb = line[(field.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_log is not null)
        {
            await _log.FlushAsync();
            await _log.DisposeAsync();
        }
    }
}
