using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

/// <summary>
/// Before/after read whatever the layout: each number takes the side of the cue next to it, and two numbers of the same
/// dimension on opposite sides make a measurement. Settings, goals and one side alone do not.
/// </summary>
public class BeforeAfterLayoutsTests
{
    [Theory]
    // prose with "used to … now …"
    [InlineData("Resizing thumbnails used to take 420 ms per image; it now takes about 95 ms.")]
    // prose across two sentences
    [InlineData("Decoding the index used to eat 31% of startup. With the streaming reader it is down to roughly 6%.")]
    // key: value lines per side in one paragraph
    [InlineData("Cold build on my laptop:\nOld: 74 s\nNew: 41 s")]
    // side rows of a text table in a code block
    [InlineData("```\n          gzip     brotli\nbefore    81.4kB   70.2kB\nafter     66.0kB   57.9kB\n```")]
    // output of an unknown tool in separate blocks, the side named after a comma
    [InlineData("Compiling the fixture, old build:\n\n```\nphase total: 12.6 s (user 12.1 s)\n```\n\nThis PR:\n\n```\nphase total: 8.9 s (user 8.5 s)\n```")]
    // blocks whose run ids differ, labelled in Chinese
    [InlineData("旧版本：\n\n```\nrun(4411): 5000 requests in 2.5s\n```\n\n新版本：\n\n```\nrun(5120): 5000 requests in 1.1s\n```")]
    // list items labelled by the thing the PR adds, with and without it
    [InlineData("Cold import of the demo project:\n\n* without the index: 48 s\n* with the index: 19 s")]
    // the "after" run shown first, then the "before" one
    [InlineData("With pooling (steady state):\n\n```\nworker-a   2.1 GiB\n```\n\nWithout pooling:\n\n```\nworker-a   5.7 GiB\n```")]
    // where each number was measured written after it
    [InlineData("On a warm cache the sync goes from ~2.4s on main to ~0.9s on this branch.")]
    // a short side label before the first comma of a lead-in, after a command block that is not a run
    [InlineData("Ran with\n\n```\n./load --users 200 --minutes 10\n```\n\ntrunk, two runs:\n\n```\nlatency avg: 81.0 ms\nlatency avg: 79.4 ms\n```\n\nafter, two runs:\n\n```\nlatency avg: 52.3 ms\nlatency avg: 51.9 ms\n```")]
    // none of a counted thing after the change
    [InlineData("The reader reported 12 allocations per call before; with this branch it reports zero allocations.")]
    // one block, each run under a "# before" / "# after" comment, output no specific reader knows
    [InlineData("```\n# before\n$ time ./build.sh\n./build.sh  41.20s user 3.10s system 98% cpu 45.001 total\n# after\n$ time ./build.sh\n./build.sh  12.70s user 1.90s system 97% cpu 14.950 total\n```")]
    // a bare side label as its own paragraph, the value in the paragraph under it
    [InlineData("Timed the nightly job:\n\nBefore\n\n812 seconds\n\nAfter\n\n95 seconds")]
    // `time` output (minutes and seconds run together) in per-side lists under a label paragraph
    [InlineData("Without the cache:\n - `real 1m12.400s`\n - `real 1m10.950s`\n\nWith the cache:\n - `real 0m21.300s`\n - `real 0m20.870s`")]
    // time units written in other languages, sides given by a past tense and by the sentence's opening cue
    [InlineData("Hasta ahora la importación de 40K filas tardaban ~3 horas. Con este cambio la misma importación tarda ~9 minutos.")]
    [InlineData("Bisher dauerte der Export 95 Sekunden. Mit dieser Änderung sind es 12 Sekunden.")]
    [InlineData("启动时间之前是 4秒，优化后 1.2秒。")]
    // a count in a language written without spaces, with an arrow and a metric word
    [InlineData("- 一覧画面のクエリ数を 88 → 7 に減らしました")]
    // a sentence that opens with the after cue makes the earlier, uncued value the before
    [InlineData("The nightly export takes 41 min. After the batching change the export takes 6 min.")]
    // a bound under an after cue is a result
    [InlineData("The lookup took 320 ms on the old schema. After the index went in, it is less than 15 ms.")]
    // a paragraph whose first line is only the side label, the tool's report on the lines under it
    [InlineData("*Pre-patch*\nImage uses 412,800 bytes of flash. Limit is 524,288 bytes.\n\n*Post-patch*\nImage uses 398,112 bytes of flash. Limit is 524,288 bytes.")]
    // labels in Italian naming the starting point and this branch, a report of used memory in each block
    [InlineData("Punto di partenza:\n\n```\nheap: used 9120 bytes\n```\n\nPunto di arrivo (questo branch):\n\n```\nheap: used 8760 bytes\n```")]
    // a place named as the subject of the measuring verb, the other side's unit taken from the first
    [InlineData("Under the soak test, trunk sent about 48,000 requests to the store; this branch about 3,100.")]
    [InlineData("The bundle job on main takes 212 s, while this PR takes 74 s on the same runner.")]
    // a report tool's pipe table pasted in a code block, "Current" beside "Baseline"
    [InlineData("```\nsuite | case  | Baseline(ms) | Current(ms) | Δ\n----- | ----- | ------------ | ----------- | ---\nparse | large |          880 |         610 | -270 |\n```")]
    // perf stat counters under "this PR" and "master", after a third run that names no side
    [InlineData("An experiment I dropped:\n```\n   9,120,004,512      cycles\n```\n\nThis PR:\n```\n   8,004,118,930      cycles\n```\n\nmaster:\n```\n   9,870,551,207      cycles\n```")]
    // job durations on a clock ("10:52"), columns named by the tool being off and on
    [InlineData("| job | cache disabled | cache enabled |\n|---|---|---|\n| lint | 08:40 | 01:12 |\n| unit | 14:05 | 03:30 |")]
    // GNU time's default line under Before and After
    [InlineData("Before:\n```\n3.10user 0.42system 0:04.02elapsed 87%CPU (0avgtext+0avgdata 20480maxresident)k\n```\n\nAfter:\n```\n0.90user 0.20system 0:01.15elapsed 95%CPU (0avgtext+0avgdata 19100maxresident)k\n```")]
    // tqdm progress lines under a lead-in naming the current code, then the same load with the change
    [InlineData("Import of the sample with the current code:\n\n```\n5000rows [00:12, 402.10rows/s]\n```\n\nThe same import with the prepared statement:\n\n```\n5000rows [00:03, 1650.77rows/s]\n```")]
    // "key = value" lines under bare side labels
    [InlineData("before:\nMean Layout = 1.92\nMean Paint = 4.10\n\nafter:\nMean Layout = 1.31\nMean Paint = 3.87")]
    // the new value with "now", the old one as a bare number with "before", per list line
    [InlineData("* Unit tests: 40 seconds now, 95 before\n* Lint: 12 seconds now, 30 before")]
    // a unit in square brackets after the number, in two log lines under side labels
    [InlineData("Before:\n\n```\nindex built in 9120.5[ms]\n```\n\nAfter:\n\n```\nindex built in 1310.2[ms]\n```")]
    // an HTML table whose heading row is bold cells, with a caption row spanning the table
    [InlineData("<table>\n<tr><td><b>input</b></td><td><b>Before (s)</b></td><td><b>After (s)</b></td></tr>\n<tr><td colspan=\"3\"><i>small</i></td></tr>\n<tr><td>10k rows</td><td>12.4</td><td>3.1</td></tr>\n</table>")]
    // side labels carrying an aside in brackets on how the side was measured, "key: value" lines under each
    [InlineData("Reference build (median of seven runs on the CI box, profiler attached):\nwall clock: 812 ms\nheap churn: 3.4 GB\n\nThis branch:\nwall clock: 640 ms\nheap churn: 2.9 GB")]
    // a lead-in naming both sides in order over a block of two unnamed lines of figures, one line per side
    [InlineData("**trunk vs. patched**\n```\n 51200 ns/op   8192 B/op   64 allocs/op\n 30400 ns/op   4096 B/op   12 allocs/op\n```")]
    [InlineData("Old → new:\n```\nparse 880 ms 120 MB\nparse 610 ms 95 MB\n```")]
    // an aligned table whose first heading names the rows, then old and new columns with their unit, then a delta
    [InlineData("```\nbenchmark          old ns/op     new ns/op     delta\nBenchmarkSplit-8   4120          2975          -27.79%\n```")]
    // one column named after the base branch's result file, the other after the branch's, then differences
    [InlineData("```\n name        main-1a2b3c.txt ns/iter   speedy-4d5e6f.txt ns/iter   diff ns/iter   diff %   speedup\n tokenize    88,410                    61,002                      -27,408        -31.00%  x 1.45\n```")]
    // rows of one run told apart by a side word closing the benchmark's name
    [InlineData("```\nBenchmarkHash-4        2000000      812 ns/op\nBenchmarkHashOptimized-4 5000000   301 ns/op\n```")]
    // Go benchmark rows with a side in brackets after the name, one label naming its side
    [InlineData("```\nBenchmarkDecode-4 (today)     1200   981220 ns/op   40960 B/op   88 allocs/op\nBenchmarkDecode-4 (this PR)   2100   512004 ns/op   20480 B/op   31 allocs/op\n```")]
    // an unnamed run first, then a run the text calls the one before the change
    [InlineData("What the start-up script prints:\n```\ncold start: 1,840 ms\nfirst query: 95 ms\n```\n\nAnd the same script before I moved the warm-up off the request path:\n```\ncold start: 4,310 ms\nfirst query: 260 ms\n```")]
    // scores in points, in English and in Korean
    [InlineData("The audit score moves from 61 points to 88 points on the landing page.")]
    [InlineData("- 랜딩 페이지 성능 점수: 61점 → 88점")]
    // the same table twice, under a heading for each side; a label glued to its figure inside a cell
    [InlineData("#### Old query plan\n\n| screen | 20 rows | 500 rows |\n|---|---|---|\n| invoices | 310 ms | 2,950 ms |\n\n#### New query plan\n\n| screen | 20 rows | 500 rows |\n|---|---|---|\n| invoices | 41 ms | 180 ms |")]
    [InlineData("Antes:\n\n| vista | carga |\n|---|---|\n| pedidos | SQL412 queries |\n\nDespués:\n\n| vista | carga |\n|---|---|\n| pedidos | SQL18 queries |")]
    // one labelled line per paragraph, the side inside the label, a link under each
    [InlineData("Median page render before the caching work: 3.9 s\nhttps://perf.example.org/run/881\n\nMedian page render after the caching work: 1.2 s\nhttps://perf.example.org/run/902")]
    // an audit score given as a bare number after the label
    [InlineData("Lighthouse performance on the staging box, before: 54\n\nLighthouse performance on the staging box, after: 83")]
    // "From" and "To" as the only words over the two runs
    [InlineData("From\n```\nTime: 9120ms\n```\nTo\n```\nTime: 6410ms\n```")]
    public void BothSidesOfOneMetric_IsPresent(string body)
    {
        var item = Review.Item(body, ItemKind.BeforeAfter);
        Assert.True(item.Present, string.Join(" | ", item.Messages));
    }

