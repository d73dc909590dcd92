using BenchmarkDotNet.Attributes;
using Markdig;
using PrReviewBot.Core;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Benchmarks;

/// <summary>
/// Where a typical review's time goes: Markdig's parse alone, our document built from it, the five items on a fresh
/// document (sentence caches built on first use, as in a real review), and each item judged on a document parsed once
/// (its caches warm). The full review (ReviewBenchmarks) adds detection and the finding rules.
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private readonly PullRequestDescription _pr = ReviewBenchmarks.Describe(Descriptions.Typical);
    private DescriptionDocument _document = null!;

    [GlobalSetup]
    public void Setup()
    {
        _document = DescriptionDocument.Parse(_pr.Body);
        Reviewer.Default.JudgeItems(_pr, _document, ReviewConfig.Default);
    }

    [Benchmark(Description = "Markdig parse")]
    public object Markdig() => Markdown.Parse(_pr.Body, DescriptionDocument.Pipeline);

    [Benchmark(Description = "document (Markdig + our walk)")]
    public object Document() => DescriptionDocument.Parse(_pr.Body);

    [Benchmark(Description = "document + five items (no detection, no findings)")]
    public object DocumentAndItems() => Reviewer.Default.JudgeItems(_pr, DescriptionDocument.Parse(_pr.Body), ReviewConfig.Default);

    [Benchmark(Description = "item: constraint")]
    public object Constraint() => Judge(ItemKind.Constraint);

    [Benchmark(Description = "item: profile")]
    public object Profile() => Judge(ItemKind.Profile);

    [Benchmark(Description = "item: before/after")]
    public object BeforeAfter() => Judge(ItemKind.BeforeAfter);

    [Benchmark(Description = "item: rollback")]
    public object Rollback() => Judge(ItemKind.Rollback);

    [Benchmark(Description = "item: monitoring")]
    public object Monitoring() => Judge(ItemKind.Monitoring);

    private object Judge(ItemKind kind) => Reviewer.Default.JudgeItems(_pr, _document, ReviewConfig.Default, [kind]);
}
