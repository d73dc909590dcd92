using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PrReviewBot.Core.Rendering;

namespace PrReviewBot.Core.Tests.Rendering;

public class MarkdownTextTests
{
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    [Fact]
    public void Escape_KeepsOrdinaryTextReadable()
    {
        Assert.Equal("p95 latency 240ms → 80ms at 2,500 RPS", MarkdownText.Escape("p95 latency 240ms → 80ms at 2,500 RPS"));
    }

    [Theory]
    [InlineData("a | b", "a \\| b")]
    [InlineData("line one\nline two\r\nthree", "line one line two three")]
    [InlineData("@octocat please", "@\u200Boctocat please")]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;")]
    [InlineData("&#64;octocat", "&amp;\\#\u200B64;octocat")]
    [InlineData("[click](javascript:alert(1))", "\\[click\\]\\(javascript:alert\\(1\\)\\)")]
    [InlineData("**bold** _it_ ~~gone~~ `code`", "\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\`")]
    [InlineData("# heading", "\\# heading")]
    [InlineData("- item", "\\- item")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("2) second", "2\\) second")]
    [InlineData("$x^2$", "\\$x\\^2\\$")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("feed #412 and a-b+c", "feed \\#\u200B412 and a\\-b\\+c")]
    public void Escape_NeutralisesMarkdownHtmlAndMentions(string input, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(input));
    }

    [Theory]
    [InlineData("https://evil.example/x", "https:\u200B//evil.example/x")]
    [InlineData("see https://grafana.example.com/d/feed_p95.", "see https:\u200B//grafana.example.com/d/feed\\_p95.")]
    [InlineData("www.evil.example", "www\u200B.evil.example")]
    [InlineData("[click](https://evil.example)", "\\[click\\]\\(https:\u200B//evil.example\\)")]
    [InlineData("![img](x.png)", "\\!\\[img\\]\\(x.png\\)")]
    public void Escape_LinksAreNotLinks(string input, string expected)
    {
        // GitHub turns a URL to an issue into a cross-reference, like #123: echoed text links nowhere.
        Assert.Equal(expected, MarkdownText.Escape(input));
    }

    [Theory]
    [InlineData("@octocat", "@\u200Boctocat")]
    [InlineData("@acme/backend-team", "@\u200Bacme/backend\\-team")]
    [InlineData("mail me: a@b.example", "mail me: a@\u200Bb.example")]
    [InlineData("@\u200Boctocat", "@\u200Boctocat")]
    public void Escape_MentionsAndTeamPingsCannotPing(string input, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(input));
    }

    [Theory]
    [InlineData("see #123", "see \\#\u200B123")]
    [InlineData("acme/repo#7", "acme/repo\\#\u200B7")]
    [InlineData("# Heading", "\\# Heading")]
    public void Escape_IssueReferencesAndHeadingsAreInert(string input, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(input));
    }

    [Theory]
    [InlineData("<!-- prreviewbot:perf-review -->", "&lt;\\!\\-\\- prreviewbot:perf\\-review \\-\\-&gt;")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;")]
    [InlineData("&lt;b&gt;", "&amp;lt;b&amp;gt;")]
    [InlineData("> quote", "&gt; quote")]
    public void Escape_HtmlEntitiesAndHiddenMarkersAreText(string input, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(input));
    }

    [Fact]
    public void Escape_KeepsCjkAndRightToLeftText()
    {
        Assert.Equal("性能很慢 بطيء", MarkdownText.Escape("性能很慢 بطيء"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u202E\u2066")]
    public void Escape_NothingStaysNothing(string? input)
    {
        Assert.Equal(string.Empty, MarkdownText.Escape(input));
    }

    [Fact]
    public void Plain_IsOneLineWithoutControlOrFormatCharacters_AndIsNotEscaped()
    {
        Assert.Equal("a b* c", MarkdownText.Plain("a\n\nb*\r\n\tc"));
        Assert.Equal("a bc", MarkdownText.Plain("a\u0000b\u202Ec\u2066"));
        Assert.Equal("x \uFFFD y", MarkdownText.Plain("x \uD800 y"));
    }

    [Fact]
    public void Escape_DropsControlAndBidiOverrideCharacters_KeepsRightToLeftText()
    {
        Assert.Equal("a b c bc", MarkdownText.Escape("a\u0000b\u001Bc b\u202Ec\u2066"));
        Assert.Equal("زمن الاستجابة 性能", MarkdownText.Escape("زمن الاستجابة\t性能"));
    }

    [Fact]
    public void Escape_CutsLongTextWithoutSplittingASurrogatePair()
    {
        var text = new string('a', 9) + "😀😀😀";
        var cut = MarkdownText.Escape(text, 10);
        Assert.EndsWith("…", cut);
        Assert.DoesNotContain('\uD83D', cut);
        Assert.Equal(new string('a', 9) + "…", cut);
        Assert.Equal("😀😀😀😀😀…", MarkdownText.Escape(string.Concat(Enumerable.Repeat("😀", 50)), 11));
    }

    [Fact]
    public void Escape_ReplacesLoneSurrogates()
    {
        Assert.Equal("a\uFFFDb", MarkdownText.Escape("a\uD800b"));
    }

    [Theory]
    [InlineData("feed_l1_cache", "`feed_l1_cache`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x", "`` `x ``")]
    public void Code_PicksAFenceTheTextCannotClose(string input, string expected)
    {
        Assert.Equal(expected, MarkdownText.Code(input));
    }

    [Fact]
    public void Code_InTable_EscapesPipes()
    {
        Assert.Equal("`a\\|b`", MarkdownText.Code("a|b", inTable: true));
    }

    [Fact]
    public void Prose_KeepsCodeSpans_EscapesTheRest()
    {
        Assert.Equal("the rollback section names `feed_l1_cache` but \\*not\\* how &lt;to&gt; disable it",
            MarkdownText.Prose("the rollback section names `feed_l1_cache` but *not* how <to> disable it"));
    }

    [Fact]
    public void Prose_InTable_EscapesPipesInsideCodeSpans()
    {
        Assert.Equal("switch: `a\\|b` \\| c", MarkdownText.Prose("switch: `a|b` | c", inTable: true));
        Assert.Equal("switch: `a|b` \\| c", MarkdownText.Prose("switch: `a|b` | c"));
    }

    [Fact]
    public void Prose_CodeSpansKeepTheirText_MentionsAroundThemCannotPing()
    {
        Assert.Equal("Use `WHERE id = ANY($1)` for @\u200Bbob's \\[query\\]", MarkdownText.Prose("Use `WHERE id = ANY($1)` for @bob's [query]"));
    }

    [Fact]
    public void Prose_AStrayBacktickIsLiteral()
    {
        Assert.Equal("it's a \\` stray @\u200Bmention", MarkdownText.Prose("it's a ` stray @mention"));
    }

    [Fact]
    public void FencedBlock_CannotBeClosedByItsContent()
    {
        var block = MarkdownText.FencedBlock("```\n# not a heading\n````");
        Assert.StartsWith("`````\n", block);
        Assert.EndsWith("\n`````", block);
        var doc = Markdown.Parse(block + "\n\nafter", Gfm);
        Assert.IsType<FencedCodeBlock>(doc[0]);
        Assert.IsType<ParagraphBlock>(doc[1]);
    }

    [Theory]
    [InlineData("https://bot.example.com/r/1", true)]
    [InlineData("http://localhost:8080/r/1?sig=a_b", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("https://x.com/a b", false)]
    [InlineData("https://x.com/<script>", false)]
    [InlineData("/relative", false)]
    [InlineData(null, false)]
    public void Link_OnlyForAbsoluteHttpUrls(string? url, bool linked)
    {
        Assert.Equal(linked, MarkdownText.Link("report", url) is not null);
    }

    [Fact]
    public void RandomHostileText_AlwaysStaysInItsCell_AsPlainText()
    {
        string[] pieces = ["|", "\\|", "`", "```", "*", "**", "_", "~~", "[", "]", "(", ")", "![", "<", ">", "<b>", "<!--", "-->", "&", "&#64;", "&lt;",
            "@", "@octocat", "#", "# ", "- ", "1. ", "> ", "$", "\\", "\n", "\r", "\t", " ", "a", "javascript:", "https://x.io/a_b", "http://", ":", "\u202E", "\u0000", "😀", "性能", "#12", "www.x.io", "\u200B"];
        var random = new Random(20_260_302);
        for (var i = 0; i < 2_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => pieces[random.Next(pieces.Length)]));
            var doc = Markdown.Parse($"| a | b |\n|---|---|\n| {MarkdownText.Escape(text)} | z |\n", Gfm);

            var table = Assert.IsType<Markdig.Extensions.Tables.Table>(Assert.Single(doc));
            Assert.Equal(2, table.Count);
            Assert.All(table.Cast<Markdig.Extensions.Tables.TableRow>(), row => Assert.Equal(2, row.Count));
            var inlines = table.Descendants<Inline>().ToList();
            Assert.DoesNotContain(inlines, x => x is HtmlInline or EmphasisInline or CodeInline or LinkInline or AutolinkInline);
            Assert.DoesNotContain(inlines, x => x is LiteralInline literal && literal.Content.ToString().Contains("@octocat", StringComparison.Ordinal));
            var literals = string.Concat(inlines.OfType<LiteralInline>().Select(l => l.Content.ToString()));
            // No issue reference, no URL, no "www." where GitHub would autolink it (not inside a word).
            Assert.DoesNotMatch(@"#\d|https?://|(?<![\p{L}\p{Nd}])www\.", literals);
        }
    }

    [Fact]
    public void EscapedHostileText_RendersAsOneTextCellWithNoHtmlOrLinks()
    {
        const string hostile = "x | y\n| injected | row |\n<script>alert(1)</script> [a](javascript:b) ![i](https://e/i.png) @team";
        var table = $"| a | b |\n|---|---|\n| {MarkdownText.Escape(hostile)} | z |\n";

        var doc = Markdown.Parse(table, Gfm);

        var parsed = Assert.IsType<Markdig.Extensions.Tables.Table>(Assert.Single(doc));
        Assert.Equal(2, parsed.Count);
        Assert.All(parsed.Cast<Markdig.Extensions.Tables.TableRow>(), row => Assert.Equal(2, row.Count));
        var inlines = parsed.Descendants<Inline>().ToList();
        Assert.DoesNotContain(inlines, i => i is HtmlInline);
        Assert.DoesNotContain(inlines, i => i is LinkInline or AutolinkInline);
        Assert.DoesNotContain(inlines, i => i is EmphasisInline);
    }
}