    [Theory]
    // a setting changed, not a measurement
    [InlineData("The idle timeout used to be 30 s; it is now 10 s.")]
    // a goal next to a current value
    [InlineData("Renders used to take 300 ms and should now be under 100 ms.")]
    // one side only
    [InlineData("Old: 74 s for a cold build.")]
    // a relative claim
    [InlineData("Builds are about 40% faster now than before.")]
    // a default that changes
    [InlineData("The default flush interval, `sink.flush_ms`, moves from 50 ms to 200 ms.")]
    // an alert threshold that was moved
    [InlineData("Meanwhile the p95 alert was raised from 900ms to 1200ms so it stops paging.")]
    // a number worked out from a measured one (rounded) is not a result
    [InlineData("Runs on main took between 41 and 47 minutes. Rounding that down to 40 minutes, the goal for the quarter is 30.")]
    // how much was saved is not one side of the change
    [InlineData("Shaves roughly 30–50 ms off the warm start. With this branch the warm start is ~610 ms.")]
    // a baseline beside a goal column, not beside a result
    [InlineData("| step | Baseline (s) | Target (s) |\n|---|---|---|\n| export | 212 | 60 |")]
    // a setting named by its constant, raised from one value to another
    [InlineData("The earlier pass raised `_SESSION_CACHE_TTL` from 5s to 90s, and edits then showed up late.")]
    // the branch named beside one number only
    [InlineData("On this branch the soak test issued about 3,100 cache lookups per minute.")]
    // two runs of differently named things, neither named as a side
    [InlineData("```\nname        parser_a ns/iter   parser_b ns/iter   diff %\n tokenize   88,410             61,002             -31.00%\n```")]
    // a constructor benchmark beside another benchmark: "New" opening a name is not a side
    [InlineData("```\nBenchmarkReader-4        2000000      812 ns/op\nBenchmarkNewReader-4     5000000      301 ns/op\n```")]
    // rows with bracketed labels that name no side at all
    [InlineData("```\nBenchmarkDecode-4 (cold)   1200   981220 ns/op\nBenchmarkDecode-4 (warm)   2100   512004 ns/op\n```")]
    // two tables of the same shape under headings that name no side
    [InlineData("#### Staging\n\n| screen | 20 rows |\n|---|---|\n| invoices | 310 ms |\n\n#### Production\n\n| screen | 20 rows |\n|---|---|\n| invoices | 41 ms |")]
    // bare numbers after labels that name no score
    [InlineData("Open tickets before the cleanup: 54\n\nOpen tickets after the cleanup: 83")]
    // a buffer made bigger is a design choice, not a result
    [InlineData("The scratch buffer grows from 32 to 64 bytes so every copy has a constant size.")]
    public void NoMeasuredPair_IsMissing(string body)
    {
        Assert.False(Review.Present(body, ItemKind.BeforeAfter));
    }

