using System.Globalization;
using System.Text;

namespace PrReviewBot.Core.Rendering;

/// <summary>
/// The one place where text from outside (PR and issue descriptions, evidence quotes, flag names, labels, override
/// reasons, user names, command words) is made safe to echo in Markdown that GitHub renders. Escaped text stays on one
/// line, cannot break a table cell, cannot mention or ping anyone (<c>@</c> gets a zero-width space: GitHub resolves
/// mentions after Markdown escapes, so a backslash would not stop them), cannot cross-reference an issue
/// (<c>#123</c>), cannot autolink (<c>https://</c>, <c>www.</c>), cannot open HTML or an entity (so no fake hidden
/// marker <c>&lt;!-- --&gt;</c>), and cannot start any Markdown structure (links, images, emphasis, headings, tables,
/// lists, quotes, code, math). Control and invisible format characters (bidirectional overrides, zero-width joiners)
/// are dropped; lone surrogates become U+FFFD; text is cut to a length without splitting a surrogate pair.
/// </summary>
public static class MarkdownText
{
    public const int DefaultMaxLength = 300;

    private const char ZeroWidthSpace = '\u200B';

    // Characters that start or end Markdown structure anywhere on a line; a backslash makes each literal (CommonMark:
    // any ASCII punctuation may be escaped). "$" is GitHub's math.
    private const string MarkdownPunctuation = "\\`*_{}[]()#+-!|~=^$";

    /// <summary>User text for inline use anywhere, tables included, cut to <paramref name="maxLength"/> characters.</summary>
    public static string Escape(string? text, int maxLength = DefaultMaxLength)
    {
        var flat = Flatten(text, maxLength);
        var builder = new StringBuilder(flat.Length + 16);
        EscapeInto(builder, flat);
        return builder.ToString();
    }

    /// <summary>User text as an inline code span (flag names, metric names), on one line and cut to length.</summary>
    public static string Code(string? text, int maxLength = 120, bool inTable = false)
    {
        var flat = Flatten(text, maxLength);
        if (flat.Length == 0)
        {
            return "";
        }
        if (inTable)
        {
            // GitHub splits table cells on "|" before it sees code spans; "\|" keeps the pipe inside the span.
            flat = flat.Replace("|", "\\|", StringComparison.Ordinal);
        }
        var fence = new string('`', LongestRun(flat, '`') + 1);
        var pad = flat[0] == '`' || flat[^1] == '`' || (flat[0] == ' ' && flat[^1] == ' ') ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /// <summary>
    /// Text written by the review engine that may quote the PR, with <c>`code`</c> spans meant as Markdown. Spans are
    /// kept (their content is inert), everything between them is escaped; a stray backtick becomes a literal one.
    /// </summary>
    public static string Prose(string? text, int maxLength = 2_000, bool inTable = false)
    {
        var flat = Flatten(text, maxLength);
        var builder = new StringBuilder(flat.Length + 16);
        var at = 0;
        var plainFrom = 0;
        while (at < flat.Length)
        {
            if (flat[at] != '`')
            {
                at++;
                continue;
            }
            var run = RunLength(flat, at, '`');
            var close = FindClosingRun(flat, at + run, run);
            if (close < 0)
            {
                at += run;
                continue;
            }
            EscapeInto(builder, flat.AsSpan(plainFrom, at - plainFrom));
            var span = flat.Substring(at, close + run - at);
            // GitHub splits table cells on "|" before it sees code spans; "\|" keeps the pipe inside the span.
            builder.Append(inTable ? span.Replace("|", "\\|", StringComparison.Ordinal) : span);
            at = close + run;
            plainFrom = at;
        }
        EscapeInto(builder, flat.AsSpan(plainFrom));
        return builder.ToString();
    }

    /// <summary>A fenced code block whose fence no line of <paramref name="text"/> can close early.</summary>
    public static string FencedBlock(string text, string language = "", int maxLength = 4_000)
    {
        var body = RemoveUnsafeCharacters(text.ReplaceLineEndings("\n"), keepNewlines: true).TrimEnd('\n');
        if (body.Length > maxLength)
        {
            body = body[..(char.IsHighSurrogate(body[maxLength - 1]) ? maxLength - 1 : maxLength)] + "\n…";
        }
        var fence = new string('`', Math.Max(3, LongestRun(body, '`') + 1));
        return $"{fence}{language}\n{body}\n{fence}";
    }

    /// <summary>
    /// <c>[label](url)</c> for an absolute http(s) URL we were given (the report page), or null when there is none or
    /// it is not one: a link must never carry a script scheme, spaces or brackets into the comment.
    /// </summary>
    public static string? Link(string label, string? url)
    {
        if (string.IsNullOrWhiteSpace(url)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '`'))
        {
            return null;
        }
        return $"[{Escape(label)}](<{url}>)";
    }

