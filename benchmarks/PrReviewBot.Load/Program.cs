using System.Diagnostics;
using System.Net;
using Npgsql;
using PrReviewBot.Load;

LoadOptions o;
try
{
    o = LoadOptions.Parse(args);
}
catch (HelpRequested)
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}\n\n{LoadOptions.Usage}");
    return 2;
}

var loadBefore = LoadReport.LoadAverage();
await using var gitHub = await FakeGitHubServer.StartAsync(o, o.FakeGitHubPort);

var workingDirectory = Directory.CreateTempSubdirectory("prreviewbot-load-").FullName;
string? schema = null;
string? storage = null;
if (o.Target is null)
{
    if (o.Storage == "postgres")
    {
        if (!new NpgsqlConnectionStringBuilder(o.Postgres).Host!.Split(',').All(h => h is "127.0.0.1" or "localhost" or "::1"))
        {
            Console.Error.WriteLine("error: --postgres must be a server on 127.0.0.1");
            return 2;
        }
        schema = "load_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = new NpgsqlConnection(o.Postgres);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", admin))
        {
            await create.ExecuteNonQueryAsync();
        }
        storage = new NpgsqlConnectionStringBuilder(o.Postgres) { SearchPath = schema }.ConnectionString;
    }
    else
    {
        // The default layout: data/prreviewbot.db under serve's working directory.
        storage = Path.Combine(workingDirectory, "data", "prreviewbot.db");
    }
}

var exit = 0;
try
{
    await using var serve = await ServeUnderLoad.StartAsync(o, gitHub.Url, storage, workingDirectory);
    Console.WriteLine($"serve {serve.Url} (pid {serve.Pid}) ready in {serve.Startup.TotalMilliseconds:0} ms; fake GitHub {gitHub.Url} answering in {o.GitHubLatency.TotalMilliseconds:0} ms");

    // Idle: started, nothing to do.
    await Task.Delay(o.Idle);
    var idleRss = serve.RssBytes;

    using var http = new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1024,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        AutomaticDecompression = DecompressionMethods.None,
    })
    { BaseAddress = serve.Url, Timeout = TimeSpan.FromSeconds(10) }; // GitHub gives up after 10 s
    var replayer = new DeliveryReplayer(http, gitHub, o);

    if (o.Warmup > TimeSpan.Zero)
    {
        Console.WriteLine($"warm-up: {o.Warmup.TotalSeconds:0} s at {o.WarmupRate ?? o.Rate:0}/s");
        await replayer.RunAsync(o.Warmup, "warmup", o.WarmupRate);
        await LoadReport.WaitForChecksAsync(gitHub, [], TimeSpan.FromSeconds(30));
    }

    var refusedBefore = (gitHub.RefusedPrimary, gitHub.RefusedSecondary);
    var callsBefore = gitHub.TotalCalls;
    var callsByRouteBefore = gitHub.Calls.ToDictionary();
    serve.ResetPeak();
    var cpuBefore = serve.CpuTime;
    var threadsBefore = serve.CpuTimeByThread();
    Console.WriteLine($"load: {o.Duration.TotalSeconds:0} s at {o.Rate:0} deliveries/s ({o.Action}, {(o.PullRequests == 0 ? "a new PR each" : $"{o.PullRequests} PRs")})");
    var clock = Stopwatch.StartNew();
    var sent = await replayer.RunAsync(o.Duration, "load");
    var sendingTook = clock.Elapsed;
    var peakUnderLoad = serve.PeakRssBytes;
    var drained = await LoadReport.WaitForChecksAsync(gitHub, sent, o.DrainTimeout);
    var drainTook = clock.Elapsed - sendingTook;
    var peakWithDrain = serve.PeakRssBytes;
    var cpuUsed = serve.CpuTime - cpuBefore;
    var cpuByThread = serve.CpuTimeByThread().ToDictionary(kv => kv.Key, kv => (kv.Value - threadsBefore.GetValueOrDefault(kv.Key)).TotalSeconds);

    // Idle again after the work is done.
    await Task.Delay(o.Idle);
    var idleAfterRss = serve.RssBytes;

    var report = LoadReport.Build(o, sent, sendingTook, drainTook, drained, gitHub, callsBefore, callsByRouteBefore, serve.Startup,
        idleRss, idleAfterRss, peakUnderLoad, peakWithDrain, loadBefore, LoadReport.LoadAverage(), refusedBefore, cpuUsed, cpuByThread);
    report.Print(Console.Out);
    if (o.JsonOut is not null)
    {
        await File.WriteAllTextAsync(o.JsonOut, report.ToJson());
    }
    exit = report.Errors == 0 && drained ? 0 : 1;
}
finally
{
    if (schema is not null)
    {
        await using var admin = new NpgsqlConnection(o.Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", admin);
        await drop.ExecuteNonQueryAsync();
    }
    try
    {
        Directory.Delete(workingDirectory, recursive: true);
    }
    catch (IOException)
    {
    }
}
return exit;
