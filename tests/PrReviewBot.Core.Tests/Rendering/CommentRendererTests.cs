using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Rendering;
using static PrReviewBot.Core.Tests.Rendering.SampleVerdicts;

namespace PrReviewBot.Core.Tests.Rendering;

public class CommentRendererTests
{
    private const string ReportUrl = "https://bot.example.com/report/acme/api/12?sig=abc";
    private static readonly PresentationContext WithReport = new(ReportUrl);
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static Table ItemTable(string markdown) =>
        Markdown.Parse(markdown, Gfm).Descendants<Table>().Single();

    private static string CellText(TableCell cell) =>
        string.Concat(cell.Descendants<LeafInline>().Select(l => l switch
        {
            LiteralInline literal => literal.Content.ToString(),
            HtmlEntityInline entity => entity.Transcoded.ToString(),
            _ => "",
        }));

    [Fact]
    public void StartsWithTheHiddenMarker()
    {
        Assert.StartsWith(CommentRenderer.Marker + "\n", CommentRenderer.Render(TwoMissing(), WithReport));
        Assert.StartsWith(CommentRenderer.Marker + "\n", CommentRenderer.Render(NotOptimization(), WithReport));
    }

    [Fact]
    public void FailingVerdict_HeadlineCountsTheMissingItems()
    {
        var comment = CommentRenderer.Render(TwoMissing(), WithReport);
        Assert.Contains("### ❌ Performance review: 2 of 5 items missing\n", comment);
    }

    [Fact]
    public void PassingVerdict_HeadlineSaysAllFiveItemsPresent()
    {
        Assert.Contains("### ✅ Performance review: all five items present\n", CommentRenderer.Render(AllPresent(), WithReport));
    }

    [Fact]
    public void ErrorFinding_IsInTheHeadline()
    {
        var verdict = AllPresent().With(Finding(FindingIds.BundledOptimizations, Severity.Error)) with { Conclusion = Conclusion.Failure };
        Assert.Contains("Performance review: all five items present, but 1 finding is an error", CommentRenderer.Render(verdict, WithReport));
    }

    [Fact]
    public void NotOptimization_SaysSoWithTheReasonAndNoTable()
    {
        var comment = CommentRenderer.Render(NotOptimization(), WithReport);
        Assert.Contains("Performance review: not an optimization PR", comment);
        Assert.Contains("This PR is not treated as an optimization PR because it has no optimization label, no `perf:` title prefix and fewer than 2 of the five item headings, so", comment);
        Assert.DoesNotContain("| Item |", comment);
    }

    [Fact]
    public void SaysWhyThePrIsTreatedAsAnOptimizationPr()
    {
        Assert.Contains("Treated as an optimization PR because it has the label `performance`.", CommentRenderer.Render(TwoMissing(), WithReport));
    }