    [Theory]
    // the title names the new value
    [InlineData("Store sessions with synchronous=NORMAL", "Import of the fixture:\n\n- `synchronous=FULL`: 310 s\n- `synchronous=NORMAL`: 95 s", 310, 95)]
    // the description goes back to the old value
    [InlineData("Tune the store", "Import of the fixture:\n\n- `synchronous=NORMAL`: 95 s\n- `synchronous=FULL`: 310 s\n\nTo undo, set it back to FULL.", 310, 95)]
    public void TwoValuesOfOneSetting_AreTheSides(string title, string body, double before, double after)
    {
        var m = Assert.Single(Review.Of(body, title: title).Measurements);
        Assert.Equal((before, after), (m.Before, m.After));
    }

    [Theory]
    // the lead-in's order says which line is which side, whichever side it names first
    [InlineData("trunk vs. patched:\n```\n51200 ns/op 8192 B/op\n30400 ns/op 4096 B/op\n```", 51200, 30400)]
    [InlineData("patched vs. trunk:\n```\n30400 ns/op 8192 B/op\n51200 ns/op 4096 B/op\n```", 51200, 30400)]
    public void APairLeadIn_OverTwoLines_ReadsTheLinesInItsOrder(string body, double before, double after)
    {
        var m = Review.Of(body).Measurements.First(x => x.Unit == "ns/op");
        Assert.Equal((before, after), (m.Before, m.After));
    }

