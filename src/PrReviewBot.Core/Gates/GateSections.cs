using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Gates;

/// <summary>A part of the issue that answers one gate: under a heading ("## Gate 2: Where is the hot path?", "### Traffic")
/// or after a label ("**Rollback:** ...", "Hot path:"). Lines are 1-based; <see cref="EndLine"/> is exclusive.</summary>
internal sealed class GateSection(GateKind gate, string title, int startLine, int endLine)
{
    public GateKind Gate { get; } = gate;

    public string Title { get; } = title;

    public int StartLine { get; } = startLine;

    public int EndLine { get; set; } = endLine;

    /// <summary>True when everything in the section is a template leftover (TBD, N/A, a prompt in angle brackets).</summary>
    public bool IsEmpty { get; set; }

    public bool Contains(int line) => line >= StartLine && line < EndLine;
}

/// <summary>
/// Finds the gate sections of an issue. Headings open a section that runs to the next heading of the same or a higher
/// level; a label ("Hot path: /feed, 88%") covers its own block; a bold line on its own ("**Profile**") acts as a
/// heading below every real one.
/// </summary>
internal static class GateSections
{
    private const int LabelLevel = 7;

    // Whole-phrase aliases, matched on the normalised title ("Gate 3: What does the profile say?" → "gate 3 what does
    // the profile say"). A title longer than this many words is a sentence, not a heading.
    private const int MaxTitleWords = 10;

    private static readonly (string Phrase, GateKind Gate)[] Aliases =
    [
        ("gate 1", GateKind.HardTargets), ("gate one", GateKind.HardTargets),
        ("gate 2", GateKind.HotPath), ("gate two", GateKind.HotPath),
        ("gate 3", GateKind.Profile), ("gate three", GateKind.Profile),
        ("gate 4", GateKind.SimplestSolution), ("gate four", GateKind.SimplestSolution),
        ("gate 5", GateKind.Rollback), ("gate five", GateKind.Rollback),
        ("hard targets", GateKind.HardTargets), ("targets", GateKind.HardTargets), ("target", GateKind.HardTargets),
        ("constraints", GateKind.HardTargets), ("constraint", GateKind.HardTargets), ("slo", GateKind.HardTargets),
        ("slos", GateKind.HardTargets), ("goals", GateKind.HardTargets), ("goal", GateKind.HardTargets),
        ("requirements", GateKind.HardTargets), ("budgets", GateKind.HardTargets), ("budget", GateKind.HardTargets),
        ("acceptance criteria", GateKind.HardTargets), ("pass criteria", GateKind.HardTargets), ("definition of done", GateKind.HardTargets),
        ("done when", GateKind.HardTargets), ("desired outcome", GateKind.HardTargets), ("success criteria", GateKind.HardTargets),
        ("akzeptanzkriterien", GateKind.HardTargets), ("hecho cuando", GateKind.HardTargets), ("criterios de aceptacion", GateKind.HardTargets),
        ("hot path", GateKind.HotPath), ("hot paths", GateKind.HotPath), ("traffic", GateKind.HotPath),
        ("endpoints", GateKind.HotPath), ("endpoint", GateKind.HotPath), ("latency distribution", GateKind.HotPath),
        ("current latency", GateKind.HotPath), ("current performance", GateKind.HotPath), ("baseline", GateKind.HotPath),
        ("current numbers", GateKind.HotPath), ("current state", GateKind.HotPath), ("workload", GateKind.HotPath),
        ("profile", GateKind.Profile), ("profiles", GateKind.Profile), ("profiling", GateKind.Profile),
        ("flamegraph", GateKind.Profile), ("flame graph", GateKind.Profile), ("bottleneck", GateKind.Profile),
        ("evidence", GateKind.Profile), ("traces", GateKind.Profile), ("findings", GateKind.Profile),
        ("simplest sufficient solution", GateKind.SimplestSolution), ("solution", GateKind.SimplestSolution),
        ("proposal", GateKind.SimplestSolution), ("proposed solution", GateKind.SimplestSolution),
        ("proposed change", GateKind.SimplestSolution), ("proposed fix", GateKind.SimplestSolution),
        ("approach", GateKind.SimplestSolution), ("escalation", GateKind.SimplestSolution),
        ("escalation step", GateKind.SimplestSolution), ("ladder step", GateKind.SimplestSolution),
        ("plan", GateKind.SimplestSolution), ("ask", GateKind.SimplestSolution), ("what we want", GateKind.SimplestSolution),
        ("changes", GateKind.SimplestSolution), ("change", GateKind.SimplestSolution), ("fix", GateKind.SimplestSolution),
        ("suggested fix", GateKind.SimplestSolution), ("suggestion", GateKind.SimplestSolution), ("summary of changes", GateKind.SimplestSolution),
        ("implementation plan", GateKind.SimplestSolution), ("proposed outcome", GateKind.SimplestSolution),
        ("rollback", GateKind.Rollback), ("rollback plan", GateKind.Rollback), ("roll back", GateKind.Rollback),
        ("feature flag", GateKind.Rollback), ("feature flags", GateKind.Rollback), ("kill switch", GateKind.Rollback),
        ("load test", GateKind.Rollback), ("verification", GateKind.Rollback), ("safety", GateKind.Rollback),
        ("reversibility", GateKind.Rollback),
    ];

