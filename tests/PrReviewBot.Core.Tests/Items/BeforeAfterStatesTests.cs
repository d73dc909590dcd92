using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

/// <summary>
/// Before/after written as the two states of a switch (on/off, enabled/disabled, with/without), as side words around a
/// number, or as "instead of" and a value that went back: the general forms, in our own words.
/// </summary>
public class BeforeAfterStatesTests
{
    private static Measurement Single(Verdict verdict)
    {
        Assert.True(verdict.Item(ItemKind.BeforeAfter).Present, string.Join(" | ", verdict.Item(ItemKind.BeforeAfter).Messages));
        return verdict.Measurements.First();
    }

    [Fact]
    public void StateColumns_EitherWayRound_AreBeforeAndAfter()
    {
        const string body = """
            | query | `compression=on` (cold) | `compression=off` |
            |---|---|---|
            | export | 5400 ms | 610 ms |
            """;
        // Turning compression off is the change: the "on" column is the old state.
        var m = Single(Review.Of(body, title: "Turn off compression for exports"));
        Assert.Equal((5400.0, 610.0), (m.Before, m.After));
        // Where the change is not a switching off, off reads as the old state.
        var other = Single(Review.Of(body, title: "Tune exports"));
        Assert.Equal((610.0, 5400.0), (other.Before, other.After));
    }

    [Fact]
    public void BlocksLedByTheStateOfASwitch_Pair()
    {
        const string body = """
            **Prefetch disabled**
            ```
            cold start 4.1s
            ```

            **Prefetch enabled**
            ```
            cold start 2.6s
            ```
            """;
        var m = Single(Review.Of(body));
        Assert.Equal((4.1, 2.6), (m.Before, m.After));
    }

    [Fact]
    public void ListLines_NameTheirSideAroundTheNumber()
    {
        const string body = """
            Bundle sizes from the build output:

            - `main.js` first load: 2.4 MB before
            - with the icons split out: 1.7 MB
            """;
        var m = Single(Review.Of(body));
        Assert.Equal((2.4, 1.7), (m.Before, m.After));
    }

    [Fact]
    public void NumberFirstLines_WithAndWithout_Pair()
    {
        const string body = """
            - **12 seconds** with the warm pool: https://ci.example.com/runs/81
            - **41 seconds** without the warm pool: https://ci.example.com/runs/80
            """;
        var m = Single(Review.Of(body));
        Assert.Equal((41.0, 12.0), (m.Before, m.After));
    }

    [Fact]
    public void ArrowLabelledLines_WithSwitchStates_Pair()
    {
        const string body = """
            > Pixel 7 / turbo off → 1.84 sec.
            > Pixel 7 / turbo on → 0.61 sec.
            """;
        var m = Single(Review.Of(body, title: "Enable turbo mode"));
        Assert.Equal((1.84, 0.61), (m.Before, m.After));
    }

    [Theory]
    [InlineData("The nightly import now takes 40 seconds instead of 95.", 95.0, 40.0)]
    [InlineData("Indexing time goes from ~30 minutes (see the last run: https://ci.example.com/r/5) to ~18 minutes.", 30.0, 18.0)]
    [InlineData("Instructions retired went from 1,204,332,100 to 998,100,223 in the replay.", 1204332100.0, 998100223.0)]
    [InlineData("With the bloom filter the scan takes 14 minutes; without it, about 40.", 40.0, 14.0)]
    [InlineData("A page render takes about 3200 ms. Once the template cache is warm again it is back to 150 ms.", 3200.0, 150.0)]
    public void ProseForms_AreMeasurements(string body, double before, double after)
    {
        var m = Single(Review.Of(body));
        Assert.Equal((before, after), (m.Before, m.After));
    }

    [Theory]
    [InlineData("Run 4 workers instead of 8 on the small runners.")]
    [InlineData("The replica count goes from 3 to 5 during the sale.")]
    [InlineData("Load average went from 12 to 30 while the job ran, so no numbers yet.")]
    [InlineData("A page should render in about 200 ms; today it is nowhere near.")]
    [InlineData("We shrank the batch from 1000 to 100 and removed two queries.")]
    public void SettingsAndGoals_AreNotMeasurements(string body)
    {
        Assert.False(Review.Of(body).Item(ItemKind.BeforeAfter).Present);
    }

    [Fact]
    public void InitialAndOptimizedColumns_AreSides()
    {
        const string body = """
            | benchmark | Initial ops/s | Optimized ops/s |
            |---|---|---|
            | parse | 120000 | 185000 |
            """;
        var m = Single(Review.Of(body));
        Assert.Equal((120000.0, 185000.0), (m.Before, m.After));
    }

    [Fact]
    public void TwoRows_OneLackingWhatTheOtherHas_AreBeforeAndAfter()
    {
        const string body = """
            | build | cold start | p90 |
            |---|---|---|
            | interpreted, no snapshot | 910 ms | 1400 ms |
            | with the startup snapshot | 520 ms | 700 ms |
            """;
        var verdict = Review.Of(body);
        Assert.True(verdict.Item(ItemKind.BeforeAfter).Present);
        Assert.Contains(verdict.Measurements, m => (m.Before, m.After) == (910.0, 520.0));
    }

