using PrReviewBot.Core.Config;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Findings;

public class FindingTests
{
    /// <summary>The seed's eval 4 written as the PR description people really post.</summary>
    private const string CacheBundle = """
        Optimized our cache layer:

        - added an in-process LRU cache
        - added singleflight so concurrent misses collapse into one fetch
        - switched cache serialization from JSON to msgpack

        All in one commit. Tests pass. Can someone review?
        """;

    [Fact]
    public void Eval4CacheBundle_FailsWithBundlingAndMissingEvidence()
    {
        var verdict = Review.Of(CacheBundle, title: "Optimize cache layer");
        Assert.True(verdict.IsOptimization);
        Assert.Equal(Conclusion.Failure, verdict.Conclusion);
        Assert.Contains(FindingIds.BundledOptimizations, Review.Rules(verdict));
        Assert.Contains(FindingIds.CacheWithoutIoEvidence, Review.Rules(verdict));
        Assert.False(verdict.Item(ItemKind.BeforeAfter).Present);
        Assert.False(verdict.Item(ItemKind.Profile).Present);
        var bundled = verdict.Findings.Single(f => f.Rule == FindingIds.BundledOptimizations);
        Assert.Contains("cache", bundled.Message);
        Assert.Contains("singleflight", bundled.Message);
        Assert.Contains("serialization", bundled.Message);
    }

    [Fact]
    public void TwoFlags_AreBundled()
    {
        var verdict = Review.Of("## Rollback\n`-ruler.max-global-concurrency=0` and `-ruler.max-tenant-concurrency=0` turn it off; rules are then evaluated in sequence as before.");
        Assert.Contains(FindingIds.BundledOptimizations, Review.Rules(verdict));
    }

    [Fact]
    public void OneTechniqueWithExistingIndexes_IsNotBundled()
    {
        var verdict = Review.Of("**Change:** Redis cache in front of item reads. The DB is already index-only (EXPLAIN in #311).");
        Assert.DoesNotContain(FindingIds.BundledOptimizations, Review.Rules(verdict));
    }

    [Fact]
    public void CacheWithIoProfile_IsNotFlagged()
    {
        const string body = "**Profile:** trace https://jaeger.example.com/trace/4bf92f3577b34da6 — 70% of request time is the same three SELECT queries (I/O-bound).\n\n**Change:** added a Redis cache in front of item reads.";
        Assert.DoesNotContain(FindingIds.CacheWithoutIoEvidence, Review.Rules(Review.Of(body)));
    }

    [Fact]
    public void NoBenchmarkFileInDiff_IsNoticed()
    {
        var verdict = Review.Of("p95 240 ms → 80 ms", files: ["src/feed/query.go", "README.md"]);
        Assert.Contains(FindingIds.NoBenchmarkInDiff, Review.Rules(verdict));
        var withBench = Review.Of("p95 240 ms → 80 ms", files: ["src/feed/query.go", "loadtest/feed.k6.js"]);
        Assert.DoesNotContain(FindingIds.NoBenchmarkInDiff, Review.Rules(withBench));
        var withLoad = Review.Of("p95 240 ms → 80 ms", files: ["src/feed/query.go", "tests/load/feed-api.js"]);
        Assert.DoesNotContain(FindingIds.NoBenchmarkInDiff, Review.Rules(withLoad));
    }

    [Fact]
    public void UnknownFiles_DoNotTriggerFileRules()
    {
        Assert.DoesNotContain(FindingIds.NoBenchmarkInDiff, Review.Rules(Review.Of("p95 240 ms → 80 ms")));
    }

    [Fact]
    public void FlagNotInChangedFiles_IsFlagged()
    {
        var pr = new PullRequestDescription("perf: x", "## Rollback\nSet `feed_l1_cache=false`; reads then go straight to Redis.", [], ["src/feed.go"])
        {
            ChangedFileText = new Dictionary<string, string> { ["src/feed.go"] = "if flags.Enabled(\"feed_l2_cache\") {" },
        };
        var verdict = Reviewer.Default.Review(pr, ReviewConfig.Default);
        Assert.Contains(FindingIds.FlagNotInDiff, Review.Rules(verdict));
        var fixedPr = pr with { ChangedFileText = new Dictionary<string, string> { ["src/feed.go"] = "if flags.Enabled(\"feed_l1_cache\") {" } };
        Assert.DoesNotContain(FindingIds.FlagNotInDiff, Review.Rules(Reviewer.Default.Review(fixedPr, ReviewConfig.Default)));
    }

    [Fact]
    public void MetricThatGotWorse_IsFlagged()
    {
        var verdict = Review.Of("| | before | after |\n|---|---|---|\n| p99 latency | 149 ms | 151 ms |\n| throughput | 3480 req/s | 3410 req/s |");
        var finding = verdict.Findings.Single(f => f.Rule == FindingIds.MetricRegressed);
        Assert.Contains("2 metrics got worse", finding.Message);
    }

    [Fact]
    public void ImprovedThroughput_IsNotARegression()
    {
        Assert.DoesNotContain(FindingIds.MetricRegressed, Review.Rules(Review.Of("throughput 1,188 req/s → 2,091 req/s")));
    }

    [Fact]
    public void BenchstatTilde_IsNotSignificant()
    {
        const string body = "```\nname   old time/op  new time/op  delta\nTimerValues-12  32.3ns ± 1%  32.5ns ± 3%  ~  (p=0.770 n=5+5)\n```";
        var verdict = Review.Of(body);
        Assert.Contains(FindingIds.NotSignificant, Review.Rules(verdict));
        Assert.DoesNotContain(FindingIds.MetricRegressed, Review.Rules(verdict));
    }

