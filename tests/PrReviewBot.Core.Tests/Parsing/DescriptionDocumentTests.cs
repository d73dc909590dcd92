using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Tests.Parsing;

public class DescriptionDocumentTests
{
    [Fact]
    public void HeadingsBoldLabelsAndListLabels_OpenSections()
    {
        const string body = """
            ## Constraint / SLO
            p95 < 80 ms

            **Rollback:** set `x_y=false`

            - Monitoring: https://grafana.example.com/d/abc/x
            - Profile: n/a
            """;
        var doc = DescriptionDocument.Parse(body);
        Assert.Equal([ItemKind.Constraint, ItemKind.Rollback, ItemKind.Monitoring, ItemKind.Profile], doc.Sections.SelectMany(s => s.Kinds));
        Assert.True(doc.Sections.Single(s => s.Kinds.Contains(ItemKind.Profile)).IsEmpty);
        Assert.False(doc.Sections.Single(s => s.Kinds.Contains(ItemKind.Constraint)).IsEmpty);
    }

    [Fact]
    public void SeveralLabelsInOneParagraph_AreSeparateSections()
    {
        var doc = DescriptionDocument.Parse("**Target:** —\n**Profile:** —\n**Benchmark:** see below");
        Assert.Equal(3, doc.Sections.Count);
        Assert.True(doc.Sections[0].IsEmpty);
        Assert.True(doc.Sections[1].IsEmpty);
        Assert.False(doc.Sections[2].IsEmpty);
    }

    [Theory]
    [InlineData("N/A")]
    [InlineData("n/a")]
    [InlineData("TODO")]
    [InlineData("TBD")]
    [InlineData("—")]
    [InlineData("_none_")]
    [InlineData("❌ not set")]
    [InlineData("<Issue number if applicable>")]
    [InlineData("Fixes # (issue)")]
    [InlineData("N/A (backport)")]
    public void TemplateLeftovers_CountAsEmpty(string leftover) => Assert.True(Leftovers.IsPlaceholder(leftover));

    [Theory]
    [InlineData("p95 < 80 ms")]
    [InlineData("flag `x`")]
    [InlineData("Revert the commit if needed")]
    public void RealContent_IsNotALeftover(string content) => Assert.False(Leftovers.IsPlaceholder(content));

    [Fact]
    public void HtmlCommentsAreDropped()
    {
        var doc = DescriptionDocument.Parse("### Target\n<!-- e.g. p95 < 80ms -->\n");
        Assert.True(doc.Sections.Single().IsEmpty);
        Assert.DoesNotContain(doc.Blocks, b => b.Text.Contains("p95", StringComparison.Ordinal));
    }

    [Fact]
    public void ImagesInHtmlAreLinks()
    {
        var doc = DescriptionDocument.Parse("<img width=\"100\" alt=\"profiler before\" src=\"https://example.com/a.png\">");
        var link = Assert.Single(doc.Links);
        Assert.True(link.IsImage);
        Assert.Equal("profiler before", link.Text);
    }
}