    [Fact]
    public void APairLeadIn_OverMoreThanTwoLines_IsNotReadLineByLine() =>
        Assert.False(Review.Present("trunk vs. patched:\n```\n51200 ns/op\n30400 ns/op\n29900 ns/op\n```", ItemKind.BeforeAfter));

    [Theory]
    // two rows, the change's row naming the technique the title names
    [InlineData("perf(sync): cache the tenant lookups", "| approach | p95 |\n|---|---|\n| a query per event | 48 ms |\n| cached per tenant for 60 s | 6 ms |", 48, 6)]
    // the original row beside several tried, the row naming most of the title is the change
    [InlineData("Speed up export with streaming and gzip level 1", "| variant | time |\n|---|---|\n| original | 92 s |\n| gzip level 1 | 70 s |\n| streaming | 51 s |\n| streaming + gzip level 1 | 33 s |", 92, 33)]
    // columns: beside the base column, the one naming most of what the title does, not a third approach shown for reference
    [InlineData("Load events through a staging table and one MERGE", "| rows | main | staging table + MERGE | bulk COPY |\n|---|---|---|---|\n| 10k | 840 ms | 310 ms | 120 ms |", 840, 310)]
    // two list lines, one naming the tool the title brings in
    [InlineData("use msgspec to serialize responses", "- the stdlib `json.dumps` call takes 1.9 s on the sample\n- `msgspec.json.encode` takes 0.4 s on the same sample", 1.9, 0.4)]
    public void RowsNamedByApproach_TakeTheirSidesFromTheTitle(string title, string body, double before, double after)
    {
        var m = Assert.Single(Review.Of(body, title: title).Measurements);
        Assert.Equal((before, after), (m.Before, m.After));
    }

