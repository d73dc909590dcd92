using PrReviewBot.Core.Items.BeforeAfter;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

/// <summary>
/// Before/after in the looser wordings people use: a figure in brackets after its side label, a qualifier or a noun
/// between "from"/"to" and the figure, the old value in brackets a few words later, a comparison after a claim, a
/// legend that gives the order of the sides once, "this PR" among several changes, a cache's two states, and a bare
/// number closing the clause that opens with the after cue.
/// </summary>
public class BeforeAfterWordingsTests
{
    [Theory]
    // a side label with its figure in brackets, a screenshot under each
    [InlineData("Before (2.4 MB):\n\n![old](https://img.example/old.png)\n\nAfter (910 kB):\n\n![new](https://img.example/new.png)", 2.4e6, 910e3)]
    [InlineData("Avant **(88 fps)** :\n<img width=\"900\" src=\"https://img.example/a.png\" />\n\nAprès **(120 fps)** :\n<img width=\"900\" src=\"https://img.example/b.png\" />", 88, 120)]
    // a qualifier, an article or a noun between the preposition and the figure
    [InlineData("Sharing the warm cache takes the lint job from over 9 mins to about 3 mins.", 540, 180)]
    [InlineData("On a large tenant that went from a 720ms request to roughly 240ms.", 0.72, 0.24)]
    // Italian from/to
    [InlineData("Con l'indice il tempo di risposta passa da 640 ms a 85 ms.", 0.64, 0.085)]
    // the old value in brackets a few words after the new one
    [InlineData("The cold start now takes ~1.9 s with the deferred plugins (it was ~2.6 s).", 2.6, 1.9)]
    // a comparison in brackets right after a claim: the claimed side first
    [InlineData("Workers need 40% less memory (3.1 GB vs 5.2 GB) with the compact index.", 5.2e9, 3.1e9)]
    // a bare number closing the clause that opens with the after cue takes the other side's unit
    [InlineData("Rendering the feed used to issue about 310 queries. With this change it issues 4.", 310, 4)]
    // a cache's two states
    [InlineData("Uncached, the image build needs around 11 minutes; with the cache, around 4.", 660, 240)]
    public void LooseWordings_ArePairs(string body, double before, double after)
    {
        var verdict = Review.Of(body);
        var item = verdict.Item(ItemKind.BeforeAfter);
        Assert.True(item.Present, string.Join(" | ", item.Messages));
        // The values as written may be in another unit than the expected ones; their ratio is the same.
        var m = verdict.Measurements[0];
        Assert.Equal(before / after, m.Before / m.After, 3);
    }

    [Fact]
    public void ALegendInTheLeadIn_GivesTheOrderOfEveryLine()
    {
        const string body = """
            Timings on the staging box (new / old):
            - Search page: 420ms / 1310ms
            - Export: 2.2s / 2.9s
            """;
        var verdict = Review.Of(body);
        Assert.Equal(2, verdict.Measurements.Count);
        Assert.All(verdict.Measurements, m => Assert.True(m.After < m.Before));
    }

    [Fact]
    public void ALegendThatNamesNoSides_IsNotRead()
    {
        const string body = """
            Timings on the staging box (reads / writes):
            - Search page: 420ms / 1310ms
            """;
        Assert.False(Review.Of(body).Item(ItemKind.BeforeAfter).Present);
    }

