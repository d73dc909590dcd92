using System.Globalization;
using System.Text;

namespace PrReviewBot.Core.Commands;

/// <summary>
/// Makes text a user wrote safe to echo in a comment the bot posts: one line, no mention or team ping (<c>@</c> gets a
/// zero-width space, since GitHub resolves mentions after Markdown escapes), no issue cross-reference (<c>#123</c>), no
/// autolink (<c>https://</c>, <c>www.</c>), no HTML (so no fake hidden marker <c>&lt;!-- --&gt;</c>), no Markdown
/// structure (links, images, emphasis, headings, tables, lists, quotes, code). Control and bidirectional-override
/// characters are dropped; lone surrogates become U+FFFD; the result is cut to a length without splitting a pair.
/// </summary>
public static class UserText
{
    public const int DefaultMaxLength = 300;

    private const char ZeroWidthSpace = '\u200B';

    // Characters that start or end Markdown structure; a backslash makes each literal (CommonMark: any ASCII punctuation).
    private const string MarkdownPunctuation = "\\`*_{}[]()#+-!|~=^";

    /// <summary>User text for inline use anywhere in a comment, table cells included.</summary>
    public static string Escape(string? text, int maxLength = DefaultMaxLength)
    {
        var clean = Clean(text, maxLength);
        var sb = new StringBuilder(clean.Length + 16);
        EscapeInto(sb, clean);
        return sb.ToString();
    }

    /// <summary>
    /// Text the bot composed that may quote the user, where <c>`code`</c> spans are meant as Markdown: spans are kept
    /// (their content renders literally and cannot mention or link), everything around them is escaped. In a table,
    /// pipes inside spans are escaped too, since GitHub splits cells before it sees code spans.
    /// </summary>
    public static string Prose(string? text, int maxLength = 2_000, bool inTable = false)
    {
        var clean = Clean(text, maxLength);
        var sb = new StringBuilder(clean.Length + 16);
        var plainFrom = 0;
        var at = 0;
        while (at < clean.Length)
        {
            if (clean[at] != '`')
            {
                at++;
                continue;
            }
            var run = Run(clean, at);
            var close = Closing(clean, at + run, run);
            if (close < 0)
            {
                at += run;
                continue;
            }
            EscapeInto(sb, clean.AsSpan(plainFrom, at - plainFrom));
            var span = clean.Substring(at, close + run - at);
            sb.Append(inTable ? span.Replace("|", "\\|", StringComparison.Ordinal) : span);
            at = close + run;
            plainFrom = at;
        }
        EscapeInto(sb, clean.AsSpan(plainFrom));
        return sb.ToString();
    }

    /// <summary>
    /// One line of plain text: control characters and bidi overrides removed, whitespace collapsed, cut to
    /// <paramref name="maxLength"/> characters with an ellipsis. For storage, JSON and terminals (no escaping).
    /// </summary>
    public static string Clean(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text) || maxLength <= 0)
        {
            return string.Empty;
        }
        var sb = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        var pendingSpace = false;
        var cut = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (char.IsControl(c) || IsInvisibleFormat(c))
            {
                continue;
            }
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var width = pair ? 2 : 1;
            if (sb.Length + (pendingSpace ? 1 : 0) + width > maxLength)
            {
                cut = true;
                break;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            if (pair)
            {
                sb.Append(c).Append(text[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        if (cut)
        {
            // Make room for the ellipsis without splitting a surrogate pair.
            var keep = Math.Max(0, Math.Min(sb.Length, maxLength - 1));
            if (keep > 0 && char.IsHighSurrogate(sb[keep - 1]))
            {
                keep--;
            }
            sb.Length = keep;
            sb.Append('…');
        }
        return sb.ToString().TrimEnd();
    }

    private static void EscapeInto(StringBuilder sb, ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '@':
                    sb.Append('@').Append(ZeroWidthSpace);
                    break;
                case '#':
                    sb.Append("\\#");
                    if (i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
                    {
                        sb.Append(ZeroWidthSpace);
                    }
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '/' when i > 0 && text[i - 1] == ':' && i + 1 < text.Length && text[i + 1] == '/':
                    // "https://": a zero-width space after the colon stops GitHub's autolinker.
                    sb.Append(ZeroWidthSpace).Append('/');
                    break;
                case '.' when i >= 3 && EndsWithWww(text[..i]):
                    sb.Append(ZeroWidthSpace).Append('.');
                    break;
                case '.' or ')' when i > 0 && char.IsAsciiDigit(text[i - 1]) && LeadingDigits(text, i):
                    // "1." or "1)" at the start would open an ordered list.
                    sb.Append('\\').Append(c);
                    break;
                default:
                    if (MarkdownPunctuation.Contains(c, StringComparison.Ordinal))
                    {
                        sb.Append('\\');
                    }
                    sb.Append(c);
                    break;
            }
        }
    }

    private static bool EndsWithWww(ReadOnlySpan<char> before) =>
        before.EndsWith("www", StringComparison.OrdinalIgnoreCase) && (before.Length == 3 || !char.IsLetterOrDigit(before[^4]));

    private static bool LeadingDigits(ReadOnlySpan<char> text, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (!char.IsAsciiDigit(text[j]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Bidi overrides and isolates, zero-width joiners and similar format characters: invisible, and able to
    /// make text read differently from what it is.</summary>
    private static bool IsInvisibleFormat(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && c != ZeroWidthSpace ||
        c is '\u2028' or '\u2029';

    private static int Run(string text, int at)
    {
        var end = at;
        while (end < text.Length && text[end] == '`')
        {
            end++;
        }
        return end - at;
    }

    private static int Closing(string text, int from, int run)
    {
        var i = from;
        while (i < text.Length)
        {
            if (text[i] != '`')
            {
                i++;
                continue;
            }
            var r = Run(text, i);
            if (r == run)
            {
                return i;
            }
            i += r;
        }
        return -1;
    }
}
