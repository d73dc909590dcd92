using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

/// <summary>The tool outputs and table layouts people paste, each read as before/after pairs.</summary>
public class BeforeAfterFormatsTests
{
    [Fact]
    public void AsvCompareTable_IsReadWithItsNoiseMarks()
    {
        const string body = "asv compare against the last release:\n\n```\n       before           after         ratio\n" +
                            "     [1a2b3c4d]       [5e6f7a8b]\n" +
                            "-        120±3ms          61±2ms     0.51  bench_io.TimeRead.time_read_csv\n" +
                            "          4.1±0.1s         4.0±0.2s    ~0.98  bench_io.TimeRead.time_read_parquet\n" +
                            "              310M             290M     0.94  bench_io.Mem.peakmem_read\n```";
        var verdict = Review.Of(body);
        Assert.True(verdict.Item(ItemKind.BeforeAfter).Present);
        var read = verdict.Measurements.Single(m => m.Metric.EndsWith("time_read_csv", StringComparison.Ordinal));
        Assert.Equal((120.0, 61.0, "ms"), (read.Before, read.After, read.Unit));
        Assert.True(verdict.Measurements.Single(m => m.Metric.EndsWith("parquet", StringComparison.Ordinal)).Significance!.NotSignificant);
        Assert.Equal("MB", verdict.Measurements.Single(m => m.Metric.EndsWith("peakmem_read", StringComparison.Ordinal)).Unit);
    }

    [Fact]
    public void NamedStatisticWithoutAUnit_PairsAcrossSideLines()
    {
        const string body = "Query 7, mean of five runs:\n- without the rewrite: mean 81.5\n- with the rewrite: mean 40.2";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((81.5, 40.2), (m.Before, m.After));
    }

    [Theory]
    [InlineData("La génération du rapport prenait environ 900 ms. Avec l'index, elle passe à 120 ms.")]
    [InlineData("Der Import dauerte 40 s; jetzt sind es 12 s.")]
    [InlineData("La consulta tardaba 2,5 s; ahora 300 ms.")]
    [InlineData("整体构建耗时从 48 秒缩短到了 17 秒。")]
    [InlineData("Mniej zapytań przy starcie.\n\nPrzed: 14 zapytań, 830 ms\nPo: 3 zapytania, 210 ms")]
    public void BeforeAfterInProse_InOtherLanguages_IsRead(string body) => Assert.True(Review.Present(body, ItemKind.BeforeAfter));

    [Fact]
    public void BenchmarkDotNetRowsNamedBeforeAndAfter_ArePaired()
    {
        const string body = """
            | Method       | Size | Mean      | Error    | Allocated |
            |------------- |----- |----------:|---------:|----------:|
            | Parse_Before | 64   |  41.38 us | 0.412 us |  65.71 KB |
            | Parse_After  | 64   |  38.02 us | 0.301 us |   1.66 KB |
            | Parse_Before | 512  | 402.77 us | 5.310 us | 513.42 KB |
            | Parse_After  | 512  | 311.90 us | 3.882 us |   1.72 KB |
            """;
        var verdict = Review.Of(body);
        Assert.Equal(4, verdict.Measurements.Count);
        var mean512 = verdict.Measurements.Single(m => m.Metric.Contains("512", StringComparison.Ordinal) && m.Metric.Contains("Mean", StringComparison.Ordinal));
        Assert.Equal((402.77, 311.9), (mean512.Before, mean512.After));
    }

    [Fact]
    public void AlignedTextTableWithBeforeAndAfterColumns_IsRead()
    {
        const string body = """
            vegeta, 40k ops/s for 120 s:
            ```
                             before        after
            Latencies p50    0.41ms        0.22ms
            Latencies p99    7.93ms        1.31ms
            Success          100.00%       100.00%
            ```
            """;
        var verdict = Review.Of(body);
        Assert.Contains(verdict.Measurements, m => m.Metric == "Latencies p99" && m.Before == 7.93 && m.After == 1.31);
        Assert.Equal(120, verdict.LoadTest?.DurationSeconds);
    }

