using System.Text;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Rendering;

/// <summary>
/// Renders the sticky PR comment, exactly as the App posts it: the headline, why the PR is treated as an optimization
/// PR, a table of the five items, then for each missing item what is missing, why the process asks for it and an
/// example that satisfies it, then the findings by severity and a footer with the report link and how to re-run.
/// </summary>
public static class CommentRenderer
{
    /// <summary>Hidden marker that identifies the bot's sticky comment among a PR's comments.</summary>
    public const string Marker = "<!-- prreviewbot:perf-review -->";

    /// <summary>GitHub refuses a comment body longer than this.</summary>
    public const int MaxLength = GitHubLimits.CommentBody;

    public static string Render(Verdict verdict, PresentationContext context)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(context);
        var state = VerdictHeadline.State(verdict, context);
        var doc = new BoundedMarkdown(MaxLength);

        doc.Essential(Marker + "\n" + Headline(verdict, context, state));
        if (state == VerdictState.NotOptimization)
        {
            doc.Essential($"This PR is not treated as an optimization PR because {Reason(verdict)}, so the performance review has nothing to check and the check passes.");
            return doc.Tail(Footer(context)).Build(context.ReportUrl);
        }

        var intro = new StringBuilder($"Treated as an optimization PR because {Reason(verdict)}.");
        if (state == VerdictState.Overridden)
        {
            var o = context.Override!;
            intro.Append($" Overridden by {MarkdownText.Escape("@" + o.User, 60)} on {VerdictHeadline.When(o.At)}")
                .Append(o.Reason.Length > 200 ? $" (the full reason: {MarkdownText.Escape(o.Reason, 2_000)})" : "")
                .Append(". The check passes while the override stands; `/perf-review revoke` removes it.");
        }
        doc.Essential(intro.ToString());
        if (verdict.Mode == ReviewMode.Shadow && state != VerdictState.Overridden)
        {
            doc.Essential("> [!NOTE]\n> Shadow mode: this review reports what is missing but does not block merging.");
        }
        doc.Essential(ItemTable(verdict));

