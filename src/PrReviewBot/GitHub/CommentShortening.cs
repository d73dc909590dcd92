using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Octokit;

namespace PrReviewBot.GitHub;

/// <summary>
/// GitHub refused a comment as too long (422 "body is too long (maximum is 65536 characters)") although the
/// renderer kept it under the limit: GitHub counts some text differently (emoji, CJK). Cut it at a block boundary
/// so it fits even if GitHub counts UTF-8 bytes, keep the hidden marker (it starts the body) and say so.
/// </summary>
public static partial class CommentShortening
{
    public const string Note = "_This comment was shortened to fit GitHub's size limit; the check's details have the full review._";

    /// <summary>Shortenings tried before giving up (each one halves what the previous kept).</summary>
    public const int MaxTries = 3;

    public static bool IsTooLong(Exception e) =>
        e is ApiValidationException v
        && ((v.ApiError?.Errors?.Any(x => x.Message?.Contains("too long", StringComparison.OrdinalIgnoreCase) == true) ?? false)
            || (v.ApiError?.Message?.Contains("too long", StringComparison.OrdinalIgnoreCase) ?? false)
            || v.Message.Contains("too long", StringComparison.OrdinalIgnoreCase));

    /// <summary>The limit GitHub named in its answer, if it named one.</summary>
    public static int? NamedLimit(Exception e)
    {
        var texts = new List<string?> { e.Message };
        if (e is ApiException a)
        {
            texts.Add(a.ApiError?.Message);
            texts.AddRange(a.ApiError?.Errors?.Select(x => x.Message) ?? []);
        }
        foreach (var text in texts)
        {
            if (text is not null && Maximum().Match(text) is { Success: true } m
                && int.TryParse(m.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit > 0)
            {
                return limit;
            }
        }
        return null;
    }

    /// <param name="attempt">1 for the first shortening; each later one keeps half as much.</param>
    public static string Shorten(string body, int? namedLimit, int attempt)
    {
        var limit = namedLimit ?? body.Length;
        var bytes = Encoding.UTF8.GetByteCount(body);
        // Fit in the limit even if it counts bytes, with room for the note, then halve per further attempt.
        var keep = (int)((long)limit * Math.Min(body.Length, limit) / Math.Max(bytes, 1)) - Note.Length - 16;
        keep = Math.Max(0, keep >> Math.Max(0, attempt - 1));
        if (keep >= body.Length)
        {
            keep = body.Length / 2;
        }
        var cut = body.LastIndexOf("\n\n", Math.Max(0, keep - 1), StringComparison.Ordinal);
        var kept = cut > 0 ? body[..cut] : body[..keep];
        if (char.IsHighSurrogate(kept.Length > 0 ? kept[^1] : 'a'))
        {
            kept = kept[..^1];
        }
        // An unclosed code fence would swallow the note.
        var fences = Regex.Matches(kept, "^```", RegexOptions.Multiline).Count;
        return kept + (fences % 2 == 1 ? "\n```" : "") + "\n\n" + Note;
    }

    [GeneratedRegex(@"maximum is (\d+)")]
    private static partial Regex Maximum();
}
