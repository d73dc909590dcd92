using System.Text.RegularExpressions;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Findings;

/// <summary>
/// The optimization techniques a PR says it applies (cache, singleflight, serialization change, lock-free code...),
/// read from the sentences that describe the change — not from mentions of what already exists or comes next.
/// </summary>
internal static partial class Techniques
{
    /// <summary>The families of the techniques the PR applies, in the order first named ("cache", "singleflight / stampede
    /// protection"...). A circuit breaker is resilience, not an optimization, so it never counts towards a bundle.</summary>
    public static IReadOnlyList<string> Applied(DescriptionDocument document)
    {
        var found = new List<string>();
        foreach (var block in document.Blocks)
        {
            var listItem = block.Role == BlockRole.ListItem;
            foreach (var text in block.PlainSentences)
            {
                if (!Vocabulary.Techniques.AnyIn(text) || NotThisChange().IsMatch(text) || (!listItem && !ChangeVerb().IsMatch(text)))
                {
                    continue;
                }
                foreach (var (technique, _) in Vocabulary.Techniques.In(text))
                {
                    if (technique.Family != "circuit breakers" && !found.Contains(technique.Family))
                    {
                        found.Add(technique.Family);
                    }
                }
            }
        }
        return found;
    }

    [GeneratedRegex(@"\b(?:add(?:s|ed|ing)?|introduc(?:e|es|ed|ing)|implement(?:s|ed|ing)?|switch(?:es|ed|ing)?|replac(?:e|es|ed|ing)|us(?:e|es|ed|ing)|enabl(?:e|es|ed|ing)|mov(?:e|es|ed|ing)|wrap(?:s|ped|ping)?|put(?:s)?|now|new|built|build|convert(?:s|ed|ing)?|chang(?:e|es|ed|ing)|rewr(?:ite|ote|itten)|keep(?:s)?|store[sd]?|this pr)\b|\b(?:change|changes|what):", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeVerb();

    [GeneratedRegex(@"\b(?:already|existing|previous(?:ly)?|prior|next(?: step)?:?|later|follow[- ]?up|future|instead of|rather than|not (?:add|use|need)|no (?:cache|singleflight)|without (?:a )?(?:cache|singleflight)|don't|do not|avoid(?:ed)? (?:adding|a)|removed|before this)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotThisChange();
}
