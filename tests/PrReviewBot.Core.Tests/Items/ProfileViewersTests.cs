using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

/// <summary>Profile evidence from profilers and viewers under their many names; a tool's home page is not a profile.</summary>
public class ProfileViewersTests
{
    [Theory]
    [InlineData("Compared in the hosted profiler: https://blackfire.io/profiles/compare/0c1d2e3f-aaaa-bbbb-cccc-1234567890ab/graph")]
    [InlineData("py-spy capture while importing the big fixture:\n\n![capture](https://user-images.githubusercontent.com/1/2-3.png)")]
    [InlineData("Samply recording of the render loop: [render.json.gz](https://example.com/files/render.json.gz)")]
    [InlineData("Where the time goes (trace of one slow click):\n\n```\nflushPendingEffects()\n  Total: 212.4ms | Self: 40.1ms\n```")]
    [InlineData("VisualVM sampler, hottest stack:\n\n```\ncom.acme.index.Segment.merge(Segment.java:88)\ncom.acme.index.Writer.flush(Writer.java:301)\ncom.acme.index.Writer.commit(Writer.java:120)\n```")]
    // images under bare side labels, introduced by the prose before the labels
    [InlineData("Flame graphs of the importer, same input both times:\n\n**old**\n\n![a](https://user-images.githubusercontent.com/1/old.svg)\n\n**new**\n\n![b](https://user-images.githubusercontent.com/1/new.svg)")]
    [InlineData("Heap snapshots taken with the Leaks instrument, one per side:\n\n## Before\n\n![x](https://user-images.githubusercontent.com/1/x.png)")]
    [InlineData("CPU profiles below were taken while paging through the inbox:\n\nmain: ![m](https://github.com/user-attachments/assets/0000-1111)")]
    // perf report rows pasted without their header: shares, command, object, "[.]" and the symbol
    [InlineData("Top of the report on trunk:\n\n```\n  41.02%  indexer  indexer       [.] tokenize_utf8\n  17.80%  indexer  libc.so.6     [.] __memmove_avx_unaligned\n```")]
    // perf report -g rows, opened by the "+"/"-" that folds their call tree (children and self shares)
    [InlineData("```\n-   71.40%     0.00%  gateway  gateway        [.] serve_conn\n   - serve_conn\n      + 40.12% parse_headers\n```")]
    // heaptrack's summary lines
    [InlineData("Ran the importer under heaptrack:\n\n```\n3.10GB leaked over 912044 calls from\n  Store::grow(unsigned long)\n```")]
    // counter statistics from perf stat, and valgrind's cache simulator summary
    [InlineData("```\n Performance counter stats for './render --frames 300':\n\n     2,004,118,930      cycles\n```")]
    [InlineData("```\n==3120== I   refs:      12,402,118,004\n==3120== I1  misses:        4,110,221\n```")]
    // a line-level profiler's table
    [InlineData("```\nLine #      Hits         Time  Per Hit   % Time  Line Contents\n    12       400     180221.0    450.6     71.3      rows = load_all(path)\n```")]
    public void ProfilerOutputOrView_IsProfileEvidence(string body)
    {
        var item = Review.Item(body, ItemKind.Profile);
        Assert.True(item.Present, string.Join(" | ", item.Messages));
    }

    [Theory]
    [InlineData("To see it yourself, install https://github.com/benfred/py-spy and run `py-spy record`.")]
    [InlineData("I profiled this with Instruments and the gradients were the problem.")]
    [InlineData("Stack trace of the crash:\n\n```\nat com.acme.Main.run(Main.java:10)\nat com.acme.Main.main(Main.java:4)\nat java.base/Thread.run(Thread.java:1583)\n```")]
    // a compilation profile is not profiler output, even with screenshots beside it
    [InlineData("Ships the baseline profile the project template generates, so start-up code is compiled ahead of time.\n\n| without | with |\n|---|---|\n| <img alt=\"a\" src=\"https://github.com/user-attachments/assets/aaaa\" /> | <img alt=\"b\" src=\"https://github.com/user-attachments/assets/bbbb\" /> |")]
    // shares in a list that is not a profiler's report
    [InlineData("```\n  41.02%  of users  on mobile  [.] see notes\n```")]
    public void ToolNamesWithoutOutput_AreNotProfileEvidence(string body)
    {
        Assert.False(Review.Present(body, ItemKind.Profile));
    }

    [Fact]
    public void ShortLinkToAProfilerView_IsAProfileNotADashboard()
    {
        var verdict = Review.Of("Rendering the tree is slow: [profile of the sidebar panel while scrolling](https://perfht.ml/3xYzQ1a); most time is in layout.");
        Assert.True(verdict.Item(ItemKind.Profile).Present, string.Join(" | ", verdict.Item(ItemKind.Profile).Messages));
        Assert.Empty(verdict.Dashboards);
    }

