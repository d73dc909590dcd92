using PrReviewBot.Core.Rendering;
using Markdig;
using Markdig.Syntax;

namespace PrReviewBot.Core.Commands;

/// <summary>
/// Finds <c>/perf-review &lt;sub-command&gt;</c> in a comment body. A command counts only at the start of a line of
/// ordinary text: not inside a code block or code span, a quote (someone quoting an earlier command), a list, or an
/// HTML comment. Matching is case-insensitive. The bot's own comments (they start with its hidden marker) hold no
/// commands.
/// </summary>
public static class CommandParser
{
    public const string Prefix = "/perf-review";

    /// <summary>Longest override reason kept; longer ones are cut (and the reply says so).</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Comments longer than this are read on their first part only (GitHub caps comments at 65,536).</summary>
    public const int MaxCommentLength = 262_144;

    private const string BotMarkerPrefix = "<!-- prreviewbot:";

    private const int MaxVerbLength = 40;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    /// <summary>The first command in the comment, or null when there is none.</summary>
    public static PerfCommand? Parse(string? commentBody) => ParseAll(commentBody).FirstOrDefault();

    /// <summary>Every command in the comment, in order.</summary>
    public static IReadOnlyList<PerfCommand> ParseAll(string? commentBody)
    {
        if (string.IsNullOrEmpty(commentBody) || IsBotComment(commentBody))
        {
            return [];
        }
        var body = commentBody.Length > MaxCommentLength ? commentBody[..MaxCommentLength] : commentBody;
        if (!body.Contains(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }
        var commands = new List<PerfCommand>();
        foreach (var line in CommandLines(body))
        {
            if (FromLine(line) is { } command)
            {
                commands.Add(command);
            }
        }
        return commands;
    }

    /// <summary>True for a comment the bot wrote (gate comment, review comment, plan, reply): it starts with a hidden marker.</summary>
    public static bool IsBotComment(string? body) =>
        body is not null && body.TrimStart().StartsWith(BotMarkerPrefix, StringComparison.Ordinal);

    /// <summary>The lines of top-level paragraphs: the only place a command may stand.</summary>
    private static IEnumerable<string> CommandLines(string body)
    {
        MarkdownDocument? document = null;
        try
        {
            document = Markdown.Parse(body, Pipeline);
        }
        catch (ArgumentException)
        {
            // Nesting beyond Markdig's limit: fall back to a plain scan that still skips fences, quotes and indents.
        }
        if (document is null)
        {
            foreach (var line in PlainLines(body))
            {
                yield return line;
            }
            yield break;
        }
        foreach (var block in document)
        {
            if (block is not ParagraphBlock paragraph)
            {
                continue;
            }
            // The paragraph's own source text: its lines, as typed (Markdig releases the line list after inline parsing).
            var start = Math.Clamp(paragraph.Span.Start, 0, body.Length);
            var end = Math.Clamp(paragraph.Span.End + 1, start, body.Length);
            foreach (var line in body[start..end].Split('\n'))
            {
                yield return line.TrimEnd('\r');
            }
        }
    }

    private static IEnumerable<string> PlainLines(string body)
    {
        string? fence = null;
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }
                continue;
            }
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = trimmed[..3];
                continue;
            }
            if (line.Length - trimmed.Length >= 4 || trimmed.StartsWith('>'))
            {
                continue;
            }
            yield return line;
        }
    }

    private static PerfCommand? FromLine(string line)
    {
        var text = line.TrimStart(' ', '\t');
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var rest = text[Prefix.Length..];
        if (rest.Length > 0 && !char.IsWhiteSpace(rest[0]))
        {
            // "/perf-reviewer", "/perf-review-bot": another word.
            return null;
        }
        rest = rest.Trim();
        var space = rest.IndexOfAny([' ', '\t']);
        var verbText = space < 0 ? rest : rest[..space];
        var argument = space < 0 ? string.Empty : rest[(space + 1)..].Trim();
        var verb = verbText.ToLowerInvariant() switch
        {
            "" or "help" => CommandVerb.Help,
            "recheck" => CommandVerb.Recheck,
            "plan" => CommandVerb.Plan,
            "gates" => CommandVerb.Gates,
            "override" => CommandVerb.Override,
            "revoke" => CommandVerb.Revoke,
            "skip" => CommandVerb.Skip,
            _ => CommandVerb.Unknown,
        };
        var takesReason = verb is CommandVerb.Override or CommandVerb.Skip;
        var reason = takesReason ? MarkdownText.Plain(argument, MaxReasonLength) : string.Empty;
        var truncated = takesReason && MarkdownText.Plain(argument, MaxReasonLength + 1).Length > MaxReasonLength;
        return new PerfCommand(verb, reason, MarkdownText.Plain(verbText, MaxVerbLength), truncated);
    }
}