    [Fact]
    public void GroupedAlignedTable_KeepsTheGroupInTheMetric()
    {
        const string body = "```\n                    before     after\nhttp_req_duration\n  p(95)             322ms      95ms\nhttp_req_failed     0.12%      0.04%\n```";
        var verdict = Review.Of(body);
        Assert.Contains(verdict.Measurements, m => m.Metric == "http_req_duration p(95)" && m.After == 95);
        Assert.Contains(verdict.Measurements, m => m.Metric == "http_req_failed" && m.Unit == "%");
    }

    [Fact]
    public void HyperfineComparingTwoCommands_IsAPair()
    {
        const string body = """
            ```
            Benchmark 1: tool-0.9 build
              Time (mean ± σ):     14.382 s ±  0.211 s    [User: 41.220 s, System: 3.108 s]
            Benchmark 2: tool build --incremental
              Time (mean ± σ):     612.4 ms ±  18.9 ms    [User: 798.1 ms, System: 142.6 ms]
            ```
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((14382.0, 612.4, "ms"), (m.Before, m.After, m.Unit));
    }

    [Fact]
    public void PytestBenchmarkComparingSavedRuns_IsRead()
    {
        const string body = """
            ```
            Name (time in us)                          Min                  Mean
            test_filter_by_pk (0002_cache)          18.2110 (1.0)       19.4402 (1.0)
            test_filter_by_pk (0001_main)           61.9870 (3.40)      65.8213 (3.39)
            ```
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((61.987, 18.211, "µs"), (m.Before, m.After, m.Unit));
    }

    [Fact]
    public void OneBlockWithBeforeAndAfterSections_IsPaired()
    {
        const string body = """
            ```
            Summary (before):
              Average:      1.71 ms
              Requests/sec: 36957.80
            Latency distribution (before):
              99 % in 5.02 ms

            Summary (after):
              Average:      1.42 ms
              Requests/sec: 44396.90
            Latency distribution (after):
              99 % in 4.11 ms
            ```
            """;
        var verdict = Review.Of(body);
        Assert.Contains(verdict.Measurements, m => m.Metric == "p99 latency" && m.Before == 5.02 && m.After == 4.11);
        Assert.Contains(verdict.Measurements, m => m.Unit == "req/s" && m.After == 44396.9);
    }

    [Fact]
    public void BlocksIntroducedByBeforeAndAfterInTheirLeadIn_ArePaired()
    {
        const string body = "Plan on the replica before the change:\n```\nExecution Time: 2140.118 ms\n```\n\nSame tenant, after:\n```\nExecution Time: 37.902 ms\n```";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((2140.12, 37.902), (m.Before, m.After));
    }

    [Fact]
    public void CompositeDurationsInCells_AreSeconds()
    {
        var m = Assert.Single(Review.Of("| | before | after |\n|---|---|---|\n| total wall time | 27m14s | 12m50s |").Measurements);
        Assert.Equal((1634.0, 770.0, "s"), (m.Before, m.After, m.Unit));
    }

    [Theory]
    [InlineData("bulk indexing throughput dropped from ~41k docs/s to ~29k docs/s.", 41000, 29000)]
    [InlineData("hitch time ratio: 38 ms/s → 4 ms/s", 38, 4)]
    public void AnyRateUnit_IsAUnit(string body, double before, double after)
    {
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((before, after), (m.Before, m.After));
    }

    [Fact]
    public void BareCountsInAResultsSection_AreAMeasurement()
    {
        Assert.True(Review.Present("## Results\n- hitches per scroll session: 14 → 2", ItemKind.BeforeAfter));
        Assert.False(Review.Present("The review threshold goes 10 → 150 lines.", ItemKind.BeforeAfter));
    }

    [Theory]
    [InlineData("| | 変更前 | 変更後 |\n|---|---|---|\n| GC.Alloc / フレーム | 48.2 KB | 0 B |")]
    [InlineData("| | 优化前 | 优化后 |\n|---|---|---|\n| p99 | 120 ms | 45 ms |")]
    [InlineData("| | antes | después |\n|---|---|---|\n| p99 | 120 ms | 45 ms |")]
    public void BeforeAfterColumnsInOtherLanguages_AreRead(string body) => Assert.True(Review.Present(body, ItemKind.BeforeAfter));

