using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Items.Rollback;

/// <summary>
/// Rollback: all three of a named switch (feature flag, gate, setting, env var, CLI flag), how to disable it, and
/// what happens when it is off. "Off by default" is not an instruction; "revert the PR" is not a switch.
/// </summary>
internal sealed partial class RollbackItem : IItemJudge
{
    public ItemKind Kind => ItemKind.Rollback;

    public void Judge(ReviewContext context)
    {
        var document = context.Document;
        var names = SwitchNames.Read(document);
        var sentences = RollbackSentences(document, names).ToList();

        string? disable = null;
        string? behaviour = null;
        for (var i = 0; i < sentences.Count && behaviour is null; i++)
        {
            var reading = document.Read(sentences[i].Text);
            var plain = reading.Plain;
            var d = reading.DisableInstruction;
            if (d is null)
            {
                continue;
            }
            disable ??= sentences[i].Text;
            // What happens when it is off: elsewhere in the same sentence ("leave the flag out and the old path runs"),
            // or in one of the two sentences after it in the same block.
            var at = plain.IndexOf(d, StringComparison.Ordinal);
            var rest = plain[(at + d.Length)..];
            var before = at > 0 ? plain[..at] : string.Empty;
            if ((SwitchCues.Behaviour().IsMatch(rest) && !SwitchCues.NoBehaviour().IsMatch(rest)) || reading.IsBehaviourStatement || SwitchCues.BehaviourBefore(before))
            {
                behaviour = sentences[i].Text;
                disable = sentences[i].Text;
                break;
            }
            // Two sentences of prose after it; the lines of a config block in between do not count ("switch back with one
            // line in config.toml:" ``` … ``` "Cargo then fetches the full index exactly as before.").
            for (int j = i + 1, prose = 0; j < sentences.Count && prose < 2; j++)
            {
                prose += sentences[j].IsCode ? 0 : 1;
                if (Near(sentences[i], sentences[j]) && document.Read(sentences[j].Text).HasBehaviour)
                {
                    behaviour = sentences[j].Text;
                    disable = sentences[i].Text;
                    break;
                }
            }
        }
        behaviour ??= sentences.Select(s => s.Text).FirstOrDefault(s => s != disable && document.Read(s).IsBehaviourStatement);

        foreach (var name in names)
        {
            context.Switches.Add(new RollbackSwitch(name, disable is not null ? Short(disable) : null, behaviour is not null ? Short(behaviour) : null));
        }
        var present = names.Count > 0 && disable is not null && behaviour is not null;
        var evidence = new List<string>();
        if (names.Count > 0)
        {
            evidence.Add("switch: " + string.Join(", ", names.Take(4).Select(n => $"`{n}`")));
        }
        if (disable is not null)
        {
            evidence.Add("disable: " + Short(disable));
        }
        if (behaviour is not null && behaviour != disable)
        {
            evidence.Add("when off: " + Short(behaviour));
        }
        context.Set(Kind, present, Messages(document, names, disable, behaviour), evidence);
    }

