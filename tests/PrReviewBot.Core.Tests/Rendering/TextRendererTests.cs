using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Rendering;
using static PrReviewBot.Core.Tests.Rendering.SampleVerdicts;

namespace PrReviewBot.Core.Tests.Rendering;

public class TextRendererTests
{
    [Fact]
    public void FailingVerdict_HasHeadline_ItemLinesWithMarks_AndMessages()
    {
        var text = TextRenderer.Render(TwoMissing());
        var lines = text.Split('\n');

        Assert.Equal("✗ Performance review: 2 of 5 items missing", lines[0]);
        Assert.Contains("  ✓ Constraint            p95 < 80ms · #412", lines);
        Assert.Contains("  ✗ Profile evidence", lines);
        Assert.Contains("      - no flamegraph, trace or profiler output found", lines);
        Assert.Contains("    warning load_test_too_short: the load test ran 30 s; the process asks for at least 60 s sustained", lines);
        Assert.DoesNotContain(lines, l => l.EndsWith(' '));
    }

    [Fact]
    public void PassingAndSkippedVerdicts_SaySo()
    {
        Assert.StartsWith("✓ Performance review: All 5 items present", TextRenderer.Render(AllPresent()));
        Assert.StartsWith("– Performance review: Not an optimization PR", TextRenderer.Render(NotOptimization()));
    }

    [Fact]
    public void ShadowMode_SaysItWouldNotBlock()
    {
        var text = TextRenderer.Render(TwoMissing(ReviewMode.Shadow));
        Assert.StartsWith("! Performance review: 2 of 5 items missing (shadow mode)", text);
        Assert.Contains("would not block merging", text);
    }

    [Fact]
    public void TerminalEscapeSequencesFromThePr_AreRemoved()
    {
        var verdict = TwoMissing() with
        {
            Items = ItemKinds.All.Select(k => Fail(k, "evil \u001B]0;pwned\u0007 \u001B[2J message")).ToList(),
            Findings = [Finding(FindingIds.BundledOptimizations, Severity.Error, "\u001B[31mred\u001B[0m")],
        };
        var text = TextRenderer.Render(verdict);
        Assert.DoesNotContain('\u001B', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.Contains("    error   bundled_optimizations:", text);
    }
}