        var missing = verdict.MissingRequired.ToList();
        if (missing.Count > 0)
        {
            doc.Detail(missing.Count == 1 ? "### What is missing" : $"### What is missing ({missing.Count} items)");
            foreach (var item in missing)
            {
                AddItemDetails(doc, item, "####");
            }
        }
        AddFindings(doc, verdict.Findings);
        return doc.Tail(Footer(context)).Build(context.ReportUrl);
    }

    private static string Headline(Verdict verdict, PresentationContext context, VerdictState state)
    {
        var (icon, text) = state switch
        {
            VerdictState.NotOptimization => ("➖", "not an optimization PR"),
            VerdictState.Overridden => ("✅", $"overridden by {MarkdownText.Escape("@" + context.Override!.User, 60)}: {MarkdownText.Escape(context.Override.Reason, 200)}"),
            VerdictState.Passing => ("✅", Lower(VerdictHeadline.Counts(verdict, spellFive: true))),
            _ when verdict.Mode == ReviewMode.Shadow => ("⚠️", Lower(VerdictHeadline.Title(verdict, context, spellFive: true))),
            _ => ("❌", Lower(VerdictHeadline.Title(verdict, context, spellFive: true))),
        };
        return $"### {icon} Performance review: {text}";
    }

    private static string Lower(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static string Reason(Verdict verdict) =>
        string.IsNullOrWhiteSpace(verdict.DetectionReason) ? "of its labels, title or description" : MarkdownText.Prose(verdict.DetectionReason, 300);

    /// <summary>The per-item table: item, status, and a short quote of what was found.</summary>
    internal static string ItemTable(Verdict verdict)
    {
        var table = new StringBuilder("| Item | Status | What was found |\n|---|---|---|\n");
        foreach (var kind in ItemKinds.All)
        {
            var item = verdict.Items.FirstOrDefault(i => i.Kind == kind);
            if (item is null)
            {
                continue;
            }
            table.Append("| ").Append(kind.DisplayName())
                .Append(" | ").Append(Status(item))
                .Append(" | ").Append(Found(item))
                .Append(" |\n");
        }
        return table.ToString().TrimEnd('\n');
    }

    internal static string Status(ItemResult item) =>
        item.Present ? "✅ present" : item.Required ? "❌ missing" : "➖ not required";

    private static string Found(ItemResult item)
    {
        const int shown = 3;
        var quotes = item.Evidence.Where(e => !string.IsNullOrWhiteSpace(e)).ToList();
        if (quotes.Count == 0)
        {
            return "—";
        }
        // Evidence is the engine's short quote of the PR: its `code` spans are kept, the PR's text is escaped.
        var text = string.Join(" · ", quotes.Take(shown).Select(e => MarkdownText.Prose(e, 100, inTable: true)));
        return quotes.Count > shown ? $"{text} · +{quotes.Count - shown} more" : text;
    }

    /// <summary>What is missing from one item (its messages), why the process asks for it, and an example.</summary>
    internal static void AddItemDetails(BoundedMarkdown doc, ItemResult item, string headingLevel)
    {
        var guidance = ItemGuidance.For(item.Kind);
        var what = new StringBuilder($"{headingLevel} {(item.Required ? "❌" : "➖")} {item.Kind.DisplayName()}{(item.Required ? "" : " (not required)")}\n");
        var messages = item.Messages.Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
        if (messages.Count == 0)
        {
            what.Append("- ").Append(guidance.Asks).Append(" None was found.");
        }
        foreach (var message in messages)
        {
            what.Append("- ").Append(MarkdownText.Prose(message)).Append('\n');
        }
        doc.Detail(what.ToString().TrimEnd('\n'));
        doc.Detail($"**Why the process asks for it:** {guidance.Why}");
        doc.Example($"**An example that would satisfy it:**\n\n{MarkdownText.FencedBlock(guidance.Example, "markdown")}");
    }

    internal static void AddFindings(BoundedMarkdown doc, IReadOnlyList<Finding> findings)
    {
        var shown = findings.Where(f => f.Severity != Severity.Off).ToList();
        if (shown.Count == 0)
        {
            return;
        }
        doc.Detail(shown.Count == 1 ? "### Finding" : $"### Findings ({shown.Count})");
        foreach (var severity in new[] { Severity.Error, Severity.Warning, Severity.Notice })
        {
            var group = shown.Where(f => f.Severity == severity).ToList();
            if (group.Count == 0)
            {
                continue;
            }
            doc.Detail(severity switch
            {
                Severity.Error => $"#### ⛔ {Plural(group.Count, "Error")} (fail the check)",
                Severity.Warning => $"#### ⚠️ {Plural(group.Count, "Warning")}",
                _ => $"#### ℹ️ {Plural(group.Count, "Notice")}",
            });
            foreach (var finding in group)
            {
                var text = new StringBuilder()
                    .Append(MarkdownText.Code(finding.Rule, 60)).Append(": ").Append(MarkdownText.Prose(finding.Message));
                if (!string.IsNullOrWhiteSpace(finding.Why))
                {
                    text.Append("\n\n*Why:* ").Append(MarkdownText.Prose(finding.Why));
                }
                doc.Detail(text.ToString());
                if (!string.IsNullOrWhiteSpace(finding.Example))
                {
                    doc.Example(Example(finding.Example));
                }
            }
        }
    }

    /// <summary>One line stays prose; several lines are shown as written, in a code block they cannot escape.</summary>
    internal static string Example(string example) =>
        example.Trim().Contains('\n', StringComparison.Ordinal)
            ? "*For example:*\n\n" + MarkdownText.FencedBlock(example.Trim(), "markdown")
            : "*For example:* " + MarkdownText.Prose(example);

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private static string Footer(PresentationContext context)
    {
        var parts = new List<string>();
        if (MarkdownText.Link("Full report", context.ReportUrl) is { } link)
        {
            parts.Add(link);
        }
        parts.Add($"To re-run: {VerdictHeadline.Rerun}");
        parts.Add("`/perf-review help` lists the commands");
        return "---\n<sub>" + string.Join(" · ", parts) + "</sub>";
    }
}
