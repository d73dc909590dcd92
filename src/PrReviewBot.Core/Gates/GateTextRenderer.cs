using PrReviewBot.Core.Rendering;
using System.Text;
using PrReviewBot.Core.Commands;

namespace PrReviewBot.Core.Gates;

/// <summary>The gate verdict as plain text for a terminal (<c>prreviewbot gates</c>).</summary>
public static class GateTextRenderer
{
    public static string Render(GateVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var sb = new StringBuilder();
        var open = verdict.Open.Count();
        sb.Append(open == 0 ? "Performance gates: all five answered.\n" : $"Performance gates: {open} of 5 open.\n");
        foreach (var gate in verdict.Gates)
        {
            sb.Append('\n').Append(gate.Satisfied ? "[x] " : "[ ] ").Append($"Gate {gate.Gate.Number()}: {gate.Gate.Question()}\n");
            foreach (var a in gate.Answers)
            {
                sb.Append("    + ").Append(MarkdownText.Plain(a, 400)).Append('\n');
            }
            if (!gate.Satisfied)
            {
                sb.Append("    ").Append(gate.Stop).Append('\n');
            }
            foreach (var q in gate.Questions)
            {
                sb.Append("    ? ").Append(MarkdownText.Plain(q, 600)).Append('\n');
            }
            foreach (var q in gate.FurtherQuestions)
            {
                sb.Append("    - ").Append(MarkdownText.Plain(q, 600)).Append('\n');
            }
        }
        if (verdict.Reading.Truncated)
        {
            sb.Append("\nThe body is very long; only its first part was read.\n");
        }
        return sb.ToString();
    }
}
