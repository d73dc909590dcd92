using System.Globalization;
using System.Text;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Rendering;

/// <summary>
/// Renders the <c>perf-review</c> check run: a title with the counts, the per-item table as summary, the details as
/// text, and the conclusion GitHub shows; also the 140-character commit-status description used in plain-token mode,
/// and the failing check reported when the config file itself is invalid.
/// </summary>
public static class CheckRenderer
{
    /// <summary>GitHub's limit for each of a check run's <c>output.summary</c> and <c>output.text</c>.</summary>
    public const int MaxOutputLength = GitHubLimits.CheckOutputField;

    /// <summary>GitHub's limit for a commit status description.</summary>
    public const int MaxStatusDescriptionLength = GitHubLimits.StatusDescription;

    private const int MaxTitleLength = 200;

    public static CheckOutput Render(Verdict verdict, PresentationContext context)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(context);
        var state = VerdictHeadline.State(verdict, context);
        // An override's title carries its reason: the checks list is where reviewers see why a failing review passes.
        var title = Cut(state == VerdictState.Overridden
            ? $"Overridden by @{MarkdownText.Plain(context.Override!.User, 39)}: {MarkdownText.Plain(context.Override.Reason, MaxTitleLength)}"
            : VerdictHeadline.Title(verdict, context, spellFive: false), MaxTitleLength);
        return new CheckOutput(title, Summary(verdict, context, state), Text(verdict, context, state), ConclusionOf(verdict, context));
    }

    /// <summary>
    /// Success when the verdict passes, does not apply, or is overridden; a failing verdict fails the check in enforce
    /// mode and is neutral in shadow mode. (A commit status has no neutral: report neutral as success there.)
    /// </summary>
    public static CheckConclusion ConclusionOf(Verdict verdict, PresentationContext context)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(context);
        if (verdict.Conclusion != Conclusion.Failure || context.Override is not null)
        {
            return CheckConclusion.Success;
        }
        return verdict.Mode == ReviewMode.Shadow ? CheckConclusion.Neutral : CheckConclusion.Failure;
    }

    /// <summary>The commit-status description (plain-token mode): plain text, at most 140 characters.</summary>
    public static string RenderStatusDescription(Verdict verdict, PresentationContext context)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(context);
        var state = VerdictHeadline.State(verdict, context);
        var text = state switch
        {
            VerdictState.NotOptimization => "Not an optimization PR",
            VerdictState.Overridden => $"Overridden by @{MarkdownText.Plain(context.Override!.User, 39)}: {MarkdownText.Plain(context.Override.Reason, 140)}",
            VerdictState.Passing => VerdictHeadline.Counts(verdict, spellFive: false),
            _ => (verdict.Mode == ReviewMode.Shadow ? "Shadow mode, not blocking: " : "")
                 + VerdictHeadline.Title(verdict, context, spellFive: false).Replace(" (shadow mode)", "", StringComparison.Ordinal)
                 + MissingNames(verdict),
        };
        return Cut(text, MaxStatusDescriptionLength);
    }

    /// <summary>A failing check for an invalid config file: the title names the file and the first line, the text lists every error.</summary>
    public static CheckOutput RenderConfigError(IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors.FirstOrDefault();
        var file = first?.File ?? ConfigParser.DefaultFileName;
        var title = Cut(ConfigErrorTitle(errors), MaxTitleLength);
        var count = errors.Count == 1 ? "1 error" : $"{errors.Count} errors";
        var summary = new BoundedMarkdown(MaxOutputLength)
            .Essential($"The performance review could not run because {MarkdownText.Code(file)} is invalid ({count}). " +
                       "Fix it on the base branch: the bot reads its config from there, so a PR cannot relax its own rules. " +
                       "`prreviewbot validate-config` checks a file locally.")
            .Build(null);
        var text = new BoundedMarkdown(MaxOutputLength);
        // Blocks of 20 lines keep the list tight on screen and still let a huge list be cut between blocks.
        foreach (var chunk in errors.Chunk(20))
        {
            text.Detail(string.Join("\n", chunk.Select(error =>
            {
                var where = error.Line > 0 ? $"{error.File}:{error.Line}:{error.Column}" : error.File;
                return $"- {MarkdownText.Code(where)} {MarkdownText.Prose(error.Message)}";
            })));
        }
        return new CheckOutput(title, summary, text.Build(null), CheckConclusion.Failure);
    }

    /// <summary>The commit-status description for an invalid config file, at most 140 characters.</summary>
    public static string RenderConfigErrorStatusDescription(IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Cut(ConfigErrorTitle(errors), MaxStatusDescriptionLength);
    }

    private static string ConfigErrorTitle(IReadOnlyList<ConfigError> errors)
    {
        var first = errors.FirstOrDefault();
        var file = MarkdownText.Plain(first?.File ?? ConfigParser.DefaultFileName, 100);
        var located = errors.FirstOrDefault(e => e.Line > 0);
        return located is null ? $"Invalid {file}" : $"Invalid {file} (line {located.Line})";
    }

    private static string MissingNames(Verdict verdict)
    {
        var missing = verdict.MissingRequired.Select(i => Lower(i.Kind.DisplayName())).ToList();
        return missing.Count == 0 ? "" : ": " + string.Join(", ", missing);
    }

    private static string Summary(Verdict verdict, PresentationContext context, VerdictState state)
    {
        var doc = new BoundedMarkdown(MaxOutputLength);
        var reason = string.IsNullOrWhiteSpace(verdict.DetectionReason) ? "of its labels, title or description" : MarkdownText.Prose(verdict.DetectionReason, 300);
        if (state == VerdictState.NotOptimization)
        {
            return doc.Essential($"Not treated as an optimization PR because {reason}: nothing to check.").Build(context.ReportUrl);
        }
        if (state == VerdictState.Overridden)
        {
            var o = context.Override!;
            doc.Essential($"**Overridden by {MarkdownText.Escape("@" + o.User, 60)}** on {VerdictHeadline.When(o.At)}: {MarkdownText.Escape(o.Reason, 500)}. " +
                          "The check passes while the override stands; `/perf-review revoke` removes it.");
        }
        else if (state == VerdictState.Failing && verdict.Mode == ReviewMode.Shadow)
        {
            doc.Essential("Shadow mode: this review reports what is missing but does not block merging.");
        }
        doc.Essential($"Treated as an optimization PR because {reason}.");
        doc.Essential(CommentRenderer.ItemTable(verdict));
        foreach (var finding in verdict.Findings.Where(f => f.Severity == Severity.Error))
        {
            doc.Detail($"⛔ {MarkdownText.Code(finding.Rule, 60)}: {MarkdownText.Prose(finding.Message, 500)}");
        }
        return doc.Build(context.ReportUrl);
    }

    private static string Text(Verdict verdict, PresentationContext context, VerdictState state)
    {
        var doc = new BoundedMarkdown(MaxOutputLength);
        if (state == VerdictState.NotOptimization)
        {
            return "";
        }
        foreach (var item in verdict.Items.Where(i => !i.Present))
        {
            CommentRenderer.AddItemDetails(doc, item, "###");
        }
        CommentRenderer.AddFindings(doc, verdict.Findings);
        foreach (var block in Extracted(verdict))
        {
            doc.Detail(block);
        }
        var footer = MarkdownText.Link("Full report", context.ReportUrl) is { } link ? $"{link} · " : "";
        doc.Tail($"---\n{footer}To re-run: {VerdictHeadline.Rerun}.");
        return doc.Build(context.ReportUrl);
    }

    /// <summary>What the review read from the description: targets, measurements, flags, dashboards...</summary>
    private static IEnumerable<string> Extracted(Verdict verdict)
    {
        var any = verdict.Targets.Count + verdict.ConstraintLinks.Count + verdict.ProfileArtifacts.Count + verdict.Bottlenecks.Count
                  + verdict.Measurements.Count + verdict.Switches.Count + verdict.Dashboards.Count + verdict.Alerts.Count > 0
                  || verdict.LoadTest is not null;
        if (!any)
        {
            yield break;
        }
        yield return "### What the review read from the description";
        if (verdict.Targets.Count > 0)
        {
            yield return "**Targets:** " + string.Join(" · ", verdict.Targets.Take(50).Select(t => MarkdownText.Escape(
                TargetText(t), 120)));
        }
        if (verdict.ConstraintLinks.Count > 0)
        {
            yield return "**Where the targets are defined:** " + string.Join(" · ", verdict.ConstraintLinks.Take(20).Select(l => MarkdownText.Escape(l, 200)));
        }
        if (verdict.ProfileArtifacts.Count > 0)
        {
            yield return "**Profile artifacts:** " + string.Join(" · ", verdict.ProfileArtifacts.Take(20).Select(a =>
                $"{MarkdownText.Escape(a.Kind, 40)}: {MarkdownText.Escape(a.Reference, 200)}"));
        }
        if (verdict.Bottlenecks.Count > 0)
        {
            yield return "**Bottleneck:** " + string.Join(", ", verdict.Bottlenecks.Distinct().Select(BottleneckName));
        }
        if (verdict.Measurements.Count > 0)
        {
            var table = new StringBuilder("**Measurements:**\n\n| Metric | Before | After | Change |\n|---|---|---|---|\n");
            foreach (var m in verdict.Measurements.Take(100))
            {
                var significance = m.Significance switch
                {
                    { NotSignificant: true } => " (not significant)",
                    { PValue: { } p } => $" (p={Number(p)})",
                    _ => "",
                };
                table.Append($"| {MarkdownText.Escape(m.Metric, 80)} | {Number(m.Before)}{Unit(m.Unit)} | {Number(m.After)}{Unit(m.Unit)} | ")
                    .Append(m.ChangePercent is { } change && double.IsFinite(change) ? $"{(change > 0 ? "+" : "")}{Number(Math.Round(change, 1))}%" : "—")
                    .Append(significance).Append(" |\n");
            }
            yield return table.ToString().TrimEnd('\n');
        }
        if (verdict.LoadTest is { } load)
        {
            var parts = new List<string>();
            if (load.Tool is not null) parts.Add("tool " + MarkdownText.Escape(load.Tool, 60));
            if (load.DurationSeconds is { } seconds) parts.Add("duration " + Number(seconds) + " s");
            if (load.Rate is not null) parts.Add("rate " + MarkdownText.Escape(load.Rate, 60));
            if (load.Dataset is not null) parts.Add("dataset " + MarkdownText.Escape(load.Dataset, 120));
            yield return "**Load test:** " + (parts.Count > 0 ? string.Join(", ", parts) : "no conditions stated");
        }
        if (verdict.Switches.Count > 0)
        {
            var flags = new StringBuilder("**Rollback switches:**\n");
            foreach (var s in verdict.Switches.Take(50))
            {
                flags.Append("- ").Append(MarkdownText.Code(s.Name, 80))
                    .Append(": disable: ").Append(s.DisableInstruction is null ? "not stated" : MarkdownText.Escape(s.DisableInstruction, 200))
                    .Append("; when disabled: ").Append(s.DisabledBehaviour is null ? "not stated" : MarkdownText.Escape(s.DisabledBehaviour, 200))
                    .Append('\n');
            }
            yield return flags.ToString().TrimEnd('\n');
        }
        if (verdict.Dashboards.Count > 0)
        {
            yield return "**Dashboards:** " + string.Join(" · ", verdict.Dashboards.Take(20).Select(d => MarkdownText.Escape(d.Reference, 200)));
        }
        if (verdict.Alerts.Count > 0)
        {
            yield return "**Alerts:** " + string.Join(" · ", verdict.Alerts.Take(20).Select(a => MarkdownText.Escape(a.Reference, 200)));
        }
    }

    /// <summary>"p95 latency &lt; 80 ms", as plain text.</summary>
    internal static string TargetText(Target target) =>
        $"{(string.IsNullOrWhiteSpace(target.Percentile) ? "" : target.Percentile + " ")}{target.Metric} {target.Comparator} {Number(target.Value)}"
        + (string.IsNullOrWhiteSpace(target.Unit) ? "" : target.Unit is "%" ? "%" : " " + target.Unit);

    internal static string BottleneckName(BottleneckClass bottleneck) => bottleneck switch
    {
        BottleneckClass.Cpu => "CPU bound",
        BottleneckClass.Io => "I/O bound",
        BottleneckClass.Memory => "memory pressure",
        BottleneckClass.Contention => "contention",
        BottleneckClass.ExternalDependency => "external dependency",
        _ => bottleneck.ToString(),
    };

    internal static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("#,0.###", CultureInfo.InvariantCulture) : "—";

    private static string Unit(string unit) =>
        string.IsNullOrWhiteSpace(unit) ? "" : unit is "%" ? "%" : " " + MarkdownText.Escape(unit, 20);

    private static string Lower(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    /// <summary>Plain text cut to a length with an ellipsis, never inside a surrogate pair.</summary>
    private static string Cut(string text, int max)
    {
        text = MarkdownText.Plain(text, max + 10);
        if (text.Length <= max)
        {
            return text;
        }
        var end = max - 1;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }
        return text[..end] + "…";
    }
}
