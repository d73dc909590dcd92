using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Tests.Parsing;

/// <summary>How prose is cut into sentences: at sentence ends and line ends, but not inside a hard-wrapped sentence.</summary>
public class SentencesTests
{
    [Fact]
    public void AHardWrappedSentence_IsOneSentence()
    {
        var parts = Sentences.Of("If the cache misbehaves, restart the worker with\n--no-warm-cache. Lookups then go to the database.").ToList();
        Assert.Equal(["If the cache misbehaves, restart the worker with --no-warm-cache.", "Lookups then go to the database."], parts);
    }

    [Fact]
    public void ALineEndingOnAComma_ContinuesOnTheNext()
    {
        var parts = Sentences.Of("When the queue is longer than the batch size,\nthe worker flushes early.").ToList();
        Assert.Equal(["When the queue is longer than the batch size, the worker flushes early."], parts);
    }

    [Theory]
    // labelled lines, list items and short lines stay lines of their own
    [InlineData("Before: 20 ms\nAfter: 12 ms", 2)]
    [InlineData("The slow paths we found, in order of cost:\n- the parser\n- the encoder", 3)]
    [InlineData("Numbers on the old build and\n| a | b |", 2)]
    [InlineData("old, new\n20 ms, 12 ms", 2)]
    public void LinesThatAreNotAWrappedSentence_StaySeparate(string text, int count)
    {
        Assert.Equal(count, Sentences.Of(text).Count());
    }
}
