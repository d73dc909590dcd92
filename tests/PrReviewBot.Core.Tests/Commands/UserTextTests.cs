using PrReviewBot.Core.Commands;

namespace PrReviewBot.Core.Tests.Commands;

public class UserTextTests
{
    private const string Zwsp = "\u200B";

    [Theory]
    [InlineData("@octocat", "@" + Zwsp + "octocat")]
    [InlineData("@acme/backend-team", "@" + Zwsp + "acme/backend\\-team")]
    [InlineData("mail me: a@b.example", "mail me: a@" + Zwsp + "b.example")]
    public void Mentions_CannotPing(string text, string expected)
    {
        Assert.Equal(expected, UserText.Escape(text));
    }

    [Theory]
    [InlineData("see #123", "see \\#" + Zwsp + "123")]
    [InlineData("acme/repo#7", "acme/repo\\#" + Zwsp + "7")]
    [InlineData("# Heading", "\\# Heading")]
    public void IssueReferencesAndHeadings_AreInert(string text, string expected)
    {
        Assert.Equal(expected, UserText.Escape(text));
    }

    [Theory]
    [InlineData("https://evil.example/x", "https:" + Zwsp + "//evil.example/x")]
    [InlineData("www.evil.example", "www" + Zwsp + ".evil.example")]
    [InlineData("[click](https://evil.example)", "\\[click\\]\\(https:" + Zwsp + "//evil.example\\)")]
    [InlineData("![img](x.png)", "\\!\\[img\\]\\(x.png\\)")]
    public void Links_AreNotLinks(string text, string expected)
    {
        Assert.Equal(expected, UserText.Escape(text));
    }

    [Theory]
    [InlineData("<!-- prreviewbot:perf-review -->", "&lt;\\!\\-\\- prreviewbot:perf\\-review \\-\\-&gt;")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;")]
    [InlineData("&lt;b&gt;", "&amp;lt;b&amp;gt;")]
    public void Html_AndEntities_AreText(string text, string expected)
    {
        Assert.Equal(expected, UserText.Escape(text));
    }

    [Theory]
    [InlineData("**bold** _it_ ~~gone~~", "\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~")]
    [InlineData("| a | b |", "\\| a \\| b \\|")]
    [InlineData("`code`", "\\`code\\`")]
    [InlineData("- item", "\\- item")]
    [InlineData("1. item", "1\\. item")]
    [InlineData("> quote", "&gt; quote")]
    [InlineData("a\\b", "a\\\\b")]
    public void MarkdownStructure_IsEscaped(string text, string expected)
    {
        Assert.Equal(expected, UserText.Escape(text));
    }

    [Fact]
    public void LinesCollapse_AndControlAndBidiCharactersGo()
    {
        Assert.Equal("one two three", UserText.Escape("one\n\n## two\r\n\tthree".Replace("## ", string.Empty, StringComparison.Ordinal)));
        Assert.Equal("abc", UserText.Clean("a\u0000b\u202Ec\u2066"));
        Assert.Equal("x \uFFFD y", UserText.Clean("x \uD800 y"));
    }

    [Fact]
    public void CjkAndRtlText_IsKept()
    {
        Assert.Equal("性能很慢 بطيء", UserText.Escape("性能很慢 بطيء"));
    }

    [Fact]
    public void Length_IsCappedWithoutSplittingAPair()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 50));

        var cut = UserText.Escape(text, 11);

        Assert.True(cut.Length <= 11);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.Equal("😀😀😀😀😀…", cut);
    }

    [Fact]
    public void Prose_KeepsCodeSpansAndEscapesTheRest()
    {
        Assert.Equal("Use `WHERE id = ANY($1)` for @" + Zwsp + "bob's \\[query\\]", UserText.Prose("Use `WHERE id = ANY($1)` for @bob's [query]"));
        Assert.Equal("`a\\|b` \\| c", UserText.Prose("`a|b` | c", inTable: true));
        Assert.Equal("\\`unclosed @" + Zwsp + "x", UserText.Prose("`unclosed @x"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_StaysNothing(string? text)
    {
        Assert.Equal(string.Empty, UserText.Escape(text));
    }
}