    [Fact]
    public void ListLinesNamingDifferentThings_AreNotApproaches_EvenWhenTheTitleNamesOne() =>
        Assert.False(Review.Of("- `/orders` takes 48 ms\n- `/invoices` takes 6 ms", title: "Speed up the invoices endpoint").Item(ItemKind.BeforeAfter).Present);

    [Fact]
    public void RowsNamingDifferentThings_AreNotApproaches_EvenWhenTheTitleNamesOne() =>
        Assert.False(Review.Of("| endpoint | p95 |\n|---|---|\n| /orders | 48 ms |\n| /invoices | 6 ms |", title: "Speed up the invoices endpoint").Item(ItemKind.BeforeAfter).Present);

    [Fact]
    public void TwoValuesOfOneSetting_WithNothingToSayWhichIsNew_AreNotAPair() =>
        Assert.False(Review.Present("Import of the fixture:\n\n- `synchronous=FULL`: 310 s\n- `synchronous=NORMAL`: 95 s", ItemKind.BeforeAfter));

    [Theory]
    // two tools compared in columns, past a change column; the title names the new one
    [InlineData("Parse configs with yamlfast", "| file | PyYAML | yamlfast | Change |\n|---|---|---|---|\n| big.yml | 2.40s | 0.31s | 7.7× |", 2.40, 0.31)]
    // the title replaces one with the other, which names both
    [InlineData("Replace Jackson with fastjson2 in the export", "| | Jackson | fastjson2 |\n|---|---|---|\n| export | 910 ms | 350 ms |", 910, 350)]
    // the base column names the old tool in brackets; the branch column's bracket names the one the title brings
    [InlineData("ci: install with pnpm", "| job | platform | main (npm) | ci-faster (pnpm) | Δ |\n|---|---|---|---|---|\n| lint | linux | 48.2s | 9.1s | −39s |", 48.2, 9.1)]
    public void ColumnsNamedByTheThingsCompared_TakeTheirSidesFromTheTitle(string title, string body, double before, double after)
    {
        var m = Review.Of(body, title: title).Measurements.First();
        Assert.Equal((before, after), (Math.Round(m.Before, 2), Math.Round(m.After, 2)));
    }

    [Fact]
    public void AnAfterRun_PairsWithTheBeforeRunAfterIt_NotWithAnUnnamedRunBeforeIt()
    {
        var body = "A variant I did not keep:\n```\n   9,120,004,512      cycles\n```\n\nThis PR:\n```\n   8,004,118,930      cycles\n```\n\n" +
                   "master:\n```\n   9,870,551,207      cycles\n```";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((9_870_551_207d, 8_004_118_930d), (m.Before, m.After));
    }