    [Fact]
    public void CriterionEstimatesUnderSideLeadIns_UseTheMiddleValue()
    {
        const string body = """
            ## Results
            Before (main):
            ```
            decode_frame            time:   [7.120 ms 7.204 ms 7.311 ms]
            ```
            After:
            ```
            decode_frame            time:   [2.901 ms 2.955 ms 3.017 ms]
            ```
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal(("decode_frame time", 7.204, 2.955, "ms"), (m.Metric, m.Before, m.After, m.Unit));
    }

    [Fact]
    public void JmhRowsWithTheSideInAParameterColumn_ArePaired()
    {
        const string body = """
            ```
            Benchmark             (variant)  Mode  Cnt     Score    Error  Units
            QueueBench.poll           main  thrpt   10  1,204.552 ± 11.30  ops/ms
            QueueBench.poll         branch  thrpt   10  2,977.018 ± 20.14  ops/ms
            ```
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal(("QueueBench.poll thrpt", 1204.55, 2977.02, "ops/ms"), (m.Metric, m.Before, m.After, m.Unit));
    }

    [Fact]
    public void PyperfGridTable_IsReadWithoutItsRatioText()
    {
        const string body = """
            ```
            +--------------+----------+------------------------+
            | Benchmark    | main     | branch                 |
            +==============+==========+========================+
            | render_page  | 9.80 ms  | 6.10 ms: 1.61x faster  |
            +--------------+----------+------------------------+
            ```
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal(("render_page", 9.8, 6.1, "ms"), (m.Metric, m.Before, m.After, m.Unit));
    }

    [Fact]
    public void HtmlTableInsideDetails_IsReadLikeAMarkdownTable()
    {
        const string body = """
            <details><summary>Load test</summary>
            <table>
              <tr><th>metric</th><th>before</th><th>after</th></tr>
              <tr><td>p95 latency</td><td>512 ms</td><td>140 ms</td></tr>
            </table>
            </details>
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal(("p95 latency", 512.0, 140.0), (m.Metric, m.Before, m.After));
    }

    [Fact]
    public void UnclosedHtmlRowsAndCells_AreStillRead()
    {
        const string body = "<table>\n<tr><th>metric<th>before<th>after\n<tr><td>p99<td>90 ms<td>30 ms\n</table>";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((90.0, 30.0), (m.Before, m.After));
    }

    [Fact]
    public void ColumnsNamingTheirSideAfterTheMetric_ArePaired()
    {
        const string body = "| query | mean_time (main) | mean_time (this branch) |\n|---|---|---|\n| orders_by_customer | 48.1 ms | 2.3 ms |";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal(("orders_by_customer mean_time", 48.1, 2.3), (m.Metric, m.Before, m.After));
    }

    [Theory]
    [InlineData("Image pull now takes 14.6 s (was 41.2 s).", 41.2, 14.6)]
    [InlineData("Resident memory is 1.4Gi, down from 2.1Gi.", 2.1, 1.4)]
    [InlineData("The p95 went down to 180 ms from 420 ms.", 420.0, 180.0)]
    [InlineData("首页的 P99 延迟从 86ms 降到 31ms。", 86.0, 31.0)]
    [InlineData("Die p95-Latenz sank von 420 ms auf 180 ms.", 420.0, 180.0)]
    [InlineData("La latence p99 passe de 95 ms à 40 ms.", 95.0, 40.0)]
    public void ProseInOtherShapesAndLanguages_IsAPair(string body, double before, double after)
    {
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((before, after), (m.Before, m.After));
    }

    [Fact]
    public void CjkFullStop_EndsTheMetricName()
    {
        var measurements = Review.Of("P99 延迟从 86ms 降到 31ms。吞吐从 1200 rps 提升到 2100 rps。").Measurements;
        Assert.Equal(2, measurements.Count);
        Assert.DoesNotContain(measurements, m => m.Metric.Contains('。', StringComparison.Ordinal));
    }

    [Fact]
    public void BareCountsWithAMetricWord_ArePaired()
    {
        var m = Assert.Single(Review.Of("Round trips per page load went from 14 to 3.").Measurements);
        Assert.Equal((14.0, 3.0), (m.Before, m.After));
    }

