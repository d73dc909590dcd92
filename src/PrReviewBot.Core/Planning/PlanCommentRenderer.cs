using PrReviewBot.Core.Rendering;
using System.Globalization;
using System.Text;
using PrReviewBot.Core.Commands;
using PrReviewBot.Core.Gates;

namespace PrReviewBot.Core.Planning;

/// <summary>
/// Renders an escalation plan as the Markdown comment the App posts for <c>/perf-review plan</c> (and the CLI prints
/// with <c>--format markdown</c>). Everything quoted from the issue is escaped.
/// </summary>
public static class PlanCommentRenderer
{
    /// <summary>Hidden marker on the bot's plan comments (so it never reads its own plan as a command).</summary>
    public const string Marker = "<!-- prreviewbot:perf-plan -->";

    public static string Render(EscalationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder();
        sb.Append(Marker).Append('\n');
        sb.Append("### Escalation plan: ").Append(MarkdownText.Prose(plan.Headline)).Append("\n\n");
        switch (plan.Kind)
        {
            case PlanKind.MeasureFirst:
                RenderMeasureFirst(sb, plan);
                break;
            case PlanKind.PushBack:
                sb.Append("**Split the change.** If several optimizations ship together and p99 regresses, nobody can tell which one caused it, ");
                sb.Append("and none can be rolled back alone: one technique at a time, each with its own flag and its own metric proof.\n\n");
                if (plan.Measure.Count > 0)
                {
                    sb.Append("The plan is to **measure, not to code**, until the open gates are answered.\n\n");
                }
                Bullets(sb, "Pushback", plan.Pushback);
                Bullets(sb, "Not now", plan.NotRecommended);
                RenderMeasurements(sb, plan);
                break;
            case PlanKind.OutsideLadder when plan.Outside is not null:
                sb.Append("The escalation ladder is for a request path backed by a database and caches; this work is of another kind, ");
                sb.Append("so the plan says what to measure for it and how to roll it back rather than forcing a ladder step.\n\n");
                Bullets(sb, "Why", plan.Evidence);
                RenderMeasurements(sb, plan);
                Bullets(sb, "Then", plan.Actions);
                if (plan.MetricProofToEscalate is { } done)
                {
                    sb.Append("#### Done when\n\n").Append(MarkdownText.Prose(done)).Append("\n\n");
                }
                if (plan.Rollback is { } back)
                {
                    sb.Append("#### Rollback\n\n").Append(MarkdownText.Prose(back.Disable)).Append("\n\n");
                }
                Bullets(sb, "Pushback", plan.Pushback);
                break;
            default:
                RenderStep(sb, plan);
                break;
        }
        sb.Append("---\n<sub>Built from the targets, traffic, measurements and profile findings in the description, per the escalation ladder: ");
        sb.Append("start at step 1, move up only when the current step is insufficient AND metrics prove it. Edit the description and comment <code>/perf-review plan</code> again to update it.</sub>\n");
        return sb.ToString();
    }

    private static void RenderMeasureFirst(StringBuilder sb, EscalationPlan plan)
    {
        sb.Append("The plan is to **measure, not to code**: without targets, the hot path and a profile, any optimization is a guess ");
        sb.Append("(intuition about bottlenecks is wrong ~80% of the time).\n\n");
        Bullets(sb, "Not now", plan.NotRecommended);
        Bullets(sb, "Pushback", plan.Pushback);
        RenderMeasurements(sb, plan);
    }

    private static void RenderMeasurements(StringBuilder sb, EscalationPlan plan)
    {
        if (plan.Measure.Count == 0)
        {
            Bullets(sb, "Then", plan.Then);
            return;
        }
        sb.Append("#### What to measure\n\n");
        var n = 1;
        foreach (var task in plan.Measure)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{n++}. **{MarkdownText.Prose(task.What)}** {MarkdownText.Prose(task.How)}\n");
        }
        sb.Append('\n');
        if (plan.LoadTest is { } load)
        {
            sb.Append("#### Baseline load test\n\n");
            Lines(sb, load.Procedure);
            sb.Append("Record: ").Append(MarkdownText.Prose(string.Join(", ", load.Metrics))).Append(".\n\n");
        }
        Bullets(sb, "Questions to answer", plan.Questions);
        if (plan.Kind != PlanKind.OutsideLadder)
        {
            Bullets(sb, "Then", plan.Then);
        }
    }

    private static void RenderStep(StringBuilder sb, EscalationPlan plan)
    {
        if (plan.Step is { } step)
        {
            sb.Append(CultureInfo.InvariantCulture, $"**When this step applies:** {MarkdownText.Prose(step.When)}\n\n");
        }
        Bullets(sb, "Evidence that points here", plan.Evidence);
        Bullets(sb, "Pushback", plan.Pushback);
        Bullets(sb, "Actions", plan.Actions);
        if (plan.MetricProofToEscalate is { } proof)
        {
            sb.Append("#### Metric proof before escalating further\n\n").Append(MarkdownText.Prose(proof)).Append("\n\n");
        }
        if (plan.Rollback is { } rollback)
        {
            sb.Append("#### Rollback\n\n");
            sb.Append("- Flag: ").Append(MarkdownText.Prose("`" + rollback.Name.Replace("`", string.Empty, StringComparison.Ordinal) + "`")).Append(rollback.Suggested ? " (suggested name)\n" : " (named in the description)\n");
            sb.Append("- Disable: ").Append(MarkdownText.Prose(rollback.Disable)).Append('\n');
            sb.Append("- When disabled: ").Append(MarkdownText.Prose(rollback.WhenDisabled)).Append("\n\n");
        }
        if (plan.LoadTest is { } load)
        {
            sb.Append("#### Load test\n\n");
            Lines(sb, load.Procedure);
            sb.Append("Record: ").Append(MarkdownText.Prose(string.Join(", ", load.Metrics))).Append(".\n\n");
        }
        Bullets(sb, "Not in this change", plan.NotRecommended);
        if (plan.Skipped.Count > 0)
        {
            sb.Append("#### Steps deliberately skipped\n\n| Step | Why not now |\n|---|---|\n");
            foreach (var s in plan.Skipped)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {s.Step}. {MarkdownText.Prose(s.Name, inTable: true)} | {MarkdownText.Prose(s.Reason, inTable: true)} |\n");
            }
            sb.Append('\n');
        }
        Bullets(sb, "Still to answer", plan.Questions);
        Bullets(sb, "Then", plan.Then);
    }

    private static void Bullets(StringBuilder sb, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }
        sb.Append("#### ").Append(title).Append("\n\n");
        Lines(sb, items);
    }

    private static void Lines(StringBuilder sb, IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            sb.Append("- ").Append(MarkdownText.Prose(item)).Append('\n');
        }
        sb.Append('\n');
    }
}
