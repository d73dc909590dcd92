using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Tests.Parsing;

public class UnifiedDiffTests
{
    private const string Diff = """
        diff --git a/src/feed.go b/src/feed.go
        index 1111111..2222222 100644
        --- a/src/feed.go
        +++ b/src/feed.go
        @@ -10,3 +10,5 @@ func Load() {
         old line
        -removed()
        +if flags.Enabled("feed_batch_query") {
        +    return batched()
        +}
        diff --git a/docs/old.md b/docs/old.md
        deleted file mode 100644
        --- a/docs/old.md
        +++ /dev/null
        @@ -1 +0,0 @@
        -gone
        """;

    [Fact]
    public void AddedLinesAreCollectedPerFile()
    {
        var text = UnifiedDiff.AddedText(Diff);
        Assert.Contains("feed_batch_query", text["src/feed.go"]);
        Assert.DoesNotContain("removed()", text["src/feed.go"]);
        Assert.Equal(string.Empty, text["docs/old.md"]);
    }

    [Fact]
    public void GarbageIsNotACrash() => Assert.Empty(UnifiedDiff.AddedText("+++\n+x\n--- \n\u0000"));
}