    [Fact]
    public void BenchstatWithTooFewSamplesForAnInterval_IsRead()
    {
        const string body = "```\n              │  old.txt   │          new.txt           │\n              │   sec/op   │  sec/op    vs base         │\nDecode-8   412.0µ ± ∞ ¹   305.5µ ± ∞ ¹  -25.85% (p=0.008 n=5)\n¹ need >= 6 samples for confidence interval at level 0.95\n```";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((412.0, 305.5, "µs"), (m.Before, m.After, m.Unit));
    }

    [Fact]
    public void BenchstatPastedWithoutAFence_IsRead()
    {
        const string body = "Decoder benchmark:\n\nname        old time/op    new time/op    delta\nDecode-8      412µs ± 3%     305µs ± 2%  -25.97%  (p=0.008 n=5+5)";
        Assert.True(Review.Present(body, ItemKind.BeforeAfter));
    }

    [Fact]
    public void ToolOutputWithoutAFence_UnderSideLabelParagraphs_IsPaired()
    {
        const string body = "Without the change:\n\nBenchmark              Mode  Cnt     Score     Error  Units\nCodecBench.decode     thrpt    5  1204.5 ±  12.100  ops/s\n\n" +
                            "With the change:\n\nBenchmark              Mode  Cnt     Score     Error  Units\nCodecBench.decode     thrpt    5  1733.25 ±  15.870  ops/s";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((1204.5, 1733.25), (m.Before, m.After));
    }

    [Fact]
    public void OneRunTablesWithTheUnitInTheHeader_UnderSideComments_ArePaired()
    {
        const string body = "```\n# before\nName (time in us)        Min        Max       Mean\ntest_parse          118.2000   140.9000   121.4000\n" +
                            "# after\nName (time in us)        Min        Max       Mean\ntest_parse           61.0000    77.3000    63.8000\n```";
        var found = Review.Of(body).Measurements;
        var mean = Assert.Single(found, m => m.Metric.Contains("Mean", StringComparison.Ordinal));
        Assert.Equal((121.4, 63.8, "µs"), (mean.Before, mean.After, mean.Unit));
    }

    [Fact]
    public void ABoundBesideAnotherValueInASentenceThatNamesASide_IsAResultNotATarget()
    {
        Assert.Empty(Review.Of("Tail latency spiked to 6 ms under the old default, ≤ 1.2 ms with pipelining.").Targets);
        // a goal word keeps it a target
        Assert.NotEmpty(Review.Of("Our goal is p99 ≤ 200 ms; before this change it was 450 ms.").Targets);
    }

    [Fact]
    public void FromAValueToABound_IsAResultNotATarget()
    {
        var verdict = Review.Of("Caching the toolchain takes a CI run from ~14min to <2min.");
        Assert.Single(verdict.Measurements);
        Assert.Empty(verdict.Targets);
    }

    [Fact]
    public void ColumnsNamedWithTheSideWordAfterTheNoun_AndDecoratedCells_ArePaired()
    {
        const string body = "| Vue | Requêtes avant | Requêtes après |\n|---|---|---|\n| `/planning` | 640 | 12 :tada: |\n| `/planning/equipe` | 388 | 9 ✅ |";
        var found = Review.Of(body).Measurements;
        Assert.Equal(2, found.Count);
        Assert.Equal((640.0, 12.0), (found[0].Before, found[0].After));
    }

    [Theory]
    // ranges read as their midpoints, the unit shared from one side
    [InlineData("Caching the toolchain takes the pipeline from ~6–8 minutes to around 2.5.", 7, 2.5)]
    // a rate per minute
    [InlineData("Reference load: 1200 jobs/min → 1500 jobs/min.", 1200, 1500)]
    // a peak "instead of" the old one
    [InlineData("During the nightly import the worker now peaks at 900 MB instead of 1400 MB.", 1400, 900)]
    public void ProseResultsInMoreShapes_AreRead(string body, double before, double after)
    {
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((before, after), (m.Before, m.After));
    }

    [Fact]
    public void AValueTheAuthorExpects_OnAnAfterLine_IsNotAResult() =>
        Assert.False(Review.Present("Before: ~40 minutes per run.\nAfter: not there yet; splitting the suites should bring it near 12 minutes.", ItemKind.BeforeAfter));