    [Fact]
    public void Override_HeadlineNamesTheUserAndReason_AndTheCheckPasses()
    {
        var context = new PresentationContext(ReportUrl, new OverrideInfo("octocat", "hotfix for incident 42", new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero)));
        var comment = CommentRenderer.Render(TwoMissing(), context);
        Assert.Contains("### ✅ Performance review: overridden by @\u200Boctocat: hotfix for incident 42", comment);
        Assert.Contains("on 2026-03-01 09:30 UTC", comment);
        Assert.Contains("`/perf-review revoke`", comment);
    }

    [Fact]
    public void Table_HasOneRowPerItem_WithStatusAndWhatWasFound()
    {
        var table = ItemTable(CommentRenderer.Render(TwoMissing(), WithReport));
        var rows = table.Cast<TableRow>().Skip(1).Select(r => r.Cast<TableCell>().Select(CellText).ToList()).ToList();

        Assert.Equal(["Constraint", "Profile evidence", "Before/after numbers", "Rollback", "Monitoring"], rows.Select(r => r[0]));
        Assert.Equal(["✅ present", "❌ missing", "✅ present", "❌ missing", "✅ present"], rows.Select(r => r[1]));
        Assert.Equal("p95 < 80ms · #\u200B412", rows[0][2]);
        Assert.Equal("—", rows[1][2]);
    }

    [Fact]
    public void EvidenceCodeSpans_AreKept_AndTheirPipesCannotSplitTheCell()
    {
        var verdict = AllPresent() with { Items = ItemKinds.All.Select(k => Pass(k, "switch: `feed|cache` @x")).ToList() };
        var comment = CommentRenderer.Render(verdict, WithReport);
        Assert.Contains("| ✅ present | switch: `feed\\|cache` @\u200Bx |", comment);
        var table = ItemTable(comment);
        Assert.All(table.Cast<TableRow>(), row => Assert.Equal(3, row.Count));
        // GitHub (GFM spec, example 200) shows `feed|cache`; Markdig keeps the backslash, so check the span exists.
        Assert.Contains(table.Descendants<CodeInline>(), c => c.Content.StartsWith("feed", StringComparison.Ordinal));
    }

    [Fact]
    public void ManyEvidenceQuotes_ShowThreeAndACount()
    {
        var verdict = AllPresent() with { Items = ItemKinds.All.Select(k => Pass(k, "a", "b", "c", "d", "e")).ToList() };
        var table = ItemTable(CommentRenderer.Render(verdict, WithReport));
        Assert.Equal("a · b · c · +2 more", CellText(table.Cast<TableRow>().ElementAt(1).Cast<TableCell>().ElementAt(2)));
    }

    [Fact]
    public void MissingItemThatIsNotRequired_ShowsNotRequired_AndNoGuidance()
    {
        var verdict = AllPresent() with
        {
            Items = ItemKinds.All.Select(k => k == ItemKind.Monitoring
                ? new ItemResult(k, ItemStatus.Fail, Required: false, ["no dashboard or alert found"], [])
                : Pass(k, "ok")).ToList(),
        };
        var comment = CommentRenderer.Render(verdict, WithReport);
        Assert.Contains("| Monitoring | ➖ not required |", comment);
        Assert.Contains("all 4 required items present", comment);
        Assert.DoesNotContain("What is missing", comment);
    }

    [Theory]
    [InlineData(ItemKind.Constraint)]
    [InlineData(ItemKind.Profile)]
    [InlineData(ItemKind.BeforeAfter)]
    [InlineData(ItemKind.Rollback)]
    [InlineData(ItemKind.Monitoring)]
    public void EachMissingItem_SaysWhatIsMissingWhyAndGivesAnExample(ItemKind kind)
    {
        var verdict = AllPresent() with
        {
            Conclusion = Conclusion.Failure,
            Items = ItemKinds.All.Select(k => k == kind ? Fail(k, $"specific message about {k}") : Pass(k, "ok")).ToList(),
        };
        var guidance = ItemGuidance.For(kind);

        var comment = CommentRenderer.Render(verdict, WithReport);

        Assert.Contains($"#### ❌ {kind.DisplayName()}\n- specific message about {kind}", comment);
        Assert.Contains("**Why the process asks for it:** " + guidance.Why, comment);
        Assert.Contains("```markdown\n" + guidance.Example.TrimEnd('\n') + "\n```", comment);
        Assert.Contains("1 of 5 items missing", comment);
    }

    [Fact]
    public void MissingItemWithoutMessages_SaysWhatTheProcessAsksFor()
    {
        var verdict = TwoMissing() with { Items = ItemKinds.All.Select(k => k == ItemKind.Rollback ? Fail(k) : Pass(k)).ToList() };
        Assert.Contains("- " + ItemGuidance.For(ItemKind.Rollback).Asks + " None was found.", CommentRenderer.Render(verdict, WithReport));
    }

    [Fact]
    public void PresentItems_GetNoGuidance()
    {
        var comment = CommentRenderer.Render(TwoMissing(), WithReport);
        Assert.DoesNotContain(ItemGuidance.For(ItemKind.Constraint).Why, comment);
        Assert.DoesNotContain(ItemGuidance.For(ItemKind.Monitoring).Why, comment);
        Assert.Contains(ItemGuidance.For(ItemKind.Profile).Why, comment);
    }

    [Fact]
    public void EngineMessages_KeepTheirCodeSpans()
    {
        Assert.Contains("- the rollback section names `feed_l1_cache` but does not say how to disable it", CommentRenderer.Render(TwoMissing(), WithReport));
    }

    [Fact]
    public void Findings_AreGroupedBySeverity_ErrorsFirst_WithWhyAndExample_OffHidden()
    {
        var verdict = TwoMissing().With(
            Finding(FindingIds.MissingLoadMetrics, Severity.Notice, "no p99 reported", "percentiles show tail latency", "p99 240ms → 150ms"),
            Finding(FindingIds.BundledOptimizations, Severity.Error, "cache and singleflight in one PR", "cannot tell which helped", "split into two PRs"),
            Finding(FindingIds.MetricRegressed, Severity.Warning, "p50 got worse", "a regression elsewhere", "explain the trade-off"),
            Finding(FindingIds.NoBenchmarkInDiff, Severity.Off, "hidden finding"));

        var comment = CommentRenderer.Render(verdict, WithReport);

        var errors = comment.IndexOf("#### ⛔ Error (fail the check)", StringComparison.Ordinal);
        var warnings = comment.IndexOf("#### ⚠️ Warning", StringComparison.Ordinal);
        var notices = comment.IndexOf("#### ℹ️ Notice", StringComparison.Ordinal);
        Assert.True(errors > 0 && errors < warnings && warnings < notices, comment);
        Assert.Contains("`bundled_optimizations`: cache and singleflight in one PR", comment);
        Assert.Contains("*Why:* cannot tell which helped", comment);
        Assert.Contains("*For example:* split into two PRs", comment);
        Assert.Contains("### Findings (3)", comment);
        Assert.DoesNotContain("hidden finding", comment);
    }

    [Fact]
    public void MultiLineFindingExample_IsACodeBlock()
    {
        var verdict = TwoMissing().With(Finding(FindingIds.LoadTestTooShort, Severity.Warning, example: "k6 run \\\n  --duration 5m load.js"));
        var doc = Markdown.Parse(CommentRenderer.Render(verdict, WithReport), Gfm);
        Assert.Contains(doc.Descendants<FencedCodeBlock>(), b => b.Lines.ToString().Contains("--duration 5m load.js", StringComparison.Ordinal));
    }

    [Fact]
    public void Footer_LinksTheReport_AndSaysHowToRerunAndGetHelp()
    {
        var comment = CommentRenderer.Render(TwoMissing(), WithReport);
        var footer = comment[comment.LastIndexOf("---", StringComparison.Ordinal)..];
        Assert.Contains($"[Full report](<{ReportUrl}>)", footer);
        Assert.Contains("edit the PR description, or comment `/perf-review recheck`", footer);
        Assert.Contains("`/perf-review help`", footer);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a url")]
    public void Footer_WithoutAUsableReportUrl_HasNoLink(string? url)
    {
        var comment = CommentRenderer.Render(TwoMissing(), new PresentationContext(url));
        Assert.DoesNotContain("Full report", comment);
        Assert.DoesNotContain("javascript", comment);
        Assert.Contains("/perf-review recheck", comment);
    }

    [Fact]
    public void ShadowMode_SaysItDoesNotBlock()
    {
        var comment = CommentRenderer.Render(TwoMissing(ReviewMode.Shadow), WithReport);
        Assert.Contains("### ⚠️ Performance review: 2 of 5 items missing (shadow mode)", comment);
        Assert.Contains("does not block merging", comment);
    }

    [Fact]
    public void SameVerdict_RendersTheSameText()
    {
        // The App compares before it writes: an unchanged verdict must give an identical comment.
        Assert.Equal(CommentRenderer.Render(TwoMissing(), WithReport), CommentRenderer.Render(TwoMissing(), WithReport));
    }

    [Fact]
    public void HostileEvidenceAndOverride_CannotBreakTheTable_MentionAnyone_OrInjectHtml()
    {
        string[] hostile =
        [
            "a | b\n| injected | row | x |",
            "@octocat @acme/security-team",
            "<img src=x onerror=alert(1)> <!-- hidden --> <details open>",
            "&#64;octocat &commat;octocat",
            "[click me](javascript:alert(1)) ![pixel](https://evil.example/p.png)",
            "```\n# heading\n- list",
            "\u202Egnp.exe",
        ];
        var verdict = TwoMissing() with
        {
            Items = ItemKinds.All.Select(k => k == ItemKind.Profile
                ? new ItemResult(k, ItemStatus.Fail, true, ["quoted: `x` and " + hostile[2], "@octocat said | so"], hostile)
                : Pass(k, hostile)).ToList(),
            DetectionReason = "label `<b>perf</b>` @octocat",
            Switches = [new RollbackSwitch("flag|<b>@x", "<i>", "@y")],
            Findings = [new Finding("bundled_optimizations", Severity.Warning, hostile[1] + hostile[2], hostile[3], hostile[4])],
        };
        var context = new PresentationContext(ReportUrl, new OverrideInfo("octocat", "because | <script>x</script> @acme/admins\n# big", DateTimeOffset.UnixEpoch));

        var comment = CommentRenderer.Render(verdict, context);
        var doc = Markdown.Parse(comment, Gfm);

        var table = doc.Descendants<Table>().Single();
        Assert.Equal(6, table.Count);
        Assert.All(table.Cast<TableRow>(), row => Assert.Equal(3, row.Count));
        Assert.Equal(CommentRenderer.Marker, Assert.Single(doc.Descendants<HtmlBlock>()).Lines.ToString().Trim());
        Assert.DoesNotContain(doc.Descendants<HtmlInline>(), h => h.Tag is not ("<sub>" or "</sub>"));
        Assert.DoesNotContain(doc.Descendants<LinkInline>(), l => l.IsImage || (!l.IsAutoLink && l.Url != ReportUrl));
        Assert.DoesNotContain("@octocat", comment);
        Assert.DoesNotContain("@acme", comment);
        Assert.DoesNotContain("&#64;", comment);
        Assert.DoesNotContain('\u202E', comment);
        Assert.DoesNotContain(doc.Descendants<HeadingBlock>(), h => h.Level <= 2);
    }

    [Fact]
    public void HugeVerdict_IsCutToGitHubsLimit_KeepsTheTable_AndLinksTheReport()
    {
        var messages = Enumerable.Range(0, 2_000).Select(i => $"message {i}: " + new string('m', 300)).ToArray();
        var verdict = TwoMissing() with
        {
            Items = ItemKinds.All.Select(k => Fail(k, messages)).ToList(),
            Findings = Enumerable.Range(0, 3_000)
                .Select(i => Finding(FindingIds.MetricRegressed, Severity.Warning, $"finding {i} " + new string('f', 500), new string('w', 500), "line one\nline two " + new string('e', 500)))
                .ToList(),
        };

        var comment = CommentRenderer.Render(verdict, WithReport);

        Assert.InRange(comment.Length, 50_000, CommentRenderer.MaxLength);
        Assert.StartsWith(CommentRenderer.Marker, comment);
        Assert.Single(Markdown.Parse(comment, Gfm).Descendants<Table>());
        Assert.Contains("details were left out", comment);
        Assert.Contains($"[full report](<{ReportUrl}>)", comment);
        Assert.EndsWith("lists the commands</sub>\n", comment);
        Assert.DoesNotContain("```", comment);
    }

    [Fact]
    public void SomewhatLargeVerdict_DropsExamplesFirst_AndKeepsEveryMessage()
    {
        // About 54,000 characters of messages: they fit on their own, not with the five examples and finding examples.
        var messages = Enumerable.Range(0, 35).Select(i => $"message {i:D3} " + new string('m', 300)).ToArray();
        var verdict = TwoMissing() with
        {
            Items = ItemKinds.All.Select(k => Fail(k, messages)).ToList(),
            Findings = Enumerable.Range(0, 30).Select(i => Finding(FindingIds.TargetMissed, Severity.Warning, $"finding {i}", "why", "example " + new string('e', 200))).ToList(),
        };

        var comment = CommentRenderer.Render(verdict, WithReport);

        Assert.True(comment.Length <= CommentRenderer.MaxLength);
        Assert.Contains("Examples were left out", comment);
        Assert.DoesNotContain("```markdown", comment);
        Assert.All(Enumerable.Range(0, 35), i => Assert.Contains($"message {i:D3} ", comment));
        Assert.Contains("finding 29", comment);
    }

    [Fact]
    public void HugeEvidenceAndOverrideReason_AreCutShort()
    {
        var verdict = TwoMissing() with { Items = ItemKinds.All.Select(k => Pass(k, new string('x', 100_000))).ToList() };
        var context = new PresentationContext(ReportUrl, new OverrideInfo(new string('u', 1_000), new string('r', 100_000), DateTimeOffset.UnixEpoch));
        var comment = CommentRenderer.Render(verdict, context);
        Assert.True(comment.Length < 10_000, comment.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
