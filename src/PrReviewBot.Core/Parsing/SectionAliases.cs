using System.Text;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Parsing;

/// <summary>
/// Maps a heading or label ("Constraint / SLO", "Kill switch", "📈 Monitoring") to the items it speaks for.
/// Matching is on whole words of the label, so "Performance impact" or "Where the time goes" map to nothing.
/// </summary>
internal static class SectionAliases
{
    // Multi-word aliases first; each is matched as a whole-word phrase inside the normalised label.
    private static readonly (string Phrase, ItemKind Kind)[] Aliases =
    [
        ("constraint", ItemKind.Constraint),
        ("constraints", ItemKind.Constraint),
        ("target", ItemKind.Constraint),
        ("targets", ItemKind.Constraint),
        ("perf target", ItemKind.Constraint),
        ("slo", ItemKind.Constraint),
        ("slos", ItemKind.Constraint),
        ("sla", ItemKind.Constraint),
        ("goal", ItemKind.Constraint),
        ("goals", ItemKind.Constraint),
        ("objective", ItemKind.Constraint),
        ("budget", ItemKind.Constraint),
        ("requirement", ItemKind.Constraint),
        ("requirements", ItemKind.Constraint),
        ("profile", ItemKind.Profile),
        ("profiles", ItemKind.Profile),
        ("profiling", ItemKind.Profile),
        ("profile evidence", ItemKind.Profile),
        ("flamegraph", ItemKind.Profile),
        ("flamegraphs", ItemKind.Profile),
        ("flame graph", ItemKind.Profile),
        ("evidence", ItemKind.Profile),
        ("trace", ItemKind.Profile),
        ("traces", ItemKind.Profile),
        ("bottleneck", ItemKind.Profile),
        ("before after", ItemKind.BeforeAfter),
        ("before and after", ItemKind.BeforeAfter),
        ("results", ItemKind.BeforeAfter),
        ("result", ItemKind.BeforeAfter),
        ("benchmark", ItemKind.BeforeAfter),
        ("benchmarks", ItemKind.BeforeAfter),
        ("benchmark results", ItemKind.BeforeAfter),
        ("load test", ItemKind.BeforeAfter),
        ("load tests", ItemKind.BeforeAfter),
        ("load testing", ItemKind.BeforeAfter),
        ("numbers", ItemKind.BeforeAfter),
        ("measurements", ItemKind.BeforeAfter),
        ("measured impact", ItemKind.BeforeAfter),
        ("performance results", ItemKind.BeforeAfter),
        ("perf results", ItemKind.BeforeAfter),
        ("rollback", ItemKind.Rollback),
        ("roll back", ItemKind.Rollback),
        ("rollback plan", ItemKind.Rollback),
        ("feature flag", ItemKind.Rollback),
        ("feature flags", ItemKind.Rollback),
        ("feature gate", ItemKind.Rollback),
        ("flag", ItemKind.Rollback),
        ("flags", ItemKind.Rollback),
        ("kill switch", ItemKind.Rollback),
        ("revert plan", ItemKind.Rollback),
        ("opting out", ItemKind.Rollback),
        ("opt out", ItemKind.Rollback),
        ("opt-out", ItemKind.Rollback),
        ("how to opt out", ItemKind.Rollback),
        ("how to turn it off", ItemKind.Rollback),
        ("turning it off", ItemKind.Rollback),
        ("how to disable", ItemKind.Rollback),
        ("disabling", ItemKind.Rollback),
        ("escape hatch", ItemKind.Rollback),
        ("backout", ItemKind.Rollback),
        ("back out", ItemKind.Rollback),
        ("backout plan", ItemKind.Rollback),
        ("kill", ItemKind.Rollback),
        ("turn it off", ItemKind.Rollback),
        ("turning it off", ItemKind.Rollback),
        ("disable", ItemKind.Rollback),
        ("disabling", ItemKind.Rollback),
        ("escape hatch", ItemKind.Rollback),
        ("retour arrière", ItemKind.Rollback),
        ("retour arriere", ItemKind.Rollback),
        ("reversão", ItemKind.Rollback),
        ("rückbau", ItemKind.Rollback),
        ("monitoring", ItemKind.Monitoring),
        ("dashboard", ItemKind.Monitoring),
        ("dashboards", ItemKind.Monitoring),
        ("alert", ItemKind.Monitoring),
        ("alerts", ItemKind.Monitoring),
        ("alerting", ItemKind.Monitoring),
        ("observability", ItemKind.Monitoring),
        ("watch", ItemKind.Monitoring),
        // Descriptions in other languages use the same five sections.
        ("目标", ItemKind.Constraint), ("目標", ItemKind.Constraint), ("목표", ItemKind.Constraint), ("objetivo", ItemKind.Constraint), ("ziel", ItemKind.Constraint), ("objectif", ItemKind.Constraint),
        ("プロファイル", ItemKind.Profile), ("プロファイラ", ItemKind.Profile), ("性能分析", ItemKind.Profile), ("프로파일", ItemKind.Profile), ("perfil", ItemKind.Profile),
        ("结果", ItemKind.BeforeAfter), ("結果", ItemKind.BeforeAfter), ("計測", ItemKind.BeforeAfter), ("测试结果", ItemKind.BeforeAfter), ("결과", ItemKind.BeforeAfter), ("resultados", ItemKind.BeforeAfter), ("ergebnisse", ItemKind.BeforeAfter), ("résultats", ItemKind.BeforeAfter), ("resultats", ItemKind.BeforeAfter),
        ("回滚", ItemKind.Rollback), ("ロールバック", ItemKind.Rollback), ("롤백", ItemKind.Rollback), ("reversión", ItemKind.Rollback),
        ("监控", ItemKind.Monitoring), ("監視", ItemKind.Monitoring), ("모니터링", ItemKind.Monitoring), ("monitoreo", ItemKind.Monitoring), ("überwachung", ItemKind.Monitoring),
    ];

    private static readonly Dictionary<string, ItemKind[]> ByPhrase = Aliases
        .GroupBy(a => a.Phrase)
        .ToDictionary(g => g.Key, g => g.Select(a => a.Kind).ToArray());

    private static readonly int LongestPhrase = Aliases.Max(a => a.Phrase.Split(' ').Length);

    /// <summary>Longest label we accept as a section title; longer text is a sentence, not a label.</summary>
    public const int MaxLabelWords = 6;

    public static IReadOnlyList<ItemKind> Match(string label)
    {
        if (label.Length > 120)
        {
            return [];
        }
        var normal = Normalise(label);
        if (normal.Length == 0)
        {
            return [];
        }
        var words = normal.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxLabelWords)
        {
            return [];
        }
        // Every run of up to LongestPhrase words is looked up once; kinds keep the order of the aliases table.
        List<ItemKind>? kinds = null;
        for (var start = 0; start < words.Length; start++)
        {
            for (var length = 1; length <= LongestPhrase && start + length <= words.Length; length++)
            {
                if (ByPhrase.TryGetValue(string.Join(' ', words, start, length), out var found))
                {
                    kinds ??= [];
                    foreach (var kind in found)
                    {
                        if (!kinds.Contains(kind))
                        {
                            kinds.Add(kind);
                        }
                    }
                }
            }
        }
        return kinds is null ? [] : kinds.OrderBy(k => (int)k).ToList();
    }

    /// <summary>Lower-case letters and digits only, separated by single spaces ("📊 Before/After:" → "before after").</summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = true;
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        return sb.ToString().Trim();
    }
}