    [Fact]
    public void RubyBenchmarkRuns_OnTheBranchAndOnDevelop_ArePaired()
    {
        const string body = "Timed 50 page loads.\n\nThis branch:\n```\n  8.120000   1.300000   9.420000 ( 11.25)\n```\n\n`develop`:\n```\n 12.010000   1.420000  13.430000 ( 16.5)\n```";
        var wall = Assert.Single(Review.Of(body).Measurements, m => m.Metric.Contains("wall", StringComparison.Ordinal));
        Assert.Equal((16.5, 11.25), (wall.Before, wall.After));
    }

    [Theory]
    // a create-react-app style list: size first, hashed names
    [InlineData("Before:\n```\nFile sizes after gzip:\n  310.2 KB  build/static/js/main.1a2b3c4d.js\n```\nAfter:\n```\nFile sizes after gzip:\n  118.9 KB (-191.3 KB)  build/static/js/main.9f8e7d6c.js\n  40.1 KB  build/static/js/1.0a0b0c0d.chunk.js\n```", 310.2, 118.9)]
    // a webpack style list: name first
    [InlineData("## Before\n```\n  app-0f1e2d3c4b5a69788796.js   1.9 MB   0  [emitted]  [big]  main\n```\n## After\n```\n  app-a1b2c3d4e5f60718293a.js   640 kB   0  [emitted]  [big]  main\n  vendor-a1b2c3d4e5f60718293a.js   700 kB   1  [emitted]  [big]\n```", 1900, 640)]
    public void BundlerAssetListings_PairFilesByTheirNameWithoutTheHash(string body, double before, double after)
    {
        var m = Review.Of(body).Measurements.First();
        Assert.Equal((before, after), (m.Before, m.After));
    }

    [Fact]
    public void AnUnlabelledRun_ThenARunUnderWithTheChanges_AreTheTwoSides()
    {
        const string body = "`resolve_names` dominates the run:\n\n```\n         4410021 function calls (4001212 primitive calls) in 31.502 seconds\n```\n\nWith the changes:\n\n```\n         2201950 function calls (2000118 primitive calls) in 17.240 seconds\n```";
        var time = Assert.Single(Review.Of(body).Measurements, m => m.Unit == "s");
        Assert.Equal((31.502, 17.24), (time.Before, time.After));
    }

    [Theory]
    // the side as a phrase after a comma in each column header
    [InlineData("| Request | Strict, before the fix | Strict, after the fix |\n|---|---|---|\n| small | 91.2ms | 60.4ms |", 91.2, 60.4)]
    // two columns where one lacks what the other has
    [InlineData("| step | assets not cached | assets cached |\n|---|---|---|\n| bundle | ~80 s | ~12 s |", 80, 12)]
    public void ColumnsThatNameTheirSideInOtherWords_ArePaired(string body, double before, double after)
    {
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((before, after), (m.Before, m.After));
    }

    [Fact]
    public void ALeadInThatOpensWithAConnective_StillNamesItsSide()
    {
        const string body = "The report query, without the index:\n\n    Execution Time: 9120.4 ms\n\nand with it:\n\n    Execution Time: 8.6 ms";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((9120.4, 8.6), (m.Before, m.After));
    }

    [Fact]
    public void PlainNumbersInATable_TakeTheUnitTheSentenceBeforeItGives()
    {
        const string body = "Ten runs each, times in seconds:\n\n| | min | avg |\n|---|---|---|\n| before | 5.9 | 6.4 |\n| after | 4.1 | 4.6 |";
        var avg = Assert.Single(Review.Of(body).Measurements, m => m.Metric == "avg");
        Assert.Equal((6.4, 4.6, "s"), (avg.Before, avg.After, avg.Unit));
    }

    [Theory]
    [InlineData("A full rebuild takes 48 s per pass on `develop` and 19 s per pass on this branch.", 48.0, 19.0)]
    [InlineData("Each export runs 7.5 min each on master and 2.5 min on this branch.", 7.5, 2.5)]
    [InlineData("The crawl needs 310 ms a page before the change and 120 ms a page now.", 310.0, 120.0)]
    public void WhatAValueIsCountedPer_MayStandBetweenItAndItsSide(string body, double before, double after)
    {
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((before, after), (m.Before, m.After));
    }

