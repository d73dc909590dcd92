using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

public class ProfileTests
{
    [Fact]
    public void PstatsTableWithPerCallColumnsNamedApart_IsProfilerOutput()
    {
        var body = "Stats on master for the lint run:\n\n```\nncalls  tottime  tt_percall  cumtime  ct_percall  file:lineno (method)\n" +
                   "8120    0.041    0.000       2.930    0.000       walker.py:88 (visit)\n```\n\n`visit` dominates the run.";
        Assert.True(Review.Present(body, ItemKind.Profile), string.Join(" | ", Review.Item(body, ItemKind.Profile).Messages));
    }

    [Fact]
    public void FlamegraphImageIsAnArtifact()
    {
        var verdict = Review.Of("The flamegraph (attached: ![cpu flamegraph](docs/perf/flame-before.svg)) shows 31% of CPU in `encoding/json`.");
        Assert.True(verdict.Item(ItemKind.Profile).Present);
        Assert.Equal("flamegraph", verdict.ProfileArtifacts[0].Kind);
        Assert.Contains(BottleneckClass.Cpu, verdict.Bottlenecks);
    }

    [Fact]
    public void ProfilerOutputUnderABareSideLabel_TakesTheSentenceBeforeTheLabel()
    {
        const string body = "Per-module timings from the compiler's profiling mode:\n\nBefore:\n\n```\n" +
                            "Total                                   91,200ms\nApp.Billing.Invoice.Render.layout     30,115ms\n" +
                            "App.Billing.Invoice.Render.totals     22,870ms\nApp.Billing.Tax.Rules.resolve         12,004ms\n```";
        Assert.True(Review.Present(body, ItemKind.Profile));
    }

    [Fact]
    public void TimingsUnderABareSideLabel_WithoutAProfilingSentence_AreNotAProfile()
    {
        const string body = "Before:\n\n```\nApp.Billing.Invoice.Render.layout     30,115ms\nApp.Billing.Invoice.Render.totals     22,870ms\n```";
        Assert.False(Review.Present(body, ItemKind.Profile));
    }

    [Fact]
    public void BenchmarkHarnessStatistics_AreNotAProfile()
    {
        const string body = "Benchmark of the parser:\n\n```\nTrial: 5000 samples with 200 evaluations.\n Range (min … max):  11.2 µs … 80.1 µs  GC (min … max): 0.00% … 91.20%\n" +
                            " Time  (median):     12.0 µs          GC (median):    0.00%\n Time  (mean ± σ):   13.4 µs ± 3.1 µs  GC (mean ± σ):  6.10% ± 9.80%\n```";
        Assert.False(Review.Present(body, ItemKind.Profile));
    }

    [Fact]
    public void ALinkToAToolsDocumentation_IsNotAProfile() =>
        Assert.False(Review.Present("Ships a [startup profile](https://developer.android.com/topic/performance/baselineprofiles/overview) with the app.", ItemKind.Profile));

    [Theory]
    [InlineData("Most of the time in `route()` went into re-evaluating the rewrite rules for every request.")]
    [InlineData("About 70% of the CPU goes into hashing the cache keys.")]
    public void WhereMostOfTheTimeGoes_IsABottleneckStatement(string body) =>
        Assert.Contains(BottleneckClass.Cpu, Review.Of(body).Bottlenecks);

    [Fact]
    public void MostOfTheTime_AsFrequency_IsNotABottleneck() =>
        Assert.Empty(Review.Of("Most of the time the page renders from the warm cache anyway.").Bottlenecks);

    [Fact]
    public void ScreenshotIntroducedAsProfileIsAnArtifact()
    {
        const string body = """
            Mutex profile before:
            <img width="1728" alt="Screenshot" src="https://github.com/user-attachments/assets/e535434a" />
            """;
        Assert.True(Review.Present(body, ItemKind.Profile));
    }

    [Fact]
    public void ImageUnderProfileHeadingIsAnArtifact()
    {
        Assert.True(Review.Present("### Heap profile before (full)\n![profile029](https://user-images.githubusercontent.com/8974479/181068163.png)", ItemKind.Profile));
    }

    [Theory]
    [InlineData("Profiles: [beta](https://share.firefox.dev/46bM2lb) vs [preview](https://share.firefox.dev/3y28fFM)")]
    [InlineData("Trace at peak: https://jaeger.example.com/trace/4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("[flamegraphs-before-after.zip](https://github.com/acme/db/files/2999802/before-after.zip)")]
    [InlineData("CPU profile: https://pyroscope.example.com/?query=app.cpu")]
    [InlineData("Profile: https://grafana.example.com/a/grafana-pyroscope-app/profiles-explorer?var-service=feed")]
    public void ProfilerLinksAreArtifacts(string body) => Assert.True(Review.Present(body, ItemKind.Profile));

    [Fact]
    public void ProfilerOutputInCodeBlockIsAnArtifact()
    {
        const string body = """
            Sampled on a warm run, before this change:

            ```
            waiter                      share of non-idle time
            collect_transitive_deps     3.67%
            BodyTask::publish           2.35%
            get_spec_no_track           1.07%
            ```
            """;
        Assert.True(Review.Present(body, ItemKind.Profile));
    }

    [Fact]
    public void PprofTopOutputIsAnArtifact()
    {
        const string body = """
            ```
            Showing nodes accounting for 2.38s, 92% of 2.59s total
                  flat  flat%   sum%        cum   cum%
                 1.01s 38.99% 38.99%      1.01s 38.99%  runtime.mallocgc
            ```
            """;
        Assert.True(Review.Present(body, ItemKind.Profile));
    }

    [Fact]
    public void SayingYouProfiledIsNotAnArtifact()
    {
        var item = Review.Item("Fixes a handful of hotspots that showed up when profiling.", ItemKind.Profile);
        Assert.False(item.Present);
        Assert.Contains("mentions profiling", item.Messages[0]);
    }

    [Fact]
    public void ProfileNamingTheProductIsNotAnArtifact()
    {
        Assert.False(Review.Present("Goal: make the generated pprof proto the one profile representation. Building a flamegraph via pprof takes 1.5s -> 350ms.", ItemKind.Profile));
    }

    [Fact]
    public void SectionSayingNoCapture_IsMissing()
    {
        var item = Review.Item("## Profile\nNo capture attached. The growth comes from encoding.", ItemKind.Profile);
        Assert.False(item.Present);
        Assert.Contains("no profile attached", item.Messages[0]);
    }

    [Fact]
    public void BenchmarkOutputIsNotProfilerOutput()
    {
        const string body = """
            **Profile:** —
            **Benchmark:**
            ```
            name                      old time/op    new time/op    delta
            Chain/chain-18/Explore-4    2.90ms ±15%    2.74ms ± 8%  -5.61%  (p=0.037 n=17+16)
            Chain/chain-11/Explore-4    1.25ms ±20%    1.19ms ±14%  -4.74%  (p=0.029 n=18+17)
            Chain/chain-1/Explore-4     20.6µs ±21%    20.5µs ±15%    ~     (p=0.730 n=18+19)
            ```
            """;
        Assert.False(Review.Present(body, ItemKind.Profile));
    }
}
