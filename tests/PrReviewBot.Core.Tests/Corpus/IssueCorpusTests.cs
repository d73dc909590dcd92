using System.Text.Json;
using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Planning;

namespace PrReviewBot.Core.Tests.Corpus;

/// <summary>
/// Scores gate mode and plan mode on the labelled real issues in tests/corpus/issues (see its README) the way
/// tests/corpus/score_issues.py does: a gate counts as answered when it is satisfied; a plan is right when its kind (and,
/// for a ladder step, the step) equals the label. The floors are the figures reached when the readers were written
/// (docs/JUDGEMENT.md, "Gate and plan mode"); a rule change that loses what these issues say fails here.
/// </summary>
public class IssueCorpusTests
{
    private static readonly (string Name, GateKind Gate)[] Gates =
    [
        ("hardTargets", GateKind.HardTargets), ("hotPath", GateKind.HotPath), ("profile", GateKind.Profile),
        ("simplestSolution", GateKind.SimplestSolution), ("rollback", GateKind.Rollback),
    ];

    private static IEnumerable<(JsonElement Record, IssueDescription Issue)> Records(JsonDocument labels, string dir) =>
        labels.RootElement.EnumerateArray().Select(r =>
            (r, new IssueDescription(r.GetProperty("title").GetString()!, File.ReadAllText(Path.Combine(dir, r.GetProperty("id").GetString()! + ".md")))));

    private static (JsonDocument Labels, string Dir) Load()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "corpus", "issues");
        return (JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "labels.json"))), dir);
    }

    [Fact]
    public void EveryGate_ScoresAtLeastNinetyPercentF1()
    {
        var (labels, dir) = Load();
        using var _ = labels;
        var counts = Gates.ToDictionary(g => g.Name, _ => (Tp: 0, Fp: 0, Fn: 0));
        var records = 0;
        foreach (var (record, issue) in Records(labels, dir))
        {
            records++;
            var verdict = GateReviewer.Default.Judge(issue);
            foreach (var (name, gate) in Gates)
            {
                var gold = record.GetProperty("gates").GetProperty(name).GetBoolean();
                var found = verdict.Gate(gate).Satisfied;
                var c = counts[name];
                counts[name] = (c.Tp + (gold && found ? 1 : 0), c.Fp + (!gold && found ? 1 : 0), c.Fn + (gold && !found ? 1 : 0));
            }
        }
        Assert.True(records >= 60, $"the issue set has only {records} records");
        var scores = counts.ToDictionary(c => c.Key, c => F1(c.Value.Tp, c.Value.Fp, c.Value.Fn));
        var report = string.Join(", ", scores.Select(s => $"{s.Key} {s.Value:F3}"));
        Assert.True(scores.Values.All(f1 => f1 >= 0.9), report);
        Assert.True(scores.Values.Average() >= 0.95, $"macro F1 {scores.Values.Average():F3}: {report}");
    }

    [Fact]
    public void ThePlan_IsRightForAtLeastNinetyFivePercentOfIssues()
    {
        var (labels, dir) = Load();
        using var _ = labels;
        var right = 0;
        var wrong = new List<string>();
        foreach (var (record, issue) in Records(labels, dir))
        {
            var plan = EscalationPlanner.Default.Plan(issue);
            var gold = record.GetProperty("plan");
            var kind = gold.GetProperty("kind").GetString();
            var step = gold.GetProperty("step");
            var got = plan.Kind switch
            {
                PlanKind.MeasureFirst => "measureFirst",
                PlanKind.LadderStep => "ladderStep",
                PlanKind.PushBack => "pushBack",
                _ => "outsideLadder",
            };
            var ok = got == kind && (kind != "ladderStep" || plan.Step?.Number == step.GetInt32());
            if (ok)
            {
                right++;
            }
            else
            {
                wrong.Add($"{record.GetProperty("id").GetString()}: {kind} -> {got}");
            }
        }
        var accuracy = right / 60.0;
        Assert.True(accuracy >= 0.95, $"plan right for {right}/60: {string.Join("; ", wrong)}");
    }

    private static double F1(int tp, int fp, int fn) => tp == 0 ? (fp == 0 && fn == 0 ? 1 : 0) : 2.0 * tp / (2.0 * tp + fp + fn);
}