    /// <summary>
    /// Sentences that can speak about turning the change off, in document order: the rollback section, any block naming
    /// a switch, code blocks introduced by how to turn something off ("switch back with one line in config.toml:"), and
    /// release notes written as prose inside a fenced block.
    /// </summary>
    private static IEnumerable<RollbackSentence> RollbackSentences(DescriptionDocument document, IReadOnlyList<string> names)
    {
        var parts = new List<RollbackSentence>();
        foreach (var block in document.Blocks)
        {
            // A block that talks about a switch is read whole: "Set X=off and restart. The parser then falls back…"
            var inSection = block.In(ItemKind.Rollback);
            if (inSection || block.Sentences.Any(sentence => names.Any(n => sentence.Contains(n, StringComparison.Ordinal)) ||
                    (document.Read(sentence) is { HasSwitchWord: true } reading && (SwitchWords().IsMatch(sentence) || reading.HasDisableVerb))))
            {
                parts.AddRange(block.Sentences.Select(sentence => new RollbackSentence(sentence, block.Index, inSection)));
            }
        }
        foreach (var code in document.CodeBlocks)
        {
            var inSection = code.Kinds.Contains(ItemKind.Rollback);
            if (ProseBlock(code))
            {
                parts.AddRange(Sentences.Of(code.Content.Replace('\n', ' ')).Select(sentence => new RollbackSentence(sentence, code.Index, inSection)));
            }
            else if (inSection || document.Read(code.LeadSentence).DisableInstruction is not null)
            {
                parts.AddRange(code.Content.Split('\n').Where(l => l.Trim().Length > 0).Select(line => new RollbackSentence(line.Trim(), code.Index, inSection, IsCode: true)));
            }
        }
        // The paragraph right after a disable instruction and its code block often says what happens then.
        var disablesAt = parts.Where(p => document.Read(p.Text).DisableInstruction is not null).Select(p => p.Position).ToHashSet();
        var taken = parts.Select(p => p.Position).ToHashSet();
        foreach (var block in document.Blocks.Where(b => !taken.Contains(b.Index) && disablesAt.Any(d => b.Index > d && b.Index - d <= 2)))
        {
            parts.AddRange(block.Sentences.Select(sentence => new RollbackSentence(sentence, block.Index, block.In(ItemKind.Rollback))));
        }
        return parts.OrderBy(p => p.Position);
    }

    /// <summary>A fenced block that holds prose, such as a Kubernetes-style release note.</summary>
    internal static bool ProseBlock(CodeSnippet code) => ProseInfo().IsMatch(code.Info) && code.Content.Length < 4_000;

    /// <summary>Two sentences close enough for one to say what happens when the other turns the change off.</summary>
    private static bool Near(RollbackSentence a, RollbackSentence b) =>
        a.Position == b.Position || (a.InSection && b.InSection) || Math.Abs(a.Position - b.Position) <= 2;

    private sealed record RollbackSentence(string Text, int Position, bool InSection, bool IsCode = false);

    private static IEnumerable<string> Messages(DescriptionDocument document, IReadOnlyList<string> names, string? disable, string? behaviour)
    {
        var section = document.SectionsFor(ItemKind.Rollback).FirstOrDefault();
        var revert = document.AllSentences.FirstOrDefault(s => RevertOnly().IsMatch(s));
        if (names.Count == 0)
        {
            if (disable is not null)
            {
                yield return $"The description says how to turn the change off (\"{Short(disable)}\") but names no switch: name the flag, setting or environment variable.";
            }
            else if (revert is not null)
            {
                yield return $"\"{Short(revert)}\" is not a rollback switch: put the optimization behind a flag that turns it off without a redeploy, and say what happens when it is off.";
            }
            else if (section is not null && section.IsEmpty)
            {
                yield return $"The \"{section.Title}\" section is empty or says N/A: every optimization needs a switch that turns it off without a redeploy (Gate 5), how to flip it, and what happens then.";
            }
            else
            {
                yield return "No rollback switch found: name the feature flag (or setting) that turns this optimization off, say how to disable it, and what happens when it is off.";
            }
            yield break;
        }
        var listed = string.Join(", ", names.Take(3).Select(n => $"`{n}`"));
        if (disable is null)
        {
            yield return $"The description names {listed} but does not say how to disable it (e.g. \"set `{names[0]}=false`\").";
        }
        if (behaviour is null)
        {
            yield return $"The description does not say what happens when {listed} is off (e.g. \"reads then go straight to the database, as before\").";
        }
    }

    private static string Short(string text)
    {
        var t = text.Replace('\n', ' ').Trim();
        return t.Length <= 100 ? t : t[..97].TrimEnd() + "…";
    }







    [GeneratedRegex(@"^(?:release-?notes?|changelog|md|markdown|text|txt)$", RegexOptions.IgnoreCase)]
    private static partial Regex ProseInfo();



    [GeneratedRegex(@"\b(?:flags?|feature[- ]gates?|gate|setting|settings|knob|toggle|env(?:ironment)? var(?:iable)?s?|option|kill switch|config(?:uration)? key|defaults? to|by default)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SwitchWords();


    [GeneratedRegex(@"\b(?:" + Switching.RevertOnly + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex RevertOnly();
}
