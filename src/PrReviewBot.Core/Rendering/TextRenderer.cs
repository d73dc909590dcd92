using System.Text;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Rendering;

/// <summary>
/// A concise plain-text review for a terminal (<c>prreviewbot check --format text</c>): the headline, one line per
/// item with its messages, and the findings. Text from the PR is stripped of control characters, so a description
/// cannot send escape sequences to the reader's terminal.
/// </summary>
public static class TextRenderer
{
    /// <summary>The command the hint names when the caller cannot say which file was reviewed.</summary>
    public const string DefaultMarkdownCommand = "prreviewbot check --body-file FILE --format markdown";

    /// <param name="markdownCommand">The command that prints this review as Markdown (the CLI passes the one just run, with <c>--format markdown</c>).</param>
    public static string Render(Verdict verdict, PresentationContext? context = null, string? markdownCommand = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        context ??= PresentationContext.None;
        var state = VerdictHeadline.State(verdict, context);
        var text = new StringBuilder();
        var mark = state switch
        {
            VerdictState.Failing when verdict.Mode == ReviewMode.Shadow => "!",
            VerdictState.Failing => "✗",
            VerdictState.NotOptimization => "–",
            _ => "✓",
        };
        text.Append(mark).Append(" Performance review: ").AppendLine(VerdictHeadline.Title(verdict, context, spellFive: false));
        var reason = string.IsNullOrWhiteSpace(verdict.DetectionReason) ? "of its labels, title or description" : Plain(verdict.DetectionReason);
        if (state == VerdictState.NotOptimization)
        {
            text.Append("  Not treated as an optimization PR because ").Append(reason).AppendLine(": nothing to check.");
            return text.ToString();
        }
        text.Append("  Treated as an optimization PR because ").Append(reason).AppendLine(".");
        if (state == VerdictState.Failing && verdict.Mode == ReviewMode.Shadow)
        {
            text.AppendLine("  Shadow mode: this would not block merging.");
        }
        if (context.Override is { } o)
        {
            text.Append("  Overridden by @").Append(Plain(o.User)).Append(": ").AppendLine(Plain(o.Reason));
        }
        text.AppendLine();

        var width = ItemKinds.All.Max(k => k.DisplayName().Length) + 2;
        foreach (var item in verdict.Items)
        {
            var itemMark = item.Present ? "✓" : item.Required ? "✗" : "–";
            var line = $"  {itemMark} {item.Kind.DisplayName().PadRight(width)}";
            if (!item.Present && !item.Required)
            {
                line += "(not required)";
            }
            else if (item.Evidence.Count > 0)
            {
                line += string.Join(" · ", item.Evidence.Take(3).Select(e => Plain(e, 80)));
            }
            text.AppendLine(line.TrimEnd());
            if (!item.Present)
            {
                foreach (var message in item.Messages.Where(m => !string.IsNullOrWhiteSpace(m)))
                {
                    text.Append("      - ").AppendLine(Plain(message, 500));
                }
            }
        }

        var findings = verdict.Findings.Where(f => f.Severity != Severity.Off).OrderByDescending(f => f.Severity).ToList();
        if (findings.Count > 0)
        {
            text.AppendLine().AppendLine("  Findings:");
            foreach (var finding in findings)
            {
                text.Append("    ").Append(finding.Severity.Name().PadRight(8)).Append(Plain(finding.Rule, 60))
                    .Append(": ").AppendLine(Plain(finding.Message, 500));
            }
        }
        if (verdict.MissingRequired.Any() || findings.Count > 0)
        {
            text.AppendLine().AppendLine("  Why each item matters and examples that satisfy it: " + (markdownCommand ?? DefaultMarkdownCommand));
        }
        return text.ToString();
    }

    private static string Plain(string? text, int max = 300) => MarkdownText.Plain(text, max);
}
