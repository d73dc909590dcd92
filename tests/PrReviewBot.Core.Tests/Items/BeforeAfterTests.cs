using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

public class BeforeAfterTests
{
    [Fact]
    public void BeforeAfterColumns_AreMeasurements()
    {
        const string body = """
            **Load test** (k6, 2,500 RPS constant arrival, 10 min, production-sized catalog):

            | | before | after |
            |---|---|---|
            | p50 | 41 ms | 9 ms |
            | p99 | 220 ms | 95 ms |
            | errors | 0.03% | 0.02% |
            """;
        var verdict = Review.Of(body);
        Assert.True(verdict.Item(ItemKind.BeforeAfter).Present);
        Assert.Equal(3, verdict.Measurements.Count);
        var p99 = verdict.Measurements.Single(m => m.Metric == "p99");
        Assert.Equal((220.0, 95.0, "ms"), (p99.Before, p99.After, p99.Unit));
        Assert.Equal(-56.8, p99.ChangePercent);
        Assert.Equal(("k6", 600.0), (verdict.LoadTest?.Tool, verdict.LoadTest?.DurationSeconds));
    }

    [Fact]
    public void BeforeAfterRows_AreMeasurements()
    {
        const string body = """
            | | Latency avg | Req/Sec |
            |---|---|---|
            | before | 4.15ms | 1.00k |
            | after | 2.39ms | 1.05k |
            """;
        var verdict = Review.Of(body);
        Assert.Equal(2, verdict.Measurements.Count);
        Assert.Equal(1050, verdict.Measurements.Single(m => m.Metric == "Req/Sec").After);
    }

    [Fact]
    public void BaselineAndCandidateColumns_AreMeasurements()
    {
        Assert.True(Review.Present("| pair | base | candidate |\n|---|---|---|\n| pair 1 | 799.098 ms | 365.910 ms |", ItemKind.BeforeAfter));
    }

    [Theory]
    [InlineData("p99 dropped from 240ms to 80ms at 2,500 RPS.", 240, 80, "ms")]
    [InlineData("scripting time: 10,754 ms ➜ 543 ms", 10754, 543, "ms")]
    [InlineData("Query latency **26.2s → 16ms**.", 26200, 16, "ms")]
    [InlineData("Switching modes takes 0.5 sec now, down from 3 sec.", 3, 0.5, "s")]
    [InlineData("Average startup goes from 27s to 10s.", 27, 10, "s")]
    [InlineData("propagation 12.6s -> 1.0s", 12.6, 1.0, "s")]
    [InlineData("PR CI wall time: 49m34s → 23m38s", 49.567, 23.633, "min")]
    public void ProseBeforeAfter_IsAMeasurement(string body, double before, double after, string unit)
    {
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal(before, m.Before, 2);
        Assert.Equal(after, m.After, 2);
        Assert.Equal(unit, m.Unit);
    }

    [Fact]
    public void BenchstatOutput_IsMeasurementsWithSignificance()
    {
        const string body = """
            ```
            name        old time/op    new time/op    delta
            NewGraph-8     2.38s ±10%     1.59s ± 8%  -33.01%  (p=0.000 n=10+10)
            Parse-8        20.6µs ±21%    20.5µs ±15%    ~     (p=0.730 n=18+19)
            ```
            """;
        var verdict = Review.Of(body);
        Assert.Equal(2, verdict.Measurements.Count);
        Assert.False(verdict.Measurements[0].Significance!.NotSignificant);
        Assert.True(verdict.Measurements[1].Significance!.NotSignificant);
    }

    [Fact]
    public void NewBenchstatLayout_IsRead()
    {
        const string body = """
            ```
                                │ output-main.txt │           output-new.txt            │
                                │     sec/op      │   sec/op     vs base                │
            _batchTimeSeries-20       45.28m ± 5%   33.35m ± 4%  -26.35% (p=0.000 n=10)
            ```
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((45.28, 33.35, "ms"), (m.Before, m.After, m.Unit));
    }

    [Fact]
    public void WrkRunsLabelledBeforeAndAfter_ArePaired()
    {
        const string body = """
            Before:
            ```
            Running 30s test @ http://127.0.0.1:5000/
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    17.39ms  496.59us  22.31ms   69.79%
              Latency Distribution
                 50%   17.44ms
                 99%   18.43ms
            Requests/sec:     56.91
            ```
            After:
            ```
            Running 30s test @ http://127.0.0.1:5000/
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    11.23ms  717.36us  22.40ms   80.60%
              Latency Distribution
                 50%   11.26ms
                 99%   12.28ms
            Requests/sec:     87.78
            ```
            """;
        var verdict = Review.Of(body);
        Assert.Equal(4, verdict.Measurements.Count);
        Assert.Equal(30, verdict.LoadTest?.DurationSeconds);
        Assert.Equal("wrk", verdict.LoadTest?.Tool);
    }

    [Fact]
    public void OnlyTheBeforeRun_IsMissingAndSaysSo()
    {
        const string body = """
            Before:
            ```
            Requests/sec:     56.91
            Latency p99:      18.43 ms
            ```
            """;
        var item = Review.Item(body, ItemKind.BeforeAfter);
        Assert.False(item.Present);
        Assert.Contains("only a \"before\" run", item.Messages[0]);
    }

    [Fact]
    public void RelativeClaim_IsMissingAndSaysSo()
    {
        var item = Review.Item("Connect times are 55% lower at p999 and 40% lower at p99.", ItemKind.BeforeAfter);
        Assert.False(item.Present);
        Assert.Contains("relative claim", item.Messages[0]);
    }

    [Fact]
    public void Estimate_IsNotAMeasurement()
    {
        var item = Review.Item("**Expected PR critical path: ~20m → ~12m.**", ItemKind.BeforeAfter);
        Assert.False(item.Present);
        Assert.Contains("estimate", item.Messages[0]);
    }

    [Fact]
    public void UnitlessNumbersAreNotMeasurements()
    {
        Assert.False(Review.Present("Load average on the box went from 24 to 64 during the run.", ItemKind.BeforeAfter));
    }

    [Fact]
    public void VersionBumpsAreNotMeasurements()
    {
        Assert.False(Review.Present("Bumps lib from 1.2.3 to 1.2.4 and threshold 10 → 150 lines.", ItemKind.BeforeAfter));
    }
}
