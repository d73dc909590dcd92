using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace PrReviewBot.Load;

/// <summary>What a run measured, against the service's targets (docs/PERFORMANCE.md), printed and as JSON.</summary>
public sealed class LoadReport
{
    public required string Scenario { get; init; }
    public required string Storage { get; init; }
    public required double RatePerSecond { get; init; }
    public required double DurationSeconds { get; init; }
    public required int Deliveries { get; init; }
    public required int Errors { get; init; }
    public required IReadOnlyList<string> ErrorSamples { get; init; }
    public required double AckP50Ms { get; init; }
    public required double AckP95Ms { get; init; }
    public required double AckP99Ms { get; init; }
    public required double AckMaxMs { get; init; }
    public required double AchievedRatePerSecond { get; init; }
    public required int HeadsChecked { get; init; }
    public required int HeadsSent { get; init; }
    public double? CheckP50Ms { get; init; }
    public double? CheckP95Ms { get; init; }
    public double? CheckP99Ms { get; init; }
    public required double ChecksPerSecond { get; init; }
    public required bool Drained { get; init; }
    public required double DrainSeconds { get; init; }
    public required double GitHubCallsPerDelivery { get; init; }
    public required IReadOnlyDictionary<string, long> GitHubCallsByRoute { get; init; }
    public required double StartupMs { get; init; }
    public double? IdleRssMb { get; init; }
    public double? IdleAfterRssMb { get; init; }
    public required double PeakRssUnderLoadMb { get; init; }
    public required double PeakRssWithDrainMb { get; init; }
    public required string LoadAverageBefore { get; init; }
    public required string LoadAverageAfter { get; init; }
    public required string Settings { get; init; }
    public required int Installations { get; init; }
    public required long RefusedPrimary { get; init; }
    public required long RefusedContentCreating { get; init; }
    public required int MostWritesInAMinutePerInstallation { get; init; }
    /// <summary>Serve's CPU (user + system, from /proc/PID/stat) from the first measured delivery until the queue drained.</summary>
    public double? ServeCpuSeconds { get; init; }
    /// <summary>That CPU divided by the deliveries acknowledged with 2xx in the measured run (each a new PR in the opened scenario).</summary>
    public double? ServeCpuMsPerDelivery { get; init; }
    /// <summary>The same CPU by kind of thread (CPU-seconds; threads that ended during the run are missing).</summary>
    public IReadOnlyDictionary<string, double>? ServeCpuSecondsByThread { get; init; }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>
    /// Waits until every PR's latest head sent so far has a check (the last evaluation of a PR always sees its latest
    /// head), or the timeout. True when everything was checked.
    /// </summary>
    public static async Task<bool> WaitForChecksAsync(FakeGitHubServer gitHub, IReadOnlyList<SentDelivery> sent, TimeSpan timeout)
    {
        var latest = sent.Where(d => d.Status is >= 200 and < 300).GroupBy(d => d.Number).Select(g => g.MaxBy(d => d.DueAt)!.HeadSha).ToList();
        var clock = Stopwatch.StartNew();
        var lastCount = -1;
        var stableSince = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (latest.Count > 0 && latest.All(sha => gitHub.TryFirstCheck(sha, out _)))
            {
                return true;
            }
            // Warm-up: no list to wait for; wait until checks stop arriving for a second.
            if (latest.Count == 0)
            {
                if (gitHub.ChecksPosted != lastCount)
                {
                    lastCount = gitHub.ChecksPosted;
                    stableSince.Restart();
                }
                else if (stableSince.Elapsed > TimeSpan.FromSeconds(1))
                {
                    return true;
                }
            }
            await Task.Delay(20);
        }
        return false;
    }

    public static LoadReport Build(LoadOptions o, IReadOnlyList<SentDelivery> sent, TimeSpan sendingTook, TimeSpan drainTook, bool drained,
        FakeGitHubServer gitHub, long callsBefore, IReadOnlyDictionary<string, long> callsByRouteBefore, TimeSpan startup,
        long? idleRss, long? idleAfterRss, long peakUnderLoad, long peakWithDrain, string loadBefore, string loadAfter,
        (long Primary, long Secondary) refusedBefore, TimeSpan? cpuUsed = null, IReadOnlyDictionary<string, double>? cpuByThread = null)
    {
        var ok = sent.Where(d => d.Error is null && d.Status is >= 200 and < 300).ToList();
        var errors = sent.Where(d => d.Error is not null || d.Status is < 200 or >= 300).ToList();
        var ack = sent.Select(d => Stopwatch.GetElapsedTime(d.DueAt, d.AnsweredAt).TotalMilliseconds).Order().ToArray();
        var checkLatencies = new List<double>();
        foreach (var d in ok)
        {
            if (gitHub.TryFirstCheck(d.HeadSha, out var at) && at >= d.DueAt)
            {
                checkLatencies.Add(Stopwatch.GetElapsedTime(d.DueAt, at).TotalMilliseconds);
            }
        }
        checkLatencies.Sort();
        var heads = ok.Select(d => d.HeadSha).Distinct().Count();
        var calls = gitHub.TotalCalls - callsBefore;
        return new LoadReport
        {
            Scenario = o.PullRequests == 0 ? $"a new PR per delivery ({o.Action})" : $"{o.PullRequests} PRs, a push each delivery ({o.Action})",
            Storage = o.Storage,
            RatePerSecond = o.Rate,
            DurationSeconds = o.Duration.TotalSeconds,
            Deliveries = sent.Count,
            Errors = errors.Count,
            ErrorSamples = errors.Take(5).Select(d => d.Error ?? $"HTTP {d.Status}").ToList(),
            AckP50Ms = Percentile(ack, 0.50),
            AckP95Ms = Percentile(ack, 0.95),
            AckP99Ms = Percentile(ack, 0.99),
            AckMaxMs = ack.Length == 0 ? 0 : ack[^1],
            AchievedRatePerSecond = sent.Count / sendingTook.TotalSeconds,
            HeadsChecked = checkLatencies.Count,
            HeadsSent = heads,
            CheckP50Ms = checkLatencies.Count == 0 ? null : Percentile([.. checkLatencies], 0.50),
            CheckP95Ms = checkLatencies.Count == 0 ? null : Percentile([.. checkLatencies], 0.95),
            CheckP99Ms = checkLatencies.Count == 0 ? null : Percentile([.. checkLatencies], 0.99),
            ChecksPerSecond = checkLatencies.Count / (sendingTook + drainTook).TotalSeconds,
            Drained = drained,
            DrainSeconds = drainTook.TotalSeconds,
            GitHubCallsPerDelivery = sent.Count == 0 ? 0 : (double)calls / sent.Count,
            GitHubCallsByRoute = gitHub.Calls.ToDictionary(kv => kv.Key, kv => kv.Value - callsByRouteBefore.GetValueOrDefault(kv.Key)),
            StartupMs = startup.TotalMilliseconds,
            IdleRssMb = idleRss / 1048576.0,
            IdleAfterRssMb = idleAfterRss / 1048576.0,
            PeakRssUnderLoadMb = peakUnderLoad / 1048576.0,
            PeakRssWithDrainMb = peakWithDrain / 1048576.0,
            LoadAverageBefore = loadBefore,
            LoadAverageAfter = loadAfter,
            Settings = string.Join(' ', o.ServeSettings.Concat(o.ServeEnvironment)),
            Installations = o.Installations,
            RefusedPrimary = gitHub.RefusedPrimary - refusedBefore.Primary,
            RefusedContentCreating = gitHub.RefusedSecondary - refusedBefore.Secondary,
            MostWritesInAMinutePerInstallation = gitHub.MostWritesInAMinute,
            ServeCpuSeconds = cpuUsed?.TotalSeconds,
            ServeCpuSecondsByThread = cpuByThread,
            ServeCpuMsPerDelivery = cpuUsed is { } cpu && ok.Count > 0 ? cpu.TotalMilliseconds / ok.Count : null,
        };
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public void Print(TextWriter w)
    {
        string Ms(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "n/a";
        string Mb(double? v) => v is { } x ? x.ToString("0", CultureInfo.InvariantCulture) + " MB" : "n/a";
        w.WriteLine();
        w.WriteLine($"scenario           {Scenario}, storage {Storage}{(Settings.Length > 0 ? ", " + Settings : "")}");
        w.WriteLine($"deliveries         {Deliveries} at {RatePerSecond:0}/s for {DurationSeconds:0} s (achieved {AchievedRatePerSecond:0.0}/s), errors {Errors}");
        foreach (var e in ErrorSamples)
        {
            w.WriteLine($"  error            {e}");
        }
        w.WriteLine($"acknowledgement    p50 {Ms(AckP50Ms)}, p95 {Ms(AckP95Ms)}, p99 {Ms(AckP99Ms)}, max {Ms(AckMaxMs)}   (target p99 < 25 ms, 0 errors)");
        w.WriteLine($"delivery → check   p50 {Ms(CheckP50Ms)}, p95 {Ms(CheckP95Ms)}, p99 {Ms(CheckP99Ms)} over {HeadsChecked} of {HeadsSent} heads   (target p95 < 200 ms at 50/s, GitHub 50 ms)");
        w.WriteLine($"throughput         {ChecksPerSecond:0.0} checks/s; queue {(Drained ? "drained" : "NOT drained")} {DrainSeconds:0.0} s after the last delivery");
        w.WriteLine($"GitHub limits      {Installations} installations; refused: {RefusedContentCreating} writes over the content-creating limit, {RefusedPrimary} calls over the primary limit; most writes by one installation in 60 s: {MostWritesInAMinutePerInstallation}");
        w.WriteLine($"GitHub calls       {GitHubCallsPerDelivery:0.00} per delivery: {string.Join(", ", GitHubCallsByRoute.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}"))}");
        w.WriteLine($"memory (RSS)       idle {Mb(IdleRssMb)} before, {Mb(IdleAfterRssMb)} after; peak {Mb(PeakRssUnderLoadMb)} under load, {Mb(PeakRssWithDrainMb)} with the drain   (target < 200 MB under load, < 100 MB idle)");
        w.WriteLine($"serve CPU          {(ServeCpuSeconds is { } cs ? $"{cs:0.0} s from the first measured delivery to the drain, {ServeCpuMsPerDelivery:0.00} ms per accepted delivery" : "n/a")}   (user + system, /proc/PID/stat)");
        if (ServeCpuSecondsByThread is { Count: > 0 } threads)
        {
            w.WriteLine($"  by thread        {string.Join(", ", threads.Where(kv => kv.Value >= 0.05).OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value:0.0} s"))}");
        }
        w.WriteLine($"start-up           ready in {StartupMs:0} ms   (target < 2 s)");
        w.WriteLine($"load average       {LoadAverageBefore} before, {LoadAverageAfter} after ({Environment.ProcessorCount} cores)");
    }

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}