    [Fact]
    public void SideLabelsWrittenAsCaptionsUnderTheirBlocks_NameTheBlocksAbove()
    {
        const string body = "Import of the sample archive:\n\n```\nimported 5000 records in 14.2 s\n```\n(before)\n\n```\nimported 5000 records in 3.1 s\n```\n(after)\n";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((14.2, 3.1), (m.Before, m.After));
    }

    [Fact]
    public void ALabelEndingInAColonBetweenBlocks_StillIntroducesTheSecondBlock()
    {
        const string body = "The import, as it runs today:\n\n```\nimported 5000 records in 14.2 s\n```\n\nAfter:\n\n```\nimported 5000 records in 3.1 s\n```\n";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((14.2, 3.1), (m.Before, m.After));
    }

    [Fact]
    public void LinesForTwoVersions_PairByTheirWords_WithTheSidesTheTextGivesTheVersions()
    {
        const string body = "Cold start of the desktop app, measured on 3.8.2 (the current release) and on 3.9.0 with this fix:\n\n" +
                            "- Linux 3.8.2: 4.1 s\n- Linux 3.9.0: 1.2 s\n- Windows 3.8.2: 5.0 s\n- Windows 3.9.0: 1.9 s\n";
        var measurements = Review.Of(body).Measurements;
        Assert.Contains(measurements, m => m.Metric.Contains("Linux", StringComparison.Ordinal) && (m.Before, m.After) == (4.1, 1.2));
        Assert.Contains(measurements, m => m.Metric.Contains("Windows", StringComparison.Ordinal) && (m.Before, m.After) == (5.0, 1.9));
    }

    [Fact]
    public void LinesForTwoVersions_WithNoSideForEither_AreNotAResult()
    {
        // two runtimes compared, neither of them this change
        const string body = "Parse time by interpreter:\n\n- CPython 3.11.4: 2.4 s\n- CPython 3.12.1: 2.1 s\n";
        Assert.False(Review.Present(body, ItemKind.BeforeAfter));
    }

    [Fact]
    public void OneNamedSideAndTheValueColumnBesideIt_ArePaired_PastChangeAndNoteColumns()
    {
        const string body = "Nightly comparison:\n\n| query | Baseline main (median ± spread) | Candidate fast-join (median ± spread) | % change | Note |\n|---|---|---|---|---|\n" +
                            "| Q1 | 410 ms ± 2% (5 runs) | 205 ms ± 3% (2 runs) | -50% | faster |\n| Q2 | 90 ms +- 1% (5 runs) | 91 ms +- nan% (2 runs) | +1% | no change |\n";
        var measurements = Review.Of(body).Measurements;
        Assert.Contains(measurements, m => m.Metric == "Q1" && (m.Before, m.After) == (410.0, 205.0));
        Assert.Contains(measurements, m => m.Metric == "Q2" && (m.Before, m.After) == (90.0, 91.0));
    }

    [Fact]
    public void OneNamedSideBesideTwoOtherValueColumns_IsNotGuessed()
    {
        const string body = "| query | Baseline | Variant A | Variant B |\n|---|---|---|---|\n| Q1 | 410 ms | 205 ms | 300 ms |\n";
        Assert.False(Review.Present(body, ItemKind.BeforeAfter));
    }

    [Fact]
    public void AValueInOneParagraph_AndItsReplacementNowInTheNext_ArePaired()
    {
        const string body = "Deploying the docs site took about 12 minutes, most of it image resizing.\n\nThis caches the resized images between runs. A deploy now takes about 3 minutes.";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((12.0, 3.0), (m.Before, m.After));
    }

    [Fact]
    public void ParagraphsUnderDifferentHeadings_AreNotPaired()
    {
        const string body = "## Context\n\nDeploying the docs site took about 12 minutes.\n\n## Follow-up\n\nA deploy now also uploads a 3 MB sitemap.";
        Assert.False(Review.Present(body, ItemKind.BeforeAfter));
    }
}