    /// <summary>Plain text for places that render no Markdown (check titles, commit statuses, terminals): one line, no control characters.</summary>
    public static string Plain(string? text, int maxLength = DefaultMaxLength) => Flatten(text, maxLength);

    /// <summary>
    /// One line: line breaks, tabs and other control characters become spaces, invisible format characters (bidi
    /// overrides and isolates, zero-width joiners) vanish, runs of spaces collapse, lone surrogates become U+FFFD, and
    /// the result is cut to at most <paramref name="maxLength"/> characters (never inside a surrogate pair), ending
    /// with an ellipsis when cut.
    /// </summary>
    private static string Flatten(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text) || maxLength <= 0)
        {
            return "";
        }
        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        var pendingSpace = false;
        var cut = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (IsInvisibleFormat(c))
            {
                continue;
            }
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var width = pair ? 2 : 1;
            if (builder.Length + (pendingSpace ? 1 : 0) + width > maxLength)
            {
                cut = true;
                break;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            if (pair)
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        if (cut)
        {
            // Make room for the ellipsis without splitting a surrogate pair.
            var keep = Math.Max(0, Math.Min(builder.Length, maxLength - 1));
            if (keep > 0 && char.IsHighSurrogate(builder[keep - 1]))
            {
                keep--;
            }
            builder.Length = keep;
            builder.Append('…');
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>Multi-line text for a code block: line breaks kept, everything else as <see cref="Flatten"/> treats it.</summary>
    private static string RemoveUnsafeCharacters(string text, bool keepNewlines)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else if (c == '\n' && keepNewlines)
            {
                builder.Append(c);
            }
            else if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                builder.Append(' ');
            }
            else if (!IsInvisibleFormat(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// Bidi overrides and isolates, zero-width spaces and joiners, soft hyphens and similar format characters: invisible,
    /// and able to make text read differently from what it is (or to smuggle a mention past a reader).
    /// </summary>
    private static bool IsInvisibleFormat(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || c is '\u2028' or '\u2029';

    private static void EscapeInto(StringBuilder builder, ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '@':
                    builder.Append('@').Append(ZeroWidthSpace);
                    break;
                case '#':
                    // "\#" keeps a heading from opening; the zero-width space stops GitHub's "#123" cross-reference.
                    builder.Append("\\#");
                    if (i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
                    {
                        builder.Append(ZeroWidthSpace);
                    }
                    break;
                case '/' when i > 0 && text[i - 1] == ':' && i + 1 < text.Length && text[i + 1] == '/':
                    // "https://": a zero-width space after the colon stops GitHub's autolinker (and its cross-references).
                    builder.Append(ZeroWidthSpace).Append('/');
                    break;
                case '.' when i >= 3 && EndsWithWww(text[..i]):
                    builder.Append(ZeroWidthSpace).Append('.');
                    break;
                case '.' when i > 0 && char.IsAsciiDigit(text[i - 1]) && LeadingDigits(text, i):
                    // "1." at the start would open an ordered list.
                    builder.Append('\\').Append(c);
                    break;
                default:
                    if (MarkdownPunctuation.Contains(c, StringComparison.Ordinal))
                    {
                        builder.Append('\\');
                    }
                    builder.Append(c);
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

    private static int LongestRun(string text, char c)
    {
        int longest = 0, current = 0;
        foreach (var ch in text)
        {
            current = ch == c ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }
        return longest;
    }

    private static int RunLength(string text, int at, char c)
    {
        var end = at;
        while (end < text.Length && text[end] == c)
        {
            end++;
        }
        return end - at;
    }

    private static int FindClosingRun(string text, int from, int length)
    {
        var at = from;
        while (at < text.Length)
        {
            if (text[at] != '`')
            {
                at++;
                continue;
            }
            var run = RunLength(text, at, '`');
            if (run == length)
            {
                return at;
            }
            at += run;
        }
        return -1;
    }
}