    [Fact]
    public void AmongRowsForSeveralChanges_ThisPrIsTheAfterSide()
    {
        const string body = """
            | | Import time |
            | --- | ---: |
            | Before #301 (https://example.org/pull/301) | 95 s |
            | With #301 | 40 s |
            | This PR (on top of #301) | 12 s |
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((95.0, 12.0), (m.Before, m.After));
    }

    [Theory]
    [InlineData("trunk plus this patch", true)]
    [InlineData("This PR (stacked on #12)", true)]
    [InlineData("before this PR", false)]
    [InlineData("without this patch", false)]
    public void ALabelNamingThisChange_IsTheAfterSide(string label, bool after) =>
        Assert.Equal(after, Sides.NamesThisChange(label));

    [Fact]
    public void SideFiguresInBrackets_ThatAreTheSameOnBothSides_SayHowEachWasMeasured()
    {
        const string body = """
            Before (3 runs of 60 s):

            ![a](https://img.example/a.png)

            After (3 runs of 60 s):

            ![b](https://img.example/b.png)
            """;
        Assert.False(Review.Of(body).Item(ItemKind.BeforeAfter).Present);
    }

    [Fact]
    public void ATableWithExtraColumns_ReadsTheColumnNamedForEachSide()
    {
        const string body = """
            ```
                         case    baseline    contender   change %   notes
            0    decode/small   41.0 MB/s    55.5 MB/s     35.366   {'runs': 3}
            1    decode/large   39.2 MB/s    51.0 MB/s     30.102   {'runs': 3}
            ```
            """;
        Assert.Equal(2, Review.Of(body).Measurements.Count);
    }

    [Fact]
    public void ListLinesOfPlainCounts_UnderALeadInNamingWhatTheyCount_Pair()
    {
        const string body = """
            Round trips per checkout on the demo store:

            * last release: 38
            * main: 61
            * main with this patch: 9
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((61.0, 9.0), (m.Before, m.After));
    }

    [Fact]
    public void RunsMarkedByNamesALegendGivesOnce_Pair()
    {
        const string body = """
            ## Cold start (run A = baseline, run B = patched)

            ```
            run A  ./server --check   exit 0   4.8s
            run B  ./server --check   exit 0   1.9s
            ```
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((4.8, 1.9), (m.Before, m.After));
    }

    [Fact]
    public void CommaSeparatedOutputPerSide_PairsTheLastRowsColumnsThatCarryAUnit()
    {
        const string body = """
            Ingest with one writer.

            変更前:
            ```
            ts,batch total,overall docs/s
            1700000000,1000,410.5
            1700000010,2000,402.0
            ```

            変更後:
            ```
            ts,batch total,overall docs/s
            1700000100,1000,655.0
            1700000110,2000,661.5
            ```
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((402.0, 661.5), (m.Before, m.After));
    }

    [Fact]
    public void ABaseLine_AndALineNamedByWhatTheTitleDoes_Pair()
    {
        const string body = """
            Measured with a file copy benchmark:

            trunk: 410 MB/s
            mmap-reads: 980 MB/s
            """;
        var m = Assert.Single(Review.Of(body, title: "Read segments through mmap").Measurements);
        Assert.Equal((410.0, 980.0), (m.Before, m.After));
        // A line the title does not name is not the change's.
        Assert.Empty(Review.Of(body, title: "Tidy the reader").Measurements);
    }

    [Fact]
    public void ARangeInSquareBrackets_ReadsAsItsMidpoint()
    {
        var m = Assert.Single(Review.Of("Local run: [40-60]ms -> 5ms").Measurements);
        Assert.Equal((50.0, 5.0), (m.Before, m.After));
    }

    [Theory]
    // Korean and Japanese from/to, with a counter after each figure
    [InlineData("목록 화면의 쿼리 수를 52개에서 7개로 줄였습니다.", 52, 7)]
    [InlineData("ビルド時間は 95 秒から 40 秒に短縮されました。", 95, 40)]
    public void FromToInKoreanAndJapanese_Pair(string body, double before, double after)
    {
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((before, after), (m.Before, m.After));
    }

    [Fact]
    public void AFirmwareSizeReportInHexadecimal_PairsAcrossSides()
    {
        const string body = """
            Before:

            ```
            app.bin binary size 0x20000 bytes. Smallest partition is 0x40000 bytes.
            ```

            After:

            ```
            app.bin binary size 0x1c000 bytes. Smallest partition is 0x40000 bytes.
            ```
            """;
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((131072.0, 114688.0), (m.Before, m.After));
    }

    [Fact]
    public void AsvCompare_WithMicrosecondsWrittenWithTheGreekMu_Pairs()
    {
        const string body = "```\n       before           after         ratio\n     [1a2b3c4d]       [5e6f7a8b]\n-      41.5±0.2\u03bcs       30.1±0.1\u03bcs     0.73  bench_parse.time_small\n```";
        var m = Assert.Single(Review.Of(body).Measurements);
        Assert.Equal((41.5, 30.1), (m.Before, m.After));
    }
}
