using BenchmarkDotNet.Attributes;
using PrReviewBot.Core;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Benchmarks;

/// <summary>One review of one description: parse, five items, findings (targets: 3 KB &lt; 100 µs, 65,536 chars &lt; 2 ms).</summary>
[MemoryDiagnoser]
public class ReviewBenchmarks
{
    private readonly PullRequestDescription _typical = Describe(Descriptions.Typical);
    private readonly PullRequestDescription _large = Describe(Descriptions.Large);

    [Benchmark(Baseline = true, Description = "typical 3 KB")]
    public Verdict Typical() => Reviewer.Default.Review(_typical, ReviewConfig.Default);

    [Benchmark(Description = "65,536 characters")]
    public Verdict Large() => Reviewer.Default.Review(_large, ReviewConfig.Default);

    internal static PullRequestDescription Describe(string body) => new("perf(items): cache item lookups in Redis", body, ["performance"]);
}

/// <summary>Time against size: a linear review costs the same per character at every size.</summary>
[MemoryDiagnoser]
public class LinearityBenchmarks
{
    private PullRequestDescription _pr = null!;

    [Params(4_096, 16_384, 65_536, 262_144)]
    public int Characters { get; set; }

    [GlobalSetup]
    public void Setup() => _pr = ReviewBenchmarks.Describe(Descriptions.OfSize(Characters));

    [Benchmark]
    public Verdict Review() => Reviewer.Default.Review(_pr, ReviewConfig.Default);
}

/// <summary>The hostile inputs of the tests: each must stay linear, none may blow up.</summary>
[MemoryDiagnoser]
public class HostileInputBenchmarks
{
    private PullRequestDescription _pr = null!;

    [Params("10k nested quotes", "10k nested lists", "10k list markers", "5,000-row table", "1 MB", "control characters", "emphasis storm", "unclosed HTML rows", "RTL and CJK")]
    public string Input { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup() => _pr = ReviewBenchmarks.Describe(Input switch
    {
        "10k nested quotes" => Descriptions.NestedQuotes,
        "10k nested lists" => Descriptions.NestedLists,
        "10k list markers" => Descriptions.NestedListMarkers,
        "5,000-row table" => Descriptions.Table5000,
        "1 MB" => Descriptions.OneMegabyte,
        "control characters" => Descriptions.ControlCharacters,
        "emphasis storm" => Descriptions.EmphasisStorm,
        "unclosed HTML rows" => Descriptions.UnclosedHtmlRows,
        _ => Descriptions.RightToLeftAndCjk,
    });

    [Benchmark]
    public Verdict Review() => Reviewer.Default.Review(_pr, ReviewConfig.Default);
}
