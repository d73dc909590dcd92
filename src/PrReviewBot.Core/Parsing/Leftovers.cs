using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Parsing;

/// <summary>
/// Template leftovers count as empty: "N/A", "TODO", "TBD", "—", "_none_", "❌ not set", "&lt;Issue number if applicable&gt;",
/// "Fixes # (issue)". HTML comments never reach here (the parser drops them).
/// </summary>
internal static partial class Leftovers
{
    // Whole-content placeholders, compared after trimming punctuation, emphasis and emoji.
    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "n/a", "na", "n.a", "n a", "none", "nothing", "todo", "tbd", "tba", "tbc", "wip", "-", "—", "–", "--", "...", "…",
        "not set", "not applicable", "not attached", "not yet", "no", "nil", "null", "empty", "same", "same as above",
        "none set", "none set for this change", "not measured", "no capture", "no flag", "no setting", "unknown", "pending",
        "to do", "to be done", "fill in", "fill me", "x", "?", "??", "n/a (backport)", "not set yet", "skip", "skipped",
    };

    /// <summary>True when the text says nothing beyond a template leftover.</summary>
    public static bool IsPlaceholder(string text)
    {
        if (text.Length > MaxPlaceholderLength)
        {
            return false;
        }
        var t = Clean(text);
        if (t.Length == 0)
        {
            return true;
        }
        if (Placeholders.Contains(t))
        {
            return true;
        }
        // "N/A (backport)", "n/a — full framework switch", "none in this PR": a not-applicable word followed by a reason.
        if (NotApplicableLead().IsMatch(t))
        {
            return true;
        }
        // "<Issue number if applicable>", "<paste results>", "[link]", "Fixes # (issue)".
        return AnglePrompt().IsMatch(t) || BracketPrompt().IsMatch(t) || IssuePrompt().IsMatch(t);
    }

    /// <summary>True when the author explicitly declared the item not applicable (as opposed to leaving it blank).</summary>
    public static bool DeclaresNotApplicable(string text)
    {
        var t = Clean(text.Length > MaxPlaceholderLength ? text[..MaxPlaceholderLength] : text);
        return t.Length > 0 && (Placeholders.Contains(t) || NotApplicableLead().IsMatch(t));
    }

    // Leftovers are short ("N/A (backport)", "<Issue number if applicable>"); anything longer is content.
    private const int MaxPlaceholderLength = 80;

    private static string Clean(string text)
    {
        // Drop emphasis markers, emoji, check marks and trailing punctuation; keep letters, digits and '/'. One pass,
        // runs of spaces collapsed.
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c is '/' or '-' or '—' or '–' or '.' or '?' or '<' or '>' or '#' or '(' or ')' or '[' or ']')
            {
                sb.Append(c);
            }
            else if (c == ' ' || char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
        }
        return sb.ToString().Trim().Trim('.', ' ');
    }

    [GeneratedRegex(@"^(?:n/?a|none|nothing|not applicable|not set|not attached|not measured|no capture|no setting|no flag)\b[\s\-—–:,(]", RegexOptions.IgnoreCase)]
    private static partial Regex NotApplicableLead();

    [GeneratedRegex(@"^<[^<>]{1,80}>$")]
    private static partial Regex AnglePrompt();

    [GeneratedRegex(@"^\[[^\[\]]{1,40}\]$")]
    private static partial Regex BracketPrompt();

    [GeneratedRegex(@"^(?:fixes|closes|resolves|related|link)?\s*#\s*(?:\(issue\)|issue|<[^>]*>)?$", RegexOptions.IgnoreCase)]
    private static partial Regex IssuePrompt();
}
