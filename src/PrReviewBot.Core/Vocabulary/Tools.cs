namespace PrReviewBot.Core.Vocabulary;

/// <summary>
/// Names of the tools people use to load-test, benchmark and profile, as regular-expression alternations (match them
/// case-insensitively between word boundaries). Every reader takes its tool names from here, so a tool named in a PR
/// reads the same in an issue and in a plan.
/// </summary>
internal static class Tools
{
    /// <summary>HTTP and database load generators.</summary>
    public const string LoadTest =
        "wrk2?|k6|vegeta|locust|gatling|jmeter|artillery|ghz|crank|bombardier|autocannon|oha|siege|pgbench|sysbench|ycsb|" +
        "tsung|h2load|fortio|nighthawk|drill|goose|apachebench|yandex-tank|rakyll/hey|" +
        "memtier(?:_benchmark)?|redis-benchmark|tpc-?[ch]|hammerdb|benchbase|oltpbench|grafana k6";

    /// <summary>Benchmark harnesses and comparers (their output is before/after evidence, not a load test).</summary>
    public const string Benchmark =
        "benchstat|hyperfine|criterion|jmh|benchmarkdotnet|pytest-benchmark|pyperf|asv|airspeed velocity|google benchmark|" +
        "nanobench|divan|iai|go test -bench|cargo bench|bench\\.js|tinybench|mitata|vitest bench|phpbench|benchmark-ips|" +
        "scheduler_perf|perf-dash|lighthouse(?: ci)?|webpagetest|sitespeed\\.io";

    /// <summary>Profilers, tracers and the viewers that show their output.</summary>
    public const string Profilers =
        "pprof|go tool pprof|perf record|perf report|perf top|perf script|async-profiler|async profiler|dotnet-trace|" +
        "dotnet-counters|dotnet-dump|dotnet-gcdump|py-spy|pyspy|samply|instruments|time profiler|(?:allocations|leaks) instrument|visualvm|jfr|java flight recorder|" +
        "jdk mission control|mission control|yourkit|jprofiler|dottrace|dotmemory|perfview|ants profiler|chrome devtools|" +
        "devtools performance|performance (?:panel|tab)|react profiler|react devtools profiler|firefox profiler|speedscope|" +
        "perfetto|pyroscope|parca|jaeger|zipkin|tempo|x-ray|flamegraph\\.pl|cargo flamegraph|flamegraph-rs|" +
        "valgrind|callgrind|cachegrind|kcachegrind|qcachegrind|massif|heaptrack|memray|scalene|cprofile|snakeviz|" +
        "line_profiler|pyinstrument|yappi|xdebug|blackfire|tideways|rbspy|stackprof|ruby-prof|vernier|0x|clinic(?:\\.js)?|" +
        "clinic flame|clinic doctor|--cpu-prof|--prof|tracy|superluminal|vtune|uprof|nsight(?: systems| compute)?|" +
        "bpftrace|ebpf profiler|offcputime|profile-bpfcc|datadog profiler|continuous profiler|pixie|" +
        "android studio profiler|simpleperf|systrace|xctrace|windows performance analyzer|clockwork|" +
        "django-silk|django debug toolbar|rack-mini-profiler|miniprofiler|scout apm|skylight|" +
        // a database's own profile of one query: the plan with the time each step took
        "explain analy[sz]e|explain \\(analy[sz]e[^)]{0,40}\\)";

    /// <summary>Words that name a profile artifact itself.</summary>
    public const string ProfileArtifacts =
        "flame ?graphs?|flame ?charts?|icicle graphs?|cpu[ -]?profiles?|heap[ -]?profiles?|mutex[ -]?profiles?|block[ -]?profiles?|" +
        "allocation profiles?|alloc profiles?|wall[- ]?clock profiles?|heap snapshots?|heap dumps?|thread dumps?|call ?graphs?|" +
        "call trees?|traces?|trace views?|span breakdowns?|waterfalls?|timelines?|profiles?";
}