    [Fact]
    public void TwoRowsThatLackDifferentThings_AreNotAPair()
    {
        const string body = """
            | setup | cold start |
            |---|---|
            | no snapshot | 910 ms |
            | no cache | 870 ms |
            """;
        Assert.False(Review.Of(body).Item(ItemKind.BeforeAfter).Present);
    }

    [Fact]
    public void JsonMetricRecords_PerSide_Pair()
    {
        const string body = """
            baseline
            ```json
            {"values": {"mean": 48.2, "p99": 130.5}, "unit": "ms", "tags": {"name": "CheckoutLatency"}}
            ```

            with this PR
            ```json
            {"values": {"mean": 31.0, "p99": 84.1}, "unit": "ms", "tags": {"name": "CheckoutLatency"}}
            ```
            """;
        var verdict = Review.Of(body);
        Assert.True(verdict.Item(ItemKind.BeforeAfter).Present, string.Join(" | ", verdict.Item(ItemKind.BeforeAfter).Messages));
        Assert.Contains(verdict.Measurements, m => (m.Before, m.After, m.Unit) == (130.5, 84.1, "ms"));
    }

    [Fact]
    public void SideBySideColumnsWithoutRowLabels_Pair()
    {
        const string body = """
            Import of the sample catalogue, upstream main vs. this PR:

            ```
                  upstream main                this PR
            88.4 seconds                 51.0 seconds
            2.31 GiB                     0.92 GiB
            ```
            """;
        var verdict = Review.Of(body);
        Assert.Contains(verdict.Measurements, m => (m.Before, m.After) == (88.4, 51.0));
    }

    [Fact]
    public void RuledTextTable_WithSidePrefixedColumns_Pairs()
    {
        const string body = """
            ```
            Suite       Old Runs/min    New Runs/min    Old Time (ms)       New Time (ms)
            ----------  --------------  --------------  ------------------  ------------------
            Checkout    410 ± 3         455 ± 4         7020.5 ± 31.2       6310.0 ± 20.9
            ```
            """;
        var verdict = Review.Of(body);
        Assert.True(verdict.Item(ItemKind.BeforeAfter).Present, string.Join(" | ", verdict.Item(ItemKind.BeforeAfter).Messages));
        Assert.Contains(verdict.Measurements, m => (m.Before, m.After) == (7020.5, 6310.0));
    }

    [Fact]
    public void SettingNamedAsAPath_IsASwitch()
    {
        const string body = """
            ## Rollback
            Streaming is controlled by the project setting `network/streaming/enable_chunked`. Set it to `false` and the loader goes back to reading whole files, as before.
            """;
        Assert.True(Review.Present(body, ItemKind.Rollback), string.Join(" | ", Review.Item(body, ItemKind.Rollback).Messages));
    }

    [Fact]
    public void ValueUnderTheOldDefault_ThenOneWithTheNewSetting_Pair()
    {
        // The cue after each number is its own; "default" inside the before cue does not make the second value a setting.
        var m = Single(Review.Of("Worst request in the soak run: 310 ms under the old default, 95 ms with `eager_flush`.", title: "perf: flush eagerly"));
        Assert.Equal((310.0, 95.0), (m.Before, m.After));
        Assert.Equal("ms", m.Unit);

        // Without a before cue, "with X" alone names no side.
        var none = Review.Of("Worst request in the soak run: 310 ms, 95 ms with `eager_flush`.", title: "perf: flush eagerly");
        Assert.False(none.Item(ItemKind.BeforeAfter).Present);
    }

    [Fact]
    public void ColumnsNamedByTheDefaultAndByTheSettingTheTitleNames_Pair()
    {
        const string body = """
            Resident memory of the worker, read ten minutes after start:

            | process | stock default | `THREAD_STACK_KB=256` |
            |---|---|---|
            | worker | 1,200 MB | 950 MB |
            """;
        var m = Single(Review.Of(body, title: "perf: run the worker with THREAD_STACK_KB=256"));
        Assert.Equal((1200.0, 950.0), (m.Before, m.After));

        // Columns named by two values and nothing that says which is the change's: no pair.
        var unknown = Review.Of(body.Replace("stock default", "`THREAD_STACK_KB=1024`"), title: "perf: tune the worker");
        Assert.False(unknown.Item(ItemKind.BeforeAfter).Present);
    }

    [Fact]
    public void RowsNamedByTheConfigurationTheyRan_PairByTheValueTheTitleNames()
    {
        const string body = """
            | host | parser | parse time | peak heap |
            |---|---|---|---|
            | ci-a | yajl | 140 ms | 90 MB |
            | ci-b | stdlib | 410 ms | 160 MB |
            | ci-c | stdlib | 405 ms | 158 MB |
            """;
        var verdict = Review.Of(body, title: "perf: parse with yajl instead of the stdlib parser");
        Assert.True(verdict.Item(ItemKind.BeforeAfter).Present);
        Assert.Contains(verdict.Measurements, m => m is { Before: 410, After: 140, Unit: "ms" });

        // "instead of X" in the title makes X the old value even though the title names both.
        var reversed = Review.Of(body, title: "perf: parse with the stdlib parser instead of yajl");
        Assert.Contains(reversed.Measurements, m => m is { Before: 140, After: 410 });
    }
}
