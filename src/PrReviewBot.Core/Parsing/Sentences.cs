using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Parsing;

/// <summary>Splits prose into sentences (and lines): most item evidence lives within one sentence.</summary>
internal static partial class Sentences
{
    public static IEnumerable<string> Of(string text)
    {
        foreach (var line in Unwrapped(text))
        {
            // Boundary splits only right after one of these characters; a line without them is one part (FastPaths).
            foreach (var part in FastPaths.On && !line.AsSpan().ContainsAny(Stops) ? [line] : Boundary().Split(line))
            {
                var s = part.Trim();
                if (s.Length > 0)
                {
                    yield return s;
                }
            }
        }
    }

    /// <summary>
    /// The lines of a paragraph, with a hard-wrapped sentence joined again: a line that ends on a comma or a word that
    /// cannot end a sentence ("configure with" / "--enable-x; …") continues on the next, unless that one opens a list
    /// item, a table row, a heading or a quote.
    /// </summary>
    private static IEnumerable<string> Unwrapped(string text)
    {
        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            yield return text;
            yield break;
        }
        var lines = text.Split('\n');
        // Joined lines are built up in one buffer, so a long run of wrapped lines stays linear; a line that joins
        // nothing is passed on as it is.
        System.Text.StringBuilder? joined = null;
        var current = lines[0];
        for (var i = 1; i < lines.Length; i++)
        {
            var length = joined?.Length ?? current.Length;
            if (length + lines[i].Length <= MaxJoined && ContinuesOnNextLine(lines[i - 1]) && OpensNewLine().Match(lines[i]) is { Success: false })
            {
                joined ??= new System.Text.StringBuilder(current.TrimEnd(), MaxJoined + 80);
                while (joined.Length > 0 && char.IsWhiteSpace(joined[^1]))
                {
                    joined.Length--;
                }
                joined.Append(' ').Append(lines[i].AsSpan().TrimStart());
                continue;
            }
            yield return joined?.ToString() ?? current;
            joined = null;
            current = lines[i];
        }
        yield return joined?.ToString() ?? current;
    }

    private const int MaxJoined = 600;

    private static bool ContinuesOnNextLine(string line)
    {
        var t = line.TrimEnd();
        if (t.Length < 20)
        {
            return false;
        }
        if (t[^1] == ',')
        {
            return true;
        }
        var space = t.LastIndexOf(' ');
        return space > 0 && ContinuationWord().IsMatch(t.AsSpan(space + 1));
    }

    [GeneratedRegex(@"^(?:with|to|the|a|an|of|and|or|in|on|for|by|at|from|as|into|than|via|using|then|that|which|is|are|was|were|be|set|use|pass|add)$", RegexOptions.IgnoreCase)]
    private static partial Regex ContinuationWord();

    [GeneratedRegex(@"^\s*(?:$|[-*+]\s|\d+[.)]\s|[|#>]|```|~~~)")]
    private static partial Regex OpensNewLine();

    /// <summary>Text without code-span backticks and emphasis stars, for matching prose patterns across them.</summary>
    public static string Plain(string text) => text.Replace("`", string.Empty, StringComparison.Ordinal).Replace("**", string.Empty, StringComparison.Ordinal);

    private static readonly System.Buffers.SearchValues<char> Stops = System.Buffers.SearchValues.Create(".!?;。！？；");

    // A sentence ends at . ! ? ; followed by space and not inside a number ("1.5 s", "e.g. this"), or at a CJK full
    // stop, which needs no space after it.
    [GeneratedRegex(@"(?<=[!?;]|(?<!\b(?:e\.g|i\.e|vs|etc|approx|ca))\.)\s+(?=[A-Z0-9`*\[(""'“])|(?<=[。！？；])\s*")]
    private static partial Regex Boundary();
}