    public static IReadOnlyList<GateSection> Find(DescriptionDocument document)
    {
        var lines = document.Text.Split('\n');
        var totalLines = lines.Length + 1;
        var sections = new List<GateSection>();
        // Open heading scopes: (level, section or null for a heading that names no gate).
        var scopes = new List<(int Level, GateSection? Section)>();
        var blocks = document.Blocks;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            int level;
            string title;
            if (block.Role == BlockRole.Heading)
            {
                level = HeadingLevel(lines, block.Line);
                title = block.Text;
            }
            // A list item acts as a heading only when it is nothing but a gate's name ("- **Rollback**"); a checklist item
            // that mentions one ("[ ] Lighthouse CI budget assertions") is content of the section it sits in.
            else if ((block.Role == BlockRole.Paragraph || block.Role == BlockRole.ListItem && IsExactAlias(block.Text)) && StandaloneLabel(block.Text) is { } standalone)
            {
                level = LabelLevel;
                title = standalone;
            }
            else
            {
                if (block.Role is BlockRole.Paragraph or BlockRole.ListItem && InlineLabel(block.Text) is { } label && Match(label) is { } labelled)
                {
                    // A label covers its own block: up to the next block below it, whatever order the parser listed blocks in.
                    var below = blocks.Where(b => b.Line > block.Line).Select(b => b.Line).DefaultIfEmpty(block.Line + 1).Min();
                    var next = below;
                    sections.Add(new GateSection(labelled, label, block.Line, Math.Max(next, block.Line + 1)));
                }
                continue;
            }
            while (scopes.Count > 0 && scopes[^1].Level >= level)
            {
                Close(scopes[^1].Section, block.Line);
                scopes.RemoveAt(scopes.Count - 1);
            }
            var gate = Match(title);
            GateSection? section = null;
            if (gate is not null)
            {
                section = new GateSection(gate.Value, title.Trim(), block.Line, totalLines);
                sections.Add(section);
            }
            scopes.Add((level, section));
        }
        foreach (var section in sections)
        {
            section.IsEmpty = OnlyLeftovers(document, section);
        }
        return sections;
    }

    private static void Close(GateSection? section, int line)
    {
        if (section is not null)
        {
            section.EndLine = line;
        }
    }

    public static GateKind? Match(string title)
    {
        var normal = SectionAliases.Normalise(title);
        if (normal.Length == 0 || normal.Split(' ').Length > MaxTitleWords)
        {
            return null;
        }
        // "Expected" on its own (a bug template's "Expected" / "Expected behavior") states what should happen; inside a
        // longer title ("Expected load") it is a forecast, not a goal.
        if (normal is "expected" or "expected behavior" or "expected behaviour" or "expected result" or "expected results")
        {
            return GateKind.HardTargets;
        }
        var padded = " " + normal + " ";
        // An explicit "Gate N" wins over any other word in the title.
        foreach (var (phrase, gate) in Aliases.Take(10))
        {
            if (padded.Contains(" " + phrase + " ", StringComparison.Ordinal))
            {
                return gate;
            }
        }
        // Otherwise the longest alias that fits ("rollback plan" before "plan").
        return Aliases.Skip(10)
            .Where(a => padded.Contains(" " + a.Phrase + " ", StringComparison.Ordinal))
            .OrderByDescending(a => a.Phrase.Length)
            .Select(a => (GateKind?)a.Gate)
            .FirstOrDefault();
    }

    private static int HeadingLevel(string[] lines, int line)
    {
        if (line < 1 || line > lines.Length)
        {
            return 2;
        }
        var text = lines[line - 1].TrimStart(' ', '>');
        var hashes = text.TakeWhile(c => c == '#').Count();
        if (hashes > 0)
        {
            return Math.Min(hashes, 6);
        }
        // Setext: the underline on the next line says the level.
        return line < lines.Length && lines[line].TrimStart().StartsWith('=') ? 1 : 2;
    }

    private static bool IsExactAlias(string text)
    {
        var normal = SectionAliases.Normalise(text.Trim().TrimEnd(':'));
        return Aliases.Any(a => a.Phrase == normal);
    }

    /// <summary>"Hot path" or "Profile:" alone on its line (often bold) acts as a heading for what follows.</summary>
    private static string? StandaloneLabel(string text)
    {
        var t = text.Trim().TrimEnd(':').Trim();
        if (t.Length == 0 || t.Length > 60 || t.Contains('\n') || t.EndsWith('.') || t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 6)
        {
            return null;
        }
        return Match(t) is not null ? t : null;
    }

    /// <summary>"Hot path: /feed, 88% of traffic" → "Hot path".</summary>
    private static string? InlineLabel(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon > 48)
        {
            return null;
        }
        var label = text[..colon];
        return label.Contains('\n') || label.Contains('`') || label.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 6 ? null : label.Trim();
    }

    private static bool OnlyLeftovers(DescriptionDocument document, GateSection section)
    {
        if (document.Tables.Any(t => section.Contains(t.Line) && t.Rows.Any(r => r.Skip(1).Any(c => !Leftovers.IsPlaceholder(c)))) ||
            document.CodeBlocks.Any(c => section.Contains(c.Line) && c.Content.Trim().Length > 0))
        {
            return false;
        }
        foreach (var block in document.Blocks.Where(b => section.Contains(b.Line) && b.Role != BlockRole.TableCell))
        {
            if (block.Links.Count > 0 && block.Line != section.StartLine)
            {
                return false;
            }
            var text = block.Text;
            if (block.Line == section.StartLine)
            {
                // The heading or label itself; only what follows a label's colon is content.
                if (block.Role == BlockRole.Heading)
                {
                    continue;
                }
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                text = colon >= 0 ? text[(colon + 1)..] : string.Empty;
            }
            if (!Leftovers.IsPlaceholder(text) && !IsPrompt(text))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Template prompts left in place: "e.g. p95 &lt; 80ms", "Example: 2,500 RPS".</summary>
    private static bool IsPrompt(string text)
    {
        var t = text.Trim();
        return t.StartsWith("e.g.", StringComparison.OrdinalIgnoreCase) || t.StartsWith("eg.", StringComparison.OrdinalIgnoreCase) ||
               t.StartsWith("example:", StringComparison.OrdinalIgnoreCase);
    }
}
