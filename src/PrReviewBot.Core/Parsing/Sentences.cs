using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Parsing;

/// <summary>Splits prose into sentences (and lines): most item evidence lives within one sentence.</summary>
internal static partial class Sentences
{
    public static IEnumerable<string> Of(string text)
    {
        foreach (var line in text.Split('\n'))
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

    /// <summary>Text without code-span backticks and emphasis stars, for matching prose patterns across them.</summary>
    public static string Plain(string text) => text.Replace("`", string.Empty, StringComparison.Ordinal).Replace("**", string.Empty, StringComparison.Ordinal);

    private static readonly System.Buffers.SearchValues<char> Stops = System.Buffers.SearchValues.Create(".!?;。！？；");

    // A sentence ends at . ! ? ; followed by space and not inside a number ("1.5 s", "e.g. this"), or at a CJK full
    // stop, which needs no space after it.
    [GeneratedRegex(@"(?<=[!?;]|(?<!\b(?:e\.g|i\.e|vs|etc|approx|ca))\.)\s+(?=[A-Z0-9`*\[(""'“])|(?<=[。！？；])\s*")]
    private static partial Regex Boundary();
}
