using System.Text.RegularExpressions;
using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Findings;

/// <summary>The change adds or edits no benchmark or load-test file.</summary>
internal sealed partial class NoBenchmarkInDiff : IFindingRule
{
    public string Id => FindingIds.NoBenchmarkInDiff;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        var files = context.Pr.ChangedFiles;
        if (files is null || files.Count == 0 || files.Any(f => BenchmarkFile().IsMatch(f)))
        {
            yield break;
        }
        yield return FindingFactory.Make(Id,
            $"None of the {files.Count} changed files is a benchmark or load-test script.",
            "The process asks for a load-test script (or benchmark) committed with the change, so the before/after numbers can be reproduced and the improvement guarded in CI.",
            "Add the script that produced the numbers, e.g. `loadtest/feed.k6.js`, `bench/feed_bench_test.go` or `benchmarks/FeedBenchmarks.cs`.");
    }

    [GeneratedRegex(@"(?:^|/)(?:bench(?:mark)?s?|perf|perf-?tests?|load|load-?tests?|loadtest(?:ing|s)?|stress|k6|locust|gatling|jmeter|artillery|vegeta)(?:/|$)|(?:_|-|\.)bench(?:mark)?(?:s)?(?:_test)?\.\w+$|bench_test\.go$|Benchmarks?\.\w+$|Benchmark\w*\.(?:cs|java|kt|scala)$|/benches/|\.jmx$|locustfile\.py$|\.k6\.(?:js|ts)$|(?:^|/)k6[^/]*\.(?:js|ts)$|\.bench\.(?:js|ts|mjs)$|_benchmark\.py$|test_\w*bench\w*\.py$", RegexOptions.IgnoreCase)]
    private static partial Regex BenchmarkFile();
}