    [Fact]
    public void ShortLoadTest_IsFlagged()
    {
        const string body = "wrk -t 15 -c 25 http://localhost:8080/get\n\n```\nRunning 10s test @ http://localhost:8080/get\nRequests/sec:     11.69\n```\n\n```\nafter\nRunning 10s test @ http://localhost:8080/get\nRequests/sec:    831.27\n```";
        var verdict = Review.Of("before: 11.69 req/s, after: 831.27 req/s\n\n" + body);
        var finding = verdict.Findings.Single(f => f.Rule == FindingIds.LoadTestTooShort);
        Assert.Contains("10 s", finding.Message);
    }

    [Fact]
    public void UnstatedDuration_IsFlagged()
    {
        var finding = Review.Of("p99 240 ms → 80 ms").Findings.Single(f => f.Rule == FindingIds.LoadTestTooShort);
        Assert.Contains("not stated", finding.Message);
    }

    [Fact]
    public void LongEnoughLoadTest_IsNotFlagged()
    {
        Assert.DoesNotContain(FindingIds.LoadTestTooShort, Review.Rules(Review.Of("Load test (k6, 2,500 RPS for 10 min): p99 240 ms → 80 ms")));
    }

    [Fact]
    public void MissingThroughputAndErrors_AreNoticed()
    {
        var finding = Review.Of("p99 240 ms → 80 ms").Findings.Single(f => f.Rule == FindingIds.MissingLoadMetrics);
        Assert.Contains("throughput", finding.Message);
        Assert.Contains("error rate", finding.Message);
        Assert.DoesNotContain("percentiles", finding.Message);
    }

    [Fact]
    public void AfterValueMissingTheTarget_IsFlagged()
    {
        var verdict = Review.Of("Target: p95 < 80 ms (see #12).\n\n| | before | after |\n|---|---|---|\n| p95 | 240 ms | 95 ms |");
        var finding = verdict.Findings.Single(f => f.Rule == FindingIds.TargetMissed);
        Assert.Contains("p95 latency < 80 ms", finding.Message);
        var met = Review.Of("Target: p95 < 80 ms (see #12).\n\n| | before | after |\n|---|---|---|\n| p95 | 240 ms | 60 ms |");
        Assert.DoesNotContain(FindingIds.TargetMissed, Review.Rules(met));
    }

    [Fact]
    public void SpeedupTargetMissed_IsFlagged()
    {
        var verdict = Review.Of("## Target\nP95 at least 5x faster than base.\n\n| pair | base | candidate |\n|---|---|---|\n| pair 1 | 799 ms | 366 ms |");
        Assert.Contains(FindingIds.TargetMissed, Review.Rules(verdict));
    }

    [Fact]
    public void ProfileWithoutBottleneck_IsNoticed()
    {
        var verdict = Review.Of("Profiler capture, before:\n![image](https://github.com/user-attachments/assets/d1a9adf4)");
        Assert.Contains(FindingIds.BottleneckNotStated, Review.Rules(verdict));
    }

    [Fact]
    public void DashboardWithoutAlert_IsNoticed()
    {
        var verdict = Review.Of("Dashboard: https://grafana.example.com/d/items/item-detail");
        Assert.Contains(FindingIds.DashboardWithoutAlert, Review.Rules(verdict));
    }

    [Fact]
    public void NewRedisWithoutCircuitBreaker_IsFlagged()
    {
        Assert.Contains(FindingIds.DependencyWithoutCircuitBreaker, Review.Rules(Review.Of("Adds an L2 Redis cache for feed pages.")));
        Assert.DoesNotContain(FindingIds.DependencyWithoutCircuitBreaker, Review.Rules(Review.Of("Adds an L2 Redis cache for feed pages behind a circuit breaker.")));
    }

    [Fact]
    public void SeverityFromConfig_DecidesTheConclusion()
    {
        const string complete = """
            **Constraint:** item detail p95 < 80 ms at 2,500 RPS — see #311.
            **Profile:** trace https://jaeger.example.com/trace/4bf92f3577b34da6 — 70% of time is repeated SELECT queries (I/O-bound).
            **Load test** (k6, 2,500 RPS for 10 min): p95 130 ms → 38 ms, errors 0.03% → 0.02%, throughput 2,500 RPS → 2,500 RPS.
            **Rollback:** `flags set items_redis_cache=false` bypasses Redis and reads straight from Postgres, as before.
            **Monitoring:** https://grafana.example.com/d/items/item-detail and alerts in https://example.com/rules/items-alerts.yaml
            **Change:** Redis cache in front of item reads, with a circuit breaker.
            """;
        var ok = Review.Of(complete);
        Assert.Equal(Conclusion.Success, ok.Conclusion);
        var strict = ReviewConfig.Default with
        {
            Findings = new Dictionary<string, Severity>(FindingIds.DefaultSeverities) { [FindingIds.MissingLoadMetrics] = Severity.Error },
        };
        var failed = Review.Of(complete.Replace("errors 0.03% → 0.02%, ", string.Empty, StringComparison.Ordinal), config: strict);
        Assert.Equal(Conclusion.Failure, failed.Conclusion);
        var silenced = ReviewConfig.Default with
        {
            Findings = new Dictionary<string, Severity>(FindingIds.DefaultSeverities) { [FindingIds.DashboardWithoutAlert] = Severity.Off },
        };
        Assert.DoesNotContain(FindingIds.DashboardWithoutAlert, Review.Rules(Review.Of("Dashboard: https://grafana.example.com/d/x/y", config: silenced)));
    }
}
