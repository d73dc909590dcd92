using System.Globalization;

namespace PrReviewBot.Load;

/// <summary>What one run does. Every option has a default that suits the acknowledgement scenario of docs/PERFORMANCE.md.</summary>
public sealed class LoadOptions
{
    /// <summary>Deliveries per second, sent open-loop (on schedule, whatever the answers).</summary>
    public double Rate { get; set; } = 500;

    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Sent before measuring (JIT, pools, caches), at the same rate.</summary>
    public TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The warm-up's rate; null = <see cref="Rate"/>. A long warm-up at a rate serve keeps up with measures a warm process (JIT tiering done).</summary>
    public double? WarmupRate { get; set; }

    /// <summary>Distinct PRs the deliveries are spread over; 0 = a new PR for every delivery (delivery→check scenario).</summary>
    public int PullRequests { get; set; } = 1000;

    /// <summary>The pull_request action replayed: synchronize (a push), opened, edited (debounced).</summary>
    public string Action { get; set; } = "synchronize";

    public TimeSpan GitHubLatency { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Installations the deliveries are spread over, round-robin by PR number (each has its own token and budget).</summary>
    public int Installations { get; set; } = 1;

    /// <summary>The fake GitHub's content-creating limit per installation in any 60 s (GitHub's: 80); 0 = none.</summary>
    public int ContentPerMinute { get; set; } = 80;

    /// <summary>The same in any hour (GitHub's: 500); 0 = none.</summary>
    public int ContentPerHour { get; set; } = 500;

    /// <summary>The fake GitHub's primary limit per installation and hour (GitHub's: 5,000 and up).</summary>
    public int PrimaryPerHour { get; set; } = 5000;

    public string Storage { get; set; } = "sqlite";

    /// <summary>PostgreSQL server (a fresh schema is created in it and dropped afterwards).</summary>
    public string? Postgres { get; set; }

    /// <summary>A serve already running on 127.0.0.1 (its GitHub must then be this harness's: see --fake-github-port).</summary>
    public Uri? Target { get; set; }

    /// <summary>The target's process id, to read its memory.</summary>
    public int? TargetPid { get; set; }

    public string? ServeDll { get; set; }

    /// <summary>Extra configuration for serve, key=value (Queue:MaxInFlight=16).</summary>
    public List<string> ServeSettings { get; } = [];

    /// <summary>Extra environment variables for serve, NAME=value (DOTNET_gcServer=0).</summary>
    public List<string> ServeEnvironment { get; } = [];

    /// <summary>How long to wait for the queue to drain after the last delivery before giving up.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long serve sits idle before the idle memory reading.</summary>
    public TimeSpan Idle { get; set; } = TimeSpan.FromSeconds(5);

    public int FakeGitHubPort { get; set; }

    public string? JsonOut { get; set; }

    public string? ServeLog { get; set; }

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--rate": o.Rate = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--duration": o.Duration = Seconds(Value()); break;
                case "--warmup": o.Warmup = Seconds(Value()); break;
                case "--warmup-rate": o.WarmupRate = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--pull-requests": o.PullRequests = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--action": o.Action = Value(); break;
                case "--github-latency-ms": o.GitHubLatency = TimeSpan.FromMilliseconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--installations": o.Installations = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--content-per-minute": o.ContentPerMinute = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--content-per-hour": o.ContentPerHour = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--primary-per-hour": o.PrimaryPerHour = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--storage": o.Storage = Value(); break;
                case "--postgres": o.Postgres = Value(); break;
                case "--target": o.Target = new Uri(Value()); break;
                case "--target-pid": o.TargetPid = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--serve-dll": o.ServeDll = Value(); break;
                case "--serve-setting": o.ServeSettings.Add(Value()); break;
                case "--serve-env": o.ServeEnvironment.Add(Value()); break;
                case "--drain-timeout": o.DrainTimeout = Seconds(Value()); break;
                case "--idle": o.Idle = Seconds(Value()); break;
                case "--fake-github-port": o.FakeGitHubPort = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--json": o.JsonOut = Value(); break;
                case "--serve-log": o.ServeLog = Value(); break;
                case "--help" or "-h": throw new HelpRequested();
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (o.Rate <= 0 || o.Rate > 20_000)
        {
            throw new ArgumentException("--rate must be between 0 and 20000 deliveries per second");
        }
        if (o.WarmupRate is <= 0 or > 20_000)
        {
            throw new ArgumentException("--warmup-rate must be between 0 and 20000 deliveries per second");
        }
        if (o.Duration <= TimeSpan.Zero || o.Duration > TimeSpan.FromMinutes(30))
        {
            throw new ArgumentException("--duration must be between 0 and 1800 seconds: the harness always stops by itself");
        }
        if (o.Installations is < 1 or > 100_000)
        {
            throw new ArgumentException("--installations must be between 1 and 100000");
        }
        if (o.ContentPerMinute < 0 || o.ContentPerHour < 0 || o.PrimaryPerHour < 1)
        {
            throw new ArgumentException("--content-per-minute and --content-per-hour must be 0 (no limit) or more; --primary-per-hour at least 1");
        }
        if (o.Target is { } target && !target.IsLoopback)
        {
            throw new ArgumentException("--target must be on 127.0.0.1 (or localhost): the harness only ever loads this machine");
        }
        if (o.Storage is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--storage is sqlite or postgres");
        }
        if (o.Storage == "postgres" && o.Target is null && string.IsNullOrWhiteSpace(o.Postgres))
        {
            throw new ArgumentException("--storage postgres needs --postgres <connection string of a server on 127.0.0.1>");
        }
        return o;
    }

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));

    public const string Usage = """
        PrReviewBot load harness: replays signed pull_request deliveries against `prreviewbot serve` on 127.0.0.1.

          --rate N                deliveries per second, open loop (500)
          --duration S            seconds measured (60); --warmup S before it (5), at --warmup-rate R (--rate)
          --pull-requests N       PRs the deliveries cycle over (1000); 0 = a new PR per delivery (delivery→check latency)
          --action A              pull_request action replayed (synchronize)
          --github-latency-ms N   the fake GitHub's answer time (50)
          --installations N       spread the PRs over N installations, round-robin by PR number (1); each gets its own
                                  token and its own limits in the fake GitHub
          --content-per-minute N  the fake GitHub's content-creating limit per installation in any 60 s (80, GitHub's);
          --content-per-hour N    and in any hour (500, GitHub's); 0 = no limit. Writes over it are refused with 403
                                  and Retry-After, as GitHub does, and counted in the report
          --primary-per-hour N    the fake GitHub's primary limit per installation (5000), reported in x-ratelimit-*
          --storage sqlite|postgres, --postgres "Host=127.0.0.1;Port=…;Username=…;Database=…" (a schema is made and dropped)
          --serve-setting K=V     extra serve configuration, repeatable (Queue:MaxInFlight=16)
          --serve-env NAME=V      extra environment variable for serve, repeatable (DOTNET_gcServer=0)
          --serve-dll PATH        the prreviewbot.dll to run (default: the one built beside this harness)
          --target URL --target-pid PID   load a serve already running on 127.0.0.1 instead (its GitHub:ApiBaseUrl must
                                  point at --fake-github-port)
          --drain-timeout S       wait this long for the queue after the last delivery (120)
          --idle S                idle time before the idle memory reading (5)
          --json FILE             also write the results as JSON; --serve-log FILE keeps serve's log
        """;
}

public sealed class HelpRequested : Exception;
