using PrReviewBot.Core.Config;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Rendering;
using static PrReviewBot.Core.Tests.Rendering.SampleVerdicts;

namespace PrReviewBot.Core.Tests.Rendering;

public class CheckRendererTests
{
    private const string ReportUrl = "https://bot.example.com/report/acme/api/12?sig=abc";
    private static readonly PresentationContext WithReport = new(ReportUrl);
    private static readonly OverrideInfo AnOverride = new("octocat", "hotfix for incident 42", new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));

    public static TheoryData<string, Verdict, OverrideInfo?, string> Titles => new()
    {
        { "failing", TwoMissing(), null, "2 of 5 items missing" },
        { "failing in shadow mode", TwoMissing(ReviewMode.Shadow), null, "2 of 5 items missing (shadow mode)" },
        { "passing", AllPresent(), null, "All 5 items present" },
        { "not an optimization PR", NotOptimization(), null, "Not an optimization PR" },
        { "overridden", TwoMissing(), AnOverride, "Overridden by @octocat: hotfix for incident 42" },
        { "error finding only", AllPresent().With(Finding(FindingIds.BundledOptimizations, Severity.Error)) with { Conclusion = Conclusion.Failure }, null, "All 5 items present, but 1 finding is an error" },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void Title_StatesTheVerdict(string _, Verdict verdict, OverrideInfo? over, string title)
    {
        Assert.Equal(title, CheckRenderer.Render(verdict, new PresentationContext(ReportUrl, over)).Title);
    }

    [Theory]
    [InlineData(Conclusion.Success, ReviewMode.Enforce, false, CheckConclusion.Success)]
    [InlineData(Conclusion.Skipped, ReviewMode.Enforce, false, CheckConclusion.Success)]
    [InlineData(Conclusion.Failure, ReviewMode.Enforce, false, CheckConclusion.Failure)]
    [InlineData(Conclusion.Failure, ReviewMode.Shadow, false, CheckConclusion.Neutral)]
    [InlineData(Conclusion.Failure, ReviewMode.Enforce, true, CheckConclusion.Success)]
    [InlineData(Conclusion.Failure, ReviewMode.Shadow, true, CheckConclusion.Success)]
    [InlineData(Conclusion.Success, ReviewMode.Shadow, false, CheckConclusion.Success)]
    public void Conclusion_FollowsVerdictModeAndOverride(Conclusion conclusion, ReviewMode mode, bool overridden, CheckConclusion expected)
    {
        var verdict = TwoMissing(mode) with { Conclusion = conclusion };
        var context = new PresentationContext(ReportUrl, overridden ? AnOverride : null);
        Assert.Equal(expected, CheckRenderer.Render(verdict, context).Conclusion);
        Assert.Equal(expected, CheckRenderer.ConclusionOf(verdict, context));
    }

    [Fact]
    public void Summary_IsTheItemTable_PlusOneLinePerErrorFinding()
    {
        var verdict = TwoMissing().With(
            Finding(FindingIds.BundledOptimizations, Severity.Error, "two flags in one PR"),
            Finding(FindingIds.MetricRegressed, Severity.Warning, "p50 got worse"));

        var summary = CheckRenderer.Render(verdict, WithReport).Summary;

        Assert.Contains("| Item | Status | What was found |", summary);
        Assert.Contains("| Profile evidence | ❌ missing | — |", summary);
        Assert.Contains("⛔ `bundled_optimizations`: two flags in one PR", summary);
        Assert.DoesNotContain("p50 got worse", summary);
    }

    [Fact]
    public void Summary_InShadowMode_SaysItDoesNotBlock()
    {
        Assert.Contains("does not block merging", CheckRenderer.Render(TwoMissing(ReviewMode.Shadow), WithReport).Summary);
    }

    [Fact]
    public void Summary_WhenOverridden_NamesWhoAndWhy()
    {
        var summary = CheckRenderer.Render(TwoMissing(), new PresentationContext(ReportUrl, AnOverride)).Summary;
        Assert.Contains("**Overridden by @\u200Boctocat** on 2026-03-01 09:30 UTC: hotfix for incident 42.", summary);
    }

    [Fact]
    public void Text_HasMessagesWhyExamplesFindingsAndWhatWasExtracted()
    {
        var text = CheckRenderer.Render(TwoMissing(), WithReport).Text;

        Assert.Contains("### ❌ Profile evidence\n- no flamegraph, trace or profiler output found", text);
        Assert.Contains(ItemGuidance.For(ItemKind.Rollback).Why, text);
        Assert.Contains("```markdown\n## Rollback", text);
        Assert.Contains("`load_test_too_short`: the load test ran 30 s", text);
        Assert.Contains("**Targets:** p95 latency &lt; 80 ms", text);
        Assert.Contains("| p95 latency | 240 ms | 80 ms | -66.7% |", text);
        Assert.Contains("**Load test:** tool k6, duration 300 s, rate 2,500 RPS", text);
        Assert.Contains("- `feed_l1_cache`: disable: not stated; when disabled: not stated", text);
        Assert.Contains("**Dashboards:** https:\u200B//grafana.example.com/d/feed", text);
        Assert.Contains($"[Full report](<{ReportUrl}>)", text);
        Assert.Contains("/perf-review recheck", text);
    }

    [Fact]
    public void Text_ShowsSignificanceAndNonFiniteNumbersSafely()
    {
        var verdict = TwoMissing() with
        {
            Measurements =
            [
                new Measurement("allocs", 10, 9, "MB", -10, new Significance(null, NotSignificant: true)),
                new Measurement("time", 5, 4, "ms", -20, new Significance(0.03, false)),
                new Measurement("errors", 0, 3, "%", double.PositiveInfinity),
            ],
        };
        var text = CheckRenderer.Render(verdict, WithReport).Text;
        Assert.Contains("| allocs | 10 MB | 9 MB | -10% (not significant) |", text);
        Assert.Contains("| time | 5 ms | 4 ms | -20% (p=0.03) |", text);
        Assert.Contains("| errors | 0% | 3% | — |", text);
    }

    [Fact]
    public void NotOptimization_HasAShortSummaryAndNoText()
    {
        var output = CheckRenderer.Render(NotOptimization(), WithReport);
        Assert.Contains("Not treated as an optimization PR", output.Summary);
        Assert.Equal("", output.Text);
        Assert.Equal(CheckConclusion.Success, output.Conclusion);
    }

    [Fact]
    public void HugeVerdict_SummaryAndTextFitGitHubsLimits()
    {
        var verdict = TwoMissing() with
        {
            Items = ItemKinds.All.Select(k => new ItemResult(k, ItemStatus.Fail, true,
                Enumerable.Range(0, 2_000).Select(i => $"message {i} " + new string('m', 400)).ToList(),
                Enumerable.Range(0, 2_000).Select(i => new string('e', 1_000)).ToList())).ToList(),
            Findings = Enumerable.Range(0, 3_000).Select(i => Finding(FindingIds.BundledOptimizations, Severity.Error, $"error finding {i} " + new string('x', 500))).ToList(),
            Measurements = Enumerable.Range(0, 5_000).Select(i => new Measurement(new string('m', 200), i, i + 1, "ms", 1.5)).ToList(),
        };

        var output = CheckRenderer.Render(verdict, WithReport);

        Assert.InRange(output.Summary.Length, 10_000, CheckRenderer.MaxOutputLength);
        Assert.InRange(output.Text.Length, 10_000, CheckRenderer.MaxOutputLength);
        Assert.Contains("| Item | Status | What was found |", output.Summary);
        Assert.Contains("left out", output.Summary);
        Assert.Contains("left out", output.Text);
        Assert.Contains(ReportUrl, output.Text);
    }

    [Theory]
    [MemberData(nameof(Titles))]
    public void StatusDescription_IsAtMost140Characters(string _, Verdict verdict, OverrideInfo? over, string title)
    {
        var description = CheckRenderer.RenderStatusDescription(verdict, new PresentationContext(ReportUrl, over));
        Assert.InRange(description.Length, 1, CheckRenderer.MaxStatusDescriptionLength);
        Assert.StartsWith(title.Replace(" (shadow mode)", "", StringComparison.Ordinal).Split(',')[0], description.Replace("Shadow mode, not blocking: ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void StatusDescription_NamesTheMissingItems()
    {
        Assert.Equal("2 of 5 items missing: profile evidence, rollback", CheckRenderer.RenderStatusDescription(TwoMissing(), WithReport));
        Assert.Equal("Shadow mode, not blocking: 2 of 5 items missing: profile evidence, rollback",
            CheckRenderer.RenderStatusDescription(TwoMissing(ReviewMode.Shadow), WithReport));
    }

    [Fact]
    public void StatusDescription_WithAHugeOverrideReason_IsCutTo140()
    {
        var context = new PresentationContext(null, new OverrideInfo(new string('u', 39), "reason 😀 " + new string('r', 10_000) + "\n\u001B[31m", DateTimeOffset.UnixEpoch));
        var description = CheckRenderer.RenderStatusDescription(TwoMissing(), context);
        Assert.Equal(CheckRenderer.MaxStatusDescriptionLength, description.Length);
        Assert.EndsWith("…", description);
        Assert.DoesNotContain(description, char.IsControl);
    }

    [Fact]
    public void ConfigError_TitleNamesTheFileAndFirstLine_TextListsEveryError()
    {
        var errors = ConfigParser.Parse("mode: enforce\ncheck_name: x\n\n\n\n\nmode: strict\nitems:\n  profile: { requird: true }\n").Errors;

        var output = CheckRenderer.RenderConfigError(errors);

        Assert.Equal("Invalid .github/perf-review.yml (line 7)", output.Title);
        Assert.Equal(CheckConclusion.Failure, output.Conclusion);
        Assert.Contains("`.github/perf-review.yml` is invalid (2 errors)", output.Summary);
        Assert.Contains("- `.github/perf-review.yml:7:1` duplicate key `mode`", output.Text);
        Assert.Contains("- `.github/perf-review.yml:9:14` unknown key `requird` under `items.profile`", output.Text);
    }

    [Fact]
    public void ConfigError_WithoutALine_TitleNamesTheFile()
    {
        var errors = ConfigParser.Parse(new string('#', 70_000), "acme/.github/perf-review.yml").Errors;
        Assert.Equal("Invalid acme/.github/perf-review.yml", CheckRenderer.RenderConfigError(errors).Title);
        Assert.Equal("Invalid acme/.github/perf-review.yml", CheckRenderer.RenderConfigErrorStatusDescription(errors));
    }

    [Fact]
    public void ConfigError_HostileMessageCannotInjectHtml()
    {
        var errors = new[] { new ConfigError("f.yml", 1, 1, "bad `<b>` value <script>alert(1)</script> @octocat") };
        var text = CheckRenderer.RenderConfigError(errors).Text;
        Assert.Contains("bad `<b>` value &lt;script&gt;alert\\(1\\)&lt;/script&gt; @\u200Boctocat", text);
    }

    [Fact]
    public void ConfigError_ManyErrors_FitTheLimits()
    {
        var errors = Enumerable.Range(1, 5_000).Select(i => new ConfigError(".github/perf-review.yml", i, 1, new string('x', 200))).ToList();
        var output = CheckRenderer.RenderConfigError(errors);
        Assert.True(output.Text.Length <= CheckRenderer.MaxOutputLength);
        Assert.True(CheckRenderer.RenderConfigErrorStatusDescription(errors).Length <= CheckRenderer.MaxStatusDescriptionLength);
    }
}