    [Fact]
    public void QueryPlanWithTimings_ShownAsAnImage_IsAProfile()
    {
        const string body = "Slow report query. EXPLAIN ANALYZE before the new index:\n\n![plan](https://img.example.com/plan-before.png)";
        Assert.True(Review.Present(body, ItemKind.Profile));
    }

    [Fact]
    public void GprofFlatProfile_IsProfilerOutput()
    {
        const string body = """
            Most of the daemon's CPU goes to re-reading the config:

            ```
            Flat profile:

            Each sample counts as 0.01 seconds.
              %   cumulative   self              self     total
             time   seconds   seconds    calls  ms/call  ms/call  name
             68.00      0.34     0.34       40     8.50     8.50  Config_reload
             20.00      0.44     0.10    91000     0.00     0.00  Str_hash
            ```
            """;
        Assert.True(Review.Present(body, ItemKind.Profile), string.Join(" | ", Review.Item(body, ItemKind.Profile).Messages));
    }

    [Theory]
    [InlineData("Per-stage timings of one cold build on my laptop:\n\n```\nresolve deps      1.2s\ncompile           14.8s\nlink              3.1s\n```")]
    [InlineData("Launch timing from the nightly (time per module, the loader is the biggest):\n\n```\nsrc/app/init.js    ~40ms\nsrc/db/pool.js     ~310ms\nsrc/ui/theme.js    ~12ms\n```")]
    [InlineData("The report generator's own timing output before the change:\n\n```\n== timings ==\nload: 0.40\nrender: 7.90\nwrite: 0.20\n```")]
    public void OneRunsTimeBrokenDownByPart_IsTimingOutput(string body)
    {
        var item = Review.Item(body, ItemKind.Profile);
        Assert.True(item.Present, string.Join(" | ", item.Messages));
    }

    [Theory]
    // the whole run's time, a harness's results and configured values are not a breakdown of where the time goes
    [InlineData("Timings before the change:\n\n```\nreal    0m3.214s\nuser    0m2.950s\nsys     0m0.180s\n```")]
    [InlineData("Benchmark timings:\n\n```\nBenchmarkParse-8    1000    1234 ns/op\nBenchmarkLex-8      2000     600 ns/op\nBenchmarkEmit-8    50000      99 ns/op\n```")]
    [InlineData("Timings we configured for the client:\n\n```\nconnect: 5s\nread: 30s\nidle: 90s\n```")]
    [InlineData("Per-stage timings:\n\n```\nstage A\nstage B\n```")]
    [InlineData("All timings from one clean build:\n\n```\nCommand being timed: \"ninja\"\nUser time (seconds): 120.5\nSystem time (seconds): 9.1\nElapsed (wall clock) time (h:mm:ss or m:ss): 2:11.02\n```")]
    public void WholeRunsSettingsOrNoNumbers_AreNotTimingOutput(string body)
    {
        Assert.False(Review.Present(body, ItemKind.Profile));
    }

    [Fact]
    public void ScreenshotsPointedAt_AfterASentenceNamingTheProfiler_AreProfileEvidence()
    {
        const string body = "I recorded the list page with the Vue devtools profiler. The screenshots below show how many components re-render per keystroke:\n\n**Before:**\n<img alt=\"a\" src=\"https://user-images.githubusercontent.com/1/before.png\">\n\n**After:**\n<img alt=\"b\" src=\"https://user-images.githubusercontent.com/1/after.png\">";
        Assert.True(Review.Present(body, ItemKind.Profile));
    }

    [Fact]
    public void GraphsPointedAt_AfterASentenceAboutProfiling_AreNotProfileEvidence()
    {
        const string body = "We profiled the importer and rewrote the hot loop. The graphs below show p99 latency for a week:\n\n**Before:**\n![a](https://user-images.githubusercontent.com/1/before.png)\n\n**After:**\n![b](https://user-images.githubusercontent.com/1/after.png)";
        Assert.False(Review.Present(body, ItemKind.Profile));
    }

    [Fact]
    public void AnApmPageForOneEndpoint_IsADashboard_AndALinkWithATraceId_IsATrace()
    {
        var dashboard = Review.Of("Skylight view of the endpoint we watch after deploys: https://oss.skylight.io/app/applications/AbCdEf123/recent/1h/endpoints/OrdersController%23index");
        Assert.False(dashboard.Item(ItemKind.Profile).Present);
        Assert.NotEmpty(dashboard.Dashboards);

        var trace = Review.Of("One slow request, as the APM recorded it: https://apm.example.com/accounts/12/applications/34/transactions#id=abc&app_trace_id=9f2c41d0-77aa-11e6-85b6-f8bc124250a8");
        Assert.True(trace.Item(ItemKind.Profile).Present, string.Join(" | ", trace.Item(ItemKind.Profile).Messages));
    }
}
