using PrReviewBot.Core.Rendering;
using System.Text;
using PrReviewBot.Core.Commands;

namespace PrReviewBot.Core.Planning;

/// <summary>An escalation plan as plain text for a terminal (<c>prreviewbot plan</c>).</summary>
public static class PlanTextRenderer
{
    public static string Render(EscalationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder();
        sb.Append("Escalation plan: ").Append(MarkdownText.Plain(plan.Headline, 200)).Append('\n');
        if (plan.Step is { } step)
        {
            sb.Append("When this step applies: ").Append(step.When).Append('\n');
        }
        Section(sb, "Not now", plan.Kind == PlanKind.MeasureFirst ? plan.NotRecommended : []);
        Section(sb, "Pushback", plan.Pushback);
        Section(sb, "What to measure", plan.Measure.Select(m => m.What + " " + m.How).ToList());
        Section(sb, "Evidence", plan.Evidence);
        Section(sb, "Actions", plan.Actions);
        if (plan.MetricProofToEscalate is { } proof)
        {
            Section(sb, "Metric proof before escalating", [proof]);
        }
        if (plan.Rollback is { } rollback)
        {
            Section(sb, "Rollback", [$"flag {rollback.Name}" + (rollback.Suggested ? " (suggested name)" : " (named in the description)"), rollback.Disable, "when disabled: " + rollback.WhenDisabled]);
        }
        if (plan.LoadTest is { } load)
        {
            Section(sb, plan.Kind == PlanKind.MeasureFirst ? "Baseline load test" : "Load test", [.. load.Procedure, "record: " + string.Join(", ", load.Metrics)]);
        }
        Section(sb, "Not in this change", plan.Kind == PlanKind.MeasureFirst ? [] : plan.NotRecommended);
        Section(sb, "Skipped", plan.Skipped.Select(s => $"step {s.Step} ({s.Name}): {s.Reason}").ToList());
        Section(sb, "Questions", plan.Questions);
        Section(sb, "Then", plan.Then);
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }
        sb.Append('\n').Append(title).Append(":\n");
        foreach (var line in lines)
        {
            sb.Append("  - ").Append(MarkdownText.Plain(line, 1_000)).Append('\n');
        }
    }
}
