using PrReviewBot.Core.Rendering;
using System.Text;
using PrReviewBot.Core.Commands;
using PrReviewBot.Core.Gates.Judges;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Renders the sticky gate comment on an optimization issue, exactly as the App posts it: a hidden marker the App finds
/// its comment by, a summary table of the five gates, then each open gate with the process's STOP sentence and the
/// questions still to answer. Everything quoted from the issue is escaped.
/// </summary>
public static class GateCommentRenderer
{
    /// <summary>Hidden marker that identifies the bot's sticky gate comment among an issue's comments.</summary>
    public const string Marker = "<!-- prreviewbot:perf-gates -->";

    /// <summary>Questions shown in full per open gate; the rest fold away so the comment reads on a phone.</summary>
    private const int MaxQuestions = 3;

    /// <summary>GitHub refuses comments longer than this.</summary>
    public const int MaxLength = GitHubLimits.CommentBody;

    /// <summary>True when a comment body is the bot's gate comment (starts with the marker).</summary>
    public static bool IsGateComment(string? body) => body is not null && body.TrimStart().StartsWith(Marker, StringComparison.Ordinal);

    public static string Render(GateVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var sb = new StringBuilder();
        sb.Append(Marker).Append('\n');
        var open = verdict.Open.Count();
        sb.Append(open == 0
            ? "### ✅ Performance gates: all five answered\n\n"
            : $"### ⛔ Performance gates: {open} of 5 still open\n\n");
        sb.Append(open == 0
            ? "Targets, hot path, profile, the escalation step and the rollback plan are stated. Work can start on the one step the profile points at.\n\n"
            : "No optimization work begins until all five gates are answered. If a gate cannot be answered, the action is to stop and gather information, not to guess and optimize.\n\n");

        sb.Append("| | Gate | Answer |\n|---|---|---|\n");
        foreach (var gate in verdict.Gates)
        {
            var answer = gate.Satisfied
                ? Cell(gate.Answers.FirstOrDefault() ?? "answered", gate.Answers.Count)
                : "**open**" + (gate.Answers.Count > 0 ? " — " + Cell(gate.Answers[0], gate.Answers.Count) : string.Empty);
            sb.Append($"| {(gate.Satisfied ? "✅" : "❌")} | {gate.Gate.Number()}. {gate.Gate.Question()} | {answer} |\n");
        }
        sb.Append('\n');

        foreach (var gate in verdict.Gates.Where(g => !g.Satisfied))
        {
            sb.Append($"#### ❌ Gate {gate.Gate.Number()}: {gate.Gate.Question()}\n\n");
            sb.Append("**").Append(MarkdownText.Prose(gate.Stop)).Append("** ").Append(MarkdownText.Prose(gate.Gate.Why())).Append("\n\n");
            // Short enough for a phone: the first questions in full, the rest and the Gate 1 table folded away.
            foreach (var question in gate.Questions.Take(MaxQuestions))
            {
                sb.Append("- ").Append(MarkdownText.Prose(question)).Append('\n');
            }
            if (gate.Gate == GateKind.HardTargets || gate.Questions.Count > MaxQuestions)
            {
                sb.Append("\n<details><summary>More</summary>\n\n");
                foreach (var question in gate.Questions.Skip(MaxQuestions))
                {
                    sb.Append("- ").Append(MarkdownText.Prose(question)).Append('\n');
                }
                if (gate.Gate == GateKind.HardTargets)
                {
                    sb.Append('\n');
                    AppendTargetTable(sb, verdict.Reading);
                }
                sb.Append("</details>\n");
            }
            if (gate.Answers.Count > 0)
            {
                sb.Append("\nAlready stated: ").Append(string.Join("; ", gate.Answers.Take(6).Select(a => MarkdownText.Prose(a)))).Append('\n');
            }
            AppendFurther(sb, gate);
            sb.Append('\n');
        }

        var satisfiedWithMore = verdict.Gates.Where(g => g.Satisfied && g.FurtherQuestions.Count > 0).ToList();
        if (satisfiedWithMore.Count > 0)
        {
            sb.Append("<details><summary>Answered gates: worth adding</summary>\n\n");
            foreach (var gate in satisfiedWithMore)
            {
                sb.Append($"**Gate {gate.Gate.Number()}** ({gate.Gate.DisplayName()}):\n");
                foreach (var q in gate.FurtherQuestions)
                {
                    sb.Append("- ").Append(MarkdownText.Prose(q)).Append('\n');
                }
                sb.Append('\n');
            }
            sb.Append("</details>\n\n");
        }
        if (verdict.Reading.Truncated)
        {
            sb.Append("_The issue is very long; only its first part was read._\n\n");
        }
        sb.Append("---\n<sub>Edit the issue to answer a gate: this comment updates on every edit. ");
        sb.Append("Comment <code>/perf-review plan</code> for an escalation plan, <code>/perf-review help</code> for all commands.</sub>\n");
        return Bounded(sb.ToString());
    }

    private static string Cell(string first, int count) =>
        MarkdownText.Prose(first, 160, inTable: true) + (count > 1 ? $" (+{count - 1} more)" : string.Empty);

    private static void AppendFurther(StringBuilder sb, GateResult gate)
    {
        if (gate.FurtherQuestions.Count == 0)
        {
            return;
        }
        sb.Append("\n<details><summary>Also worth answering</summary>\n\n");
        foreach (var q in gate.FurtherQuestions)
        {
            sb.Append("- ").Append(MarkdownText.Prose(q)).Append('\n');
        }
        sb.Append("\n</details>\n");
    }

    /// <summary>The process's Gate 1 table, filled with what the issue states.</summary>
    private static void AppendTargetTable(StringBuilder sb, IssueReading reading)
    {
        sb.Append("| Constraint | Stated in the issue | If missing |\n|---|---|---|\n");
        Row(sb, "Latency", reading.Targets.Where(t => t.Metric == "latency").Select(Phrasing.Describe), "Measure current baseline first");
        Row(sb, "Throughput", reading.Targets.Where(t => t.Metric == "throughput").Select(Phrasing.Describe).Concat(reading.Traffic.Select(Phrasing.Describe)), "Check access logs for actual traffic");
        Row(sb, "Error budget", reading.Targets.Where(t => t.Metric == "error rate").Select(Phrasing.Describe), "Define what counts as an error");
        Row(sb, "CPU budget", reading.Targets.Where(t => t.Metric == "CPU").Select(Phrasing.Describe), "Profile current utilization");
        Row(sb, "Memory budget", reading.Targets.Where(t => t.Metric == "memory").Select(Phrasing.Describe), "Monitor current usage");
        Row(sb, "Infra constraint", reading.InfraConstraint is { } infra ? [Phrasing.Quote(infra)] : [], "Clarify budget before choosing tools");
        sb.Append('\n');
    }

    private static void Row(StringBuilder sb, string name, IEnumerable<string> stated, string ifMissing)
    {
        var list = stated.Take(3).ToList();
        var cell = list.Count > 0 ? string.Join("; ", list.Select(s => MarkdownText.Prose(s, 120, inTable: true))) : "—";
        sb.Append($"| {name} | {cell} | {(list.Count > 0 ? string.Empty : ifMissing)} |\n");
    }

    private static string Bounded(string markdown)
    {
        if (markdown.Length <= MaxLength)
        {
            return markdown;
        }
        var cut = markdown.LastIndexOf('\n', MaxLength - 200);
        return markdown[..Math.Max(cut, Marker.Length)] + "\n\n_(cut: the full gate report is available with `prreviewbot gates`.)_\n";
    }
}
