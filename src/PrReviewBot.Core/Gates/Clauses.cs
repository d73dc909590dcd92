using System.Text;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Splits a sentence into clauses at commas, semicolons and "but"/"while"/"whereas" outside parentheses, so that
/// "DB queries optimized (index-only, 8ms), Redis GET is 3ms and accounts for 70% of p99" reads as two claims.
/// </summary>
internal static class Clauses
{
    private static readonly string[] Joiners = [" but ", " while ", " whereas ", " although ", " however "];

    public static IReadOnlyList<string> Of(string sentence)
    {
        var clauses = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            var ch = sentence[i];
            if (ch is '(' or '[')
            {
                depth++;
            }
            else if (ch is ')' or ']' && depth > 0)
            {
                depth--;
            }
            if (depth == 0 && (ch is ';' || (ch == ',' && !(i > 0 && i + 1 < sentence.Length && char.IsDigit(sentence[i - 1]) && char.IsDigit(sentence[i + 1])))))
            {
                Flush(clauses, current);
                continue;
            }
            if (depth == 0 && ch == ' ' && Joiners.FirstOrDefault(j => string.Compare(sentence, i, j, 0, j.Length, StringComparison.OrdinalIgnoreCase) == 0) is { } joiner)
            {
                Flush(clauses, current);
                i += joiner.Length - 2;
                continue;
            }
            current.Append(ch);
        }
        Flush(clauses, current);
        return clauses;
    }

    private static void Flush(List<string> clauses, StringBuilder current)
    {
        var text = current.ToString().Trim();
        if (text.Length > 0)
        {
            clauses.Add(text);
        }
        current.Clear();
    }
}