    [Fact]
    public void AnAfterRun_WithNoBeforeRunAfterIt_PairsWithTheUnnamedRunBeforeIt()
    {
        var body = "Where it stands today:\n```\n   9,870,551,207      cycles\n```\n\nThis PR:\n```\n   8,004,118,930      cycles\n```";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((9_870_551_207d, 8_004_118_930d), (m.Before, m.After));
    }

    [Fact]
    public void HeadAndPrColumns_ReadHeadAsTheBase()
    {
        const string body = "| Suite | HEAD ops/s | PR ops/s |\n|---|---|---|\n| small | 1200 | 1500 |\n| large | 300 | 420 |";
        var m = Review.Of(body).Measurements.First();
        Assert.Equal((1200.0, 1500.0), (m.Before, m.After));
    }

    [Fact]
    public void AResultMeasuredWithDefaultSettings_IsStillAResult() =>
        Assert.True(Review.Present("With the default settings, p95 went from 210 ms to 120 ms.", ItemKind.BeforeAfter));

    [Fact]
    public void ForeignTimeUnits_NormaliseLikeEnglishOnes()
    {
        var m = Assert.Single(Review.Of("Bisher dauerte der Export 2 Stunden. Mit diesem Patch dauert er 30 Minuten.").Measurements);
        Assert.Equal((120.0, 30.0, "min"), (m.Before, m.After, m.Unit));
    }

    [Fact]
    public void TheSameLabelledListTwice_PairsWhenTheSecondIsIntroducedAsTheNewFigures()
    {
        const string body = """
            On the staging catalogue we saw:

            - Index rebuild: 48.5 seconds
            - `merge_segments` step: 31.2 seconds

            The merge now streams segments instead of loading them all.

            New timings:

            - Index rebuild: 19.0 seconds
            - `merge_segments` step: 4.1 seconds
            """;
        var verdict = Review.Of(body);
        Assert.Contains(verdict.Measurements, m => m is { Before: 48.5, After: 19.0, Unit: "s" });
        Assert.Contains(verdict.Measurements, m => m is { Before: 31.2, After: 4.1 });

        // Two lists and nothing that says the second holds the new figures: no pair.
        var unsure = Review.Of(body.Replace("New timings:", "On the production catalogue:"));
        Assert.False(unsure.Item(ItemKind.BeforeAfter).Present);

        // Figures that carry how much they changed say it themselves.
        var noted = Review.Of(body.Replace("New timings:", "On the production catalogue:").Replace("19.0 seconds", "19.0 seconds (~61% reduction)"));
        Assert.Contains(noted.Measurements, m => m is { Before: 48.5, After: 19.0 });
    }

    [Theory]
    [InlineData("The idle loop's SQL statements went from 640 to 160 per minute.")]
    [InlineData("空闲轮询的 SQL 条数从 640 降到 160。")]
    public void PlainCountsOfStatements_Pair(string sentence)
    {
        var m = Assert.Single(Review.Of(sentence).Measurements);
        Assert.Equal((640.0, 160.0), (m.Before, m.After));
    }

    [Fact]
    public void SmallPlainNumbersFromTo_CountWhenTheSentenceGivesTheRatio()
    {
        var m = Assert.Single(Review.Of("On the cold-cache suite `scanWide` goes from 8.40 to 3.10, so 2.7x better.").Measurements);
        Assert.Equal((8.40, 3.10), (m.Before, m.After));
        // Without the ratio, small plain numbers that change read as a setting.
        Assert.Empty(Review.Of("On the cold-cache suite `scanWide` goes from 8 to 3.").Measurements);
    }

    [Fact]
    public void OutputOfAnUnknownTool_ThenTheSameOutputAfterwards_Pair()
    {
        const string body = """
            The release job was close to the limit:

            ```
            bundle: 2,204 modules, 41 MB
            ```

            This drops the duplicated locale data. Bundle output afterwards:

            ```
            bundle: 1,870 modules, 26 MB
            ```
            """;
        var verdict = Review.Of(body);
        Assert.True(verdict.Item(ItemKind.BeforeAfter).Present, string.Join(" | ", verdict.Item(ItemKind.BeforeAfter).Messages));
    }
}
