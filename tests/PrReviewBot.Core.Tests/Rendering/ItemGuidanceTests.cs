using Markdig;
using Markdig.Syntax;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Rendering;

namespace PrReviewBot.Core.Tests.Rendering;

public class ItemGuidanceTests
{
    [Fact]
    public void EveryItem_HasOneEntry()
    {
        Assert.Equal(ItemKinds.All, ItemGuidance.All.Select(g => g.Kind));
    }

    [Theory]
    [InlineData(ItemKind.Constraint, "Gate 1")]
    [InlineData(ItemKind.Profile, "Gate 3")]
    [InlineData(ItemKind.BeforeAfter, "60 s sustained")]
    [InlineData(ItemKind.Rollback, "Gate 5")]
    [InlineData(ItemKind.Monitoring, "A target without a dashboard is a wish")]
    public void Why_IsGroundedInTheProcess(ItemKind kind, string processWords)
    {
        Assert.Contains(processWords, ItemGuidance.For(kind).Why);
    }

    [Theory]
    [InlineData(ItemKind.Constraint, "## Constraint")]
    [InlineData(ItemKind.Profile, "## Profile")]
    [InlineData(ItemKind.BeforeAfter, "## Before/after")]
    [InlineData(ItemKind.Rollback, "## Rollback")]
    [InlineData(ItemKind.Monitoring, "## Monitoring")]
    public void Example_IsASectionAnAuthorCanPaste(ItemKind kind, string heading)
    {
        var example = ItemGuidance.For(kind).Example;
        Assert.StartsWith(heading + "\n", example);
        var doc = Markdown.Parse(example);
        Assert.IsType<HeadingBlock>(doc[0]);
        Assert.True(doc.Count >= 2);
    }
}
