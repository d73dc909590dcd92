using PrReviewBot.Core.Config;
using PrReviewBot.Core.Rendering;
using PrReviewBot.Work;

namespace PrReviewBot.Tests.Work;

public class ReviewRenderingTests
{
    [Fact]
    public void CommentOverGitHubsLimit_IsCutWithALinkAndKeepsItsMarker()
    {
        var body = CommentRenderer.Marker + "\n" + string.Join("\n", Enumerable.Range(0, 20_000).Select(i => $"- line {i}"));

        var fitted = ReviewRendering.FitComment(body, "https://bot.example.com/report/o/r/1");

        Assert.True(fitted.Length <= ReviewRendering.MaxCommentLength);
        Assert.StartsWith(CommentRenderer.Marker, fitted);
        Assert.Contains("https://bot.example.com/report/o/r/1", fitted);
    }

    [Fact]
    public void CommentWithItsMarkerAtTheEnd_KeepsTheMarkerWhenCut()
    {
        var body = new string('x', 70_000) + "\n" + CommentRenderer.Marker;

        var fitted = ReviewRendering.FitComment(body, null);

        Assert.True(fitted.Length <= ReviewRendering.MaxCommentLength);
        Assert.Contains(CommentRenderer.Marker, fitted);
    }

    [Fact]
    public void ShortComment_IsLeftAlone()
    {
        var body = CommentRenderer.Marker + "\nAll five items present.";

        Assert.Equal(body, ReviewRendering.FitComment(body, null));
    }

    [Fact]
    public void ConfigError_FailsAndNamesFileAndLine()
    {
        var output = ReviewRendering.ConfigError([new ConfigError(".github/perf-review.yml", 7, 3, "unknown key `requird`")]);

        Assert.Equal(CheckConclusion.Failure, output.Conclusion);
        Assert.Contains(".github/perf-review.yml:7:3", $"{output.Title}\n{output.Summary}\n{output.Text}");
    }

    [Fact]
    public void StatusDescription_FitsInACommitStatus()
    {
        var output = new CheckOutput(new string('a', 300), "", "", CheckConclusion.Failure);

        Assert.True(ReviewRendering.StatusDescription(output).Length <= 140);
    }

    [Fact]
    public void Fingerprint_ChangesWithAnyPart()
    {
        Assert.Equal(ReviewRendering.Fingerprint("a", "b"), ReviewRendering.Fingerprint("a", "b"));
        Assert.NotEqual(ReviewRendering.Fingerprint("a", "b"), ReviewRendering.Fingerprint("a", "c"));
        Assert.NotEqual(ReviewRendering.Fingerprint("ab", null), ReviewRendering.Fingerprint("a", "b"));
    }
}
