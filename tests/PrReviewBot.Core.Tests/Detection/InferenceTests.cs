using PrReviewBot.Core.Config;

namespace PrReviewBot.Core.Tests.Detection;

/// <summary>
/// Optimization PRs recognised by what they say, with no label and no <c>perf:</c> prefix — and the performance work
/// that is not an optimization, which must stay out even when labelled.
/// </summary>
public class InferenceTests
{
    [Theory]
    [InlineData("Draw the avatar ring once instead of on every frame")]
    [InlineData("Don't re-parse the plugin manifest on each request")]
    [InlineData("Serve tag listings more efficiently")]
    [InlineData("Cut the number of lookups per request in the resolver")]
    [InlineData("Shrink the settings page payload")]
    [InlineData("Raise ingest throughput on the writer")]
    [InlineData("18% throughput improvement for the log shipper")]
    [InlineData("Save 3G mem on the indexer by sizing the map once")]
    public void TitleThatClaimsLessWorkOrASpeedUp_IsInferred(string title)
    {
        var verdict = Review.Of("See the diff.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
        Assert.Contains("title says", verdict.DetectionReason);
    }

    [Fact]
    public void NeutralTitle_WithBeforeAfterOfAPerformanceMetric_IsInferredAndSaysWhy()
    {
        var verdict = Review.Of("Loading the catalogue used to take 900 ms on a cold start; it now takes 240 ms.", title: "Rework the catalogue loader");
        Assert.True(verdict.IsOptimization);
        Assert.Contains("900", verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Swap the hand-rolled LRU in the session store for Caffeine")]
    [InlineData("Use zstd for snapshot files")]
    public void TitleNamingACatalogueTechnique_WithTheBottleneckStated_IsInferred(string title)
    {
        var verdict = Review.Of("A heap profile showed most threads blocked on the store's monitor lock.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
        Assert.Contains("title says", verdict.DetectionReason);
    }

    [Fact]
    public void TitleNamingATechnique_WithoutEvidenceOrBottleneck_IsNotInferred() =>
        Assert.False(Review.Of("Closes #88.", title: "Swap the hand-rolled LRU in the session store for Caffeine").IsOptimization);

    [Fact]
    public void CircuitBreakerInTheTitle_IsProtectionNotASpeedUp() =>
        Assert.False(Review.Of("Requests pile up waiting on the slow upstream billing API.", title: "Wrap the billing client in a circuit breaker").IsOptimization);

    [Theory]
    [InlineData("Fix the performance regressions in the tokenizer")]
    [InlineData("Remove two boxing allocations from the token parser")]
    [InlineData("Importeur : accélère le chargement des fichiers")]
    public void TitleThatFixesARegressionOrSpeedsUpInFrench_IsInferred(string title) =>
        Assert.True(Review.Of("See the diff.", title: title).IsOptimization);

    [Fact]
    public void AQuickerWayForPeople_IsNotASpeedClaim() =>
        Assert.False(Review.Of("Adds a toggle in the admin page: a quicker way to switch the new editor on or off.", title: "Toggle for the new editor").IsOptimization);

    [Fact]
    public void RevertingAChangeThatMadeThingsSlower_IsInferred()
    {
        var verdict = Review.Of("The new join order made the nightly report queries much slower, so this turns it back off.", title: "Revert the join reordering");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("perf(bench): add a JMH suite for the codec")]
    [InlineData("Lower the landing page bundle budget to 300 kB")]
    [InlineData("Use one hyperfine command per benchmark")]
    [InlineData("Optimize the on-call dashboard layout")]
    [InlineData("Better py-spy support in the worker image")]
    [InlineData("Checkout latency alerts")]
    public void PerformanceWorkThatIsNotAnOptimization_IsNotOneEvenWithALabel(string title)
    {
        var verdict = Review.Of("Before: 410 ms\nAfter: 415 ms", title: title, labels: ["performance"]);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
        Assert.Contains("not an optimization", verdict.DetectionReason);
    }

    [Theory]
    // optimizing named as work still to do
    [InlineData("Queue depth panel", "First cut of the queue depth panel. The panel renders slowly; we should optimize the query in a follow-up.")]
    // regression tests are tests, not a slowdown; the switch is turned off for them
    [InlineData("Add a strict_tls option", "Adds `strict_tls`, on by default. It exists for our regression tests, which turn it off.")]
    // tooling made easier to use, with what the profile showed on the side
    [InlineData("Profiling task for the parser", "Makes it easier to profile the parser benchmarks: one task starts them under the sampler. About 30% of samples land in `readToken`, worth a look later.")]
    public void TalkAboutPerformanceThatIsNotThisChange_IsNotInferred(string title, string body)
    {
        var verdict = Review.Of(body, title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    // a technique made the default
    [InlineData("Make parallel indexing the default")]
    [InlineData("Compress snapshots by default")]
    [InlineData("Make the batched writer opt-out instead of opt-in")]
    // waiting that burns CPU, taken away
    [InlineData("Stop busy-waiting in the event loop when idle")]
    // tuning named as the work, and a goal as the title
    [InlineData("Tune search performance for large tenants")]
    [InlineData("Performance: answer the report API in < 800 ms at p95")]
    [InlineData("Write the audit events in a single statement")]
    [InlineData("Decode thumbnails on a background thread")]
    [InlineData("Reduce rebuilds of the sidebar tree")]
    [InlineData("Search performance pass: cold start and result paging")]
    [InlineData("Keep the nightly suite inside the 45-minute cap")]
    [InlineData("Open the settings page from a cold cache in under 2 seconds")]
    [InlineData("一覧のN+1解消")]
    [InlineData("feat: performance enhancements for the tile renderer")]
    public void TitleThatMakesATechniqueTheDefaultOrStatesTheGoal_IsInferred(string title)
    {
        var verdict = Review.Of("See the diff.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    // an option made the default that is not a technique
    [InlineData("Turn strict mode on by default", "Some users asked for it.")]
    // a technique the title turns off, a saving only wished for
    [InlineData("Add a flag to disable parallel uploads", "Some users asked for it; it could also save memory on small boxes.")]
    [InlineData("Disable optimization when the debug env var is set", "Some users asked for it; it could also save memory on small boxes.")]
    public void TitleThatTurnsATechniqueOffOrDefaultsSomethingElse_IsNotInferred(string title, string body)
    {
        var verdict = Review.Of(body, title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void ATechniqueJoinedToTooling_IsStillAChange()
    {
        var verdict = Review.Of("Lookups by tenant now use the new index: 41 ms → 3 ms at p95.", title: "feat(db): tenant index + benchmark harness");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void AllowingMoreLatency_IsNotASpeedUp()
    {
        Assert.False(Review.Of("The batch endpoint may now take up to 5 s.", title: "Allow higher latency on the batch endpoint").IsOptimization);
    }

    [Fact]
    public void OptOutLabel_TakesAnyPrOut()
    {
        var verdict = Review.Of("x", title: "perf: speed up the parser", labels: ["performance", "not-optimization"]);
        Assert.False(verdict.IsOptimization);
        Assert.Contains("not-optimization", verdict.DetectionReason);
    }

    [Fact]
    public void InferOff_OnlyExplicitSignalsCount()
    {
        var config = ReviewConfig.Default with { Detection = new DetectionConfig { Infer = false } };
        Assert.False(Review.Of("See the diff.", title: "Speed up the parser", config: config).IsOptimization);
        Assert.True(Review.Of("See the diff.", title: "perf: speed up the parser", config: config).IsOptimization);
    }

    [Fact]
    public void ThreeItemHeadings_AreTheOptimizationTemplate_EvenLeftEmpty()
    {
        var verdict = Review.Of("Turns the new snapshot path on.\n\n- Constraint: n/a\n- Profile: n/a\n- Rollback: `SET x.enabled = false`", title: "storage: enable the snapshot path");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void TwoItemHeadings_WithAMeasurableTarget_TalkAboutPerformance()
    {
        var verdict = Review.Of("## Constraint\nList calls stay at p99 <= 30 s.\n\n## Rollback\nTurn the gate off.", title: "Move the list cache to beta");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Fix the slow order history page")]
    [InlineData("Work around slowdowns when the index is cold")]
    [InlineData("Optimiza la carga del tablero")]
    public void TitleThatTakesOnSlowness_IsInferred(string title)
    {
        var verdict = Review.Of("See the diff.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void SavingWorkPerRequest_IsInferred()
    {
        var verdict = Review.Of("Reusing the TLS session saves negotiating a new handshake on every request to the ledger.", title: "Reuse TLS sessions to the ledger");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Remove the fast_checkout flag after the rollout")]
    [InlineData("Clean up stale feature toggles")]
    [InlineData("Allow disabling the native speedups")]
    [InlineData("tools/bench: report allocations per op")]
    [InlineData("Implement perf map output for the JIT")]
    [InlineData("perf: APIのベースライン負荷試験を追加する")]
    public void RetiringFlagsTurningSpeedUpsOffAndTooling_AreNotOptimizations(string title)
    {
        var verdict = Review.Of("Latency went from 240 ms to 80 ms in our test.", title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void DisablingASlowStep_IsStillAnOptimization()
    {
        var verdict = Review.Of("The checksum pass is slow; it now takes 2 s instead of 30 s when skipped.", title: "Allow disabling the checksum pass");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Cache the locale tables", "Each render looked the locale up in a file; the table is now loaded once at start-up.")]
    [InlineData("Pool HTTP clients per tenant", "After the rollout CPU went down by about a tenth on the gateways.")]
    [InlineData("Group missing values with a placeholder", "This cuts the number of sub-queries per request from one per field to one in all.")]
    [InlineData("Warm up the camera session early", "Opening the camera no longer causes a visible stutter in the feed.")]
    [InlineData("fix: turn off live previews by default", "Live previews made the editor slow on older laptops, so they now default to off.")]
    public void BodyThatSaysLessWorkOrLowerCost_IsInferred(string title, string body)
    {
        var verdict = Review.Of(body, title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void OptimizingCompilerAsAName_IsNotAClaim()
    {
        var verdict = Review.Of("With this flag the optimizing compiler tiers are skipped in the sandbox, for security.", title: "Add a sandbox mode");
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void ConfigLoadedOnceMentionedInPassing_IsNotInferredWithoutATechniqueOrEvidence()
    {
        var verdict = Review.Of("The config is loaded once at start-up, as before.", title: "Add a dark theme");
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("doc: guide for optimizing the build")]
    [InlineData("Release blog post: faster shaders in 3.2")]
    [InlineData("remove enable-fast-math-optimizations")]
    public void DocsPostsAndRemovedSwitches_AreNotOptimizations(string title)
    {
        var verdict = Review.Of("Text only.", title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void ComponentPrefixWithAClaim_IsStillAnOptimization()
    {
        var verdict = Review.Of("Text only.", title: "Dashboard: load panels faster");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void BlogPostsAsTheProductsData_AreNotDocs()
    {
        var verdict = Review.Of("Adds a read-through cache in front of the posts query.", title: "Cache blog posts in the API", labels: ["performance"]);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    // a cost and a verb that makes it smaller, in languages without an English claim word
    [InlineData("一覧画面のクエリを削減")]
    [InlineData("减少导出时的内存分配")]
    [InlineData("검색 API 응답 시간 단축")]
    [InlineData("Reduce las consultas del panel de pedidos")]
    [InlineData("Verringert den Speicherbedarf beim Import")]
    // the gitmoji for performance opens commit-style titles
    [InlineData("⚡️ Pass an index hint to the session lookups")]
    [InlineData(":zap: pass an index hint to the session lookups")]
    public void TitleThatClaimsLessCostInAnyLanguage_IsAnOptimization(string title)
    {
        var verdict = Review.Of("Text only.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void TitleThatStopsDoingWork_CountsWithTheBottleneckBehindIt()
    {
        const string body = "A CPU profile of the upload handler shows most of the time in hashing every chunk twice.";
        Assert.True(Review.Of(body, title: "Stop hashing chunks on the request thread").IsOptimization);
        Assert.False(Review.Of("Users asked for it.", title: "Stop sending the weekly digest email").IsOptimization);
    }

    [Fact]
    public void TitleThatFixesAPerformanceProblem_IsAnOptimization() =>
        Assert.True(Review.Of("Text only.", title: "Fix performance problem in the tag cloud").IsOptimization);

    [Theory]
    // a web vital cut, in a perf: title that also names the tool it was measured with
    [InlineData("perf: cut the landing page LCP from 7 s to 2.4 s (WebPageTest)")]
    // fewer reads of a store
    [InlineData("Reuse the parsed manifest and reduce duplicate reads")]
    // micro-optimizations, and a misspelt performance problem
    [InlineData("Resolver micro-optimizations")]
    [InlineData("Fix performace problem in search")]
    // work moved off the path that is waited on, and a cost brought under a bound
    [InlineData("Move thumbnail decoding off the main thread")]
    [InlineData("worker: keep peak memory under 512 MB so it fits the small instance")]
    public void MoreTitlesThatClaimAnOptimization(string title)
    {
        var verdict = Review.Of("Text only.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void MemoizingAComponent_IsATechniqueTheProfileBacks()
    {
        const string body = "Profiler recording while hovering the legend:\n\n![rec](https://user-images.githubusercontent.com/1/rec.png)";
        Assert.True(Review.Of(body, title: "Wrap the legend in React.memo").IsOptimization);
        Assert.False(Review.Of(body, title: "Move the legend to the left").IsOptimization);
    }

    [Theory]
    // a switch that turns an optimization off
    [InlineData("Adds an environment variable for disabling the streaming join optimization")]
    // logging timings is instrumentation
    [InlineData("perf(api): log request phase timings")]
    // moving an objective after a slowdown
    [InlineData("Raise the checkout SLO after the provider got slower")]
    // a profiling commit type
    [InlineData("profiling: name the scopes of the render loop")]
    // a flag that skips an optimizing pass
    [InlineData("feat(cli): add `--no-minify` flag to build")]
    public void TitlesAboutPerformanceWorkThatIsNotAnOptimization(string title)
    {
        const string body = "Checkout p95 went from 480 ms to 510 ms.";
        Assert.True(Review.Of(body, title: "perf: checkout").IsOptimization);
        var verdict = Review.Of(body, title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    // improving a time or a latency
    [InlineData("Improve `OrdersController#index` response time")]
    // a cost named with the noun of making it smaller
    [InlineData("Turn on thumbnail payload reduction for the gallery")]
    // turning on a JIT or a compiler optimization
    [InlineData("Enable the JIT for the worker images")]
    [InlineData("Turn on YJIT in production")]
    // a cost brought under a platform's limit or a bound
    [InlineData("Trim the container image below the 2 GB registry limit")]
    [InlineData("Cache node_modules so nightly jobs finish under 20 minutes")]
    [InlineData("Shard the suite so no runner reaches the 3-hour timeout")]
    // work done only when it is needed
    [InlineData("Only recompute the sidebar counts when a filter changes")]
    // slimming, in a title
    [InlineData("Slim the docs bundle")]
    public void TitleThatClaimsASmallerCostInOtherWords_IsInferred(string title)
    {
        var verdict = Review.Of("No details.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    // a bound that is not one the change meets
    [InlineData("Document the 2 GB registry limit")]
    [InlineData("Run the nightly jobs at 20:00")]
    [InlineData("Only show the banner when logged in")]
    public void TitleWithALimitOrAConditionButNoCostClaim_IsNotInferred(string title)
    {
        var verdict = Review.Of("No details.", title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void DeferringWorkUntilItIsNeeded_WithAProfile_IsInferred()
    {
        const string body = "This defers parsing the plugin manifests until a plugin is first used. Traces: " +
                            "[before](https://example.com/p/before.cpuprofile) and [after](https://example.com/p/after.cpuprofile) " +
                            "from the Chrome profiler.";
        var verdict = Review.Of(body, title: "Config option for plugin manifests");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void Russian_FewerQueries_IsInferred()
    {
        // Title: "Cut the number of queries when loading reports".
        Assert.True(Review.Of("No details.", title: "Сократить число запросов при загрузке отчётов").IsOptimization);
        // Body: "After the change there are about three times fewer queries to the database: 900 → 300 per report."
        var verdict = Review.Of("После изменения запросов к базе стало примерно втрое меньше: 900 → 300 на отчёт.", title: "Доработка загрузки отчётов");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
        Assert.True(Review.Of("No details.", title: "Оптимизация загрузки отчётов").IsOptimization);
    }

    [Theory]
    // a title whose verb measures, whatever it measures
    [InlineData("#88 Benchmark what the prefetch saves on cold reads (~1.3x)")]
    [InlineData("Measure how much faster the new parser is")]
    // a budget added or enforced
    [InlineData("ci: enforce a 300 KB size budget on the main chunk")]
    public void MeasuringOrBudgetTitles_AreNotOptimizations(string title)
    {
        var verdict = Review.Of("Cold reads went from 40 ms to 31 ms in the run.", title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void ProfilingAndThenReducingACost_IsAnOptimization()
    {
        var verdict = Review.Of("Cold reads went from 40 ms to 31 ms in the run.", title: "Profile and reduce the cold-read latency");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    // a cost brought under a bound, a time aimed at, CI and test time
    [InlineData("Trim the API container below 300M")]
    [InlineData("Checkout: second step towards a 2 second page load")]
    [InlineData("ci: shorten the integration test suites")]
    [InlineData("Reduce run time of the nightly pipeline")]
    // smaller images, compressed payloads, runtime and build switches for speed
    [InlineData("Ship the worker on a distroless base image")]
    [InlineData("Send API responses brotli-compressed")]
    [InlineData("Turn on server GC for the ingest service")]
    [InlineData("Enable `DynamicPGO` in the web host")]
    [InlineData("build: enable the CSS minifier for production")]
    // work done once
    [InlineData("Load `plugins.json` once per process")]
    public void TitleThatBoundsACostOrSwitchesOnASpeedKnob_IsInferred(string title)
    {
        var verdict = Review.Of("See the diff.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Reduce runtime dependencies of the CLI")]
    [InlineData("Add a smoke test for the image upload page")]
    [InlineData("Document the gzip option of the exporter")]
    public void TitlesThatOnlyShareTheWords_AreNotInferred(string title)
    {
        var verdict = Review.Of("See the diff.", title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void AClaimWordInQuotationMarks_NamesAFeatureAndClaimsNothing()
    {
        var verdict = Review.Of("The \"faster sync\" option is now opt-in: set `SYNC_FAST=1` to get it.", title: "Rename the sync option");
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }
}
