using System.Text;
using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Rendering;

/// <summary>
/// The one place where text from a PR (evidence quotes, flag names, labels, override reasons, user names) is made
/// safe to echo in Markdown that GitHub renders. Escaped text stays on one line, cannot break a table cell, cannot
/// mention anyone (<c>@</c> gets a zero-width space: GitHub resolves mentions after Markdown escapes, so a backslash
/// would not stop them), cannot open HTML or an entity, and cannot start a list, heading, quote or code span.
/// http(s) links stay clickable as autolinks. Control and bidirectional-override characters are dropped.
/// </summary>
public static partial class MarkdownText
{
    private const char ZeroWidthSpace = '\u200B';

    /// <summary>User text for inline use anywhere, tables included, cut to <paramref name="maxLength"/> characters.</summary>
    public static string Escape(string? text, int maxLength = 300) => EscapeFlat(Flatten(text, maxLength), atStart: true);

    private static string EscapeFlat(string flat, bool atStart)
    {
        var builder = new StringBuilder(flat.Length + 16);
        var at = 0;
        foreach (Match url in UrlPattern().Matches(flat))
        {
            var (link, trailing) = SplitTrailingPunctuation(url.Value);
            EscapeInto(builder, flat.AsSpan(at, url.Index - at), atStart && at == 0);
            builder.Append('<').Append(link.Replace("|", "%7C", StringComparison.Ordinal)).Append('>');
            EscapeInto(builder, trailing, atStart: false);
            at = url.Index + url.Length;
        }
        EscapeInto(builder, flat.AsSpan(at), atStart && at == 0);
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
    public static string Prose(string? text, int maxLength = 1_000, bool inTable = false)
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
            builder.Append(EscapeFlat(flat[plainFrom..at], atStart: plainFrom == 0));
            var span = flat.Substring(at, close + run - at);
            // GitHub splits table cells on "|" before it sees code spans; "\|" keeps the pipe inside the span.
            builder.Append(inTable ? span.Replace("|", "\\|", StringComparison.Ordinal) : span);
            at = close + run;
            plainFrom = at;
        }
        builder.Append(EscapeFlat(flat[plainFrom..], atStart: plainFrom == 0));
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
    public static string Plain(string? text, int maxLength = 300) => Flatten(text, maxLength);

    /// <summary>
    /// One line: control characters, line breaks and bidi overrides become spaces or vanish, runs of spaces collapse,
    /// lone surrogates become U+FFFD, and the result is cut (never inside a surrogate pair) with an ellipsis.
    /// </summary>
    private static string Flatten(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var clean = RemoveUnsafeCharacters(text, keepNewlines: false);
        var builder = new StringBuilder(Math.Min(clean.Length, maxLength) + 1);
        var space = false;
        var i = 0;
        for (; i < clean.Length && builder.Length < maxLength; i++)
        {
            var c = clean[i];
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        if (!clean.AsSpan(i).IsWhiteSpace())
        {
            if (char.IsHighSurrogate(builder[^1]))
            {
                builder.Length--;
            }
            builder.Append('…');
        }
        return builder.ToString();
    }

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
            else if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C')
            {
                // Bidi controls could make the rendered comment read differently from what it says; the text keeps its letters.
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static void EscapeInto(StringBuilder builder, ReadOnlySpan<char> text, bool atStart)
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
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '$':
                    // Emphasis, code, links and images, table cells, strikethrough, math.
                    builder.Append('\\').Append(c);
                    break;
                case '#' or '+' or '-' or '=' when atStart && i == 0:
                    // A heading, list item or rule only opens at the start of a line (this text may start one).
                    builder.Append('\\').Append(c);
                    break;
                case '.' or ')' when atStart && i > 0 && AllDigits(text[..i]):
                    // "1. x" at the start of a list item would open a nested ordered list.
                    builder.Append('\\').Append(c);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static (string Link, string Trailing) SplitTrailingPunctuation(string url)
    {
        var end = url.Length;
        while (end > 0 && url[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"' or ')' or ']' or '*' or '_')
        {
            if (url[end - 1] == ')' && url.AsSpan(0, end).Count('(') >= url.AsSpan(0, end).Count(')'))
            {
                break;
            }
            end--;
        }
        return (url[..end], url[end..]);
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

    [GeneratedRegex(@"https?://[^\s<>""'`|\\\[\]{}^]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
