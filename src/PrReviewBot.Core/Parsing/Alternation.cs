using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Parsing;

/// <summary>
/// One long alternation asked as its parts, each a pattern of its own. The .NET JIT stops optimizing a method past a
/// size (it compiles it with "MinOpts", several times slower, and never tiers it up); a generated matcher for a
/// few hundred alternatives crosses that size, so the big cue patterns are also generated in parts small enough to be
/// optimized (see docs/PERFORMANCE.md, ninth session).
/// <para>
/// The answer is the one the whole pattern gives. A backtracking engine tries <c>P1|P2|…|Pn</c> at each position from
/// the left, and at a position the first part (in order) that matches there wins. So the whole pattern's match is the
/// leftmost of the parts' matches, the earlier part when two begin at the same place. This holds when the parts
/// are the top-level branches of the whole, in order, each with what comes before and after them in the whole
/// (a leading <c>\b</c>, a trailing look-ahead), and the options are the same.
/// </para>
/// </summary>
internal static class Alternation
{
    /// <summary>The match <c>P1|P2|…|Pn</c> would give: the leftmost part's match, the earlier part on a tie.</summary>
    public static Match Match(string input, params ReadOnlySpan<Regex> parts)
    {
        Match? best = null;
        foreach (var part in parts)
        {
            if (best is { Index: 0 })
            {
                // A later part wins only by starting strictly before the best so far.
                break;
            }
            var m = part.Match(input);
            if (m.Success && (best is null || m.Index < best.Index))
            {
                best = m;
            }
        }
        return best ?? System.Text.RegularExpressions.Match.Empty;
    }

    /// <summary>Whether <c>P1|P2|…|Pn</c> matches anywhere.</summary>
    public static bool IsMatch(string input, params ReadOnlySpan<Regex> parts)
    {
        foreach (var part in parts)
        {
            if (part.IsMatch(input))
            {
                return true;
            }
        }
        return false;
    }
}
