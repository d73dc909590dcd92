using System.Security.Cryptography;
using System.Text;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Rendering;

namespace PrReviewBot.Work;

/// <summary>
/// Turns a verdict into what GitHub is sent, within GitHub's limits, and fingerprints it for compare-before-write.
/// The texts come from the core renderers; this only fits them to GitHub.
/// </summary>
internal static class ReviewRendering
{
    /// <summary>GitHub refuses longer issue comments (422).</summary>
    public const int MaxCommentLength = GitHubLimits.CommentBody;

    /// <summary>GitHub's limit for a check run's summary and text, each.</summary>
    public const int MaxCheckFieldLength = GitHubLimits.CheckOutputField;

    public const int MaxStatusDescriptionLength = GitHubLimits.StatusDescription;

    /// <summary>Whether the config asks for a sticky comment where none exists yet: always, or when something is missing.</summary>
    public static bool WantsNewComment(Verdict verdict, ReviewConfig config)
    {
        var somethingMissing = verdict.IsOptimization && (verdict.Conclusion == Conclusion.Failure || verdict.MissingRequired.Any());
        return verdict.IsOptimization && config.Comment.When switch
        {
            CommentPolicy.Always => true,
            CommentPolicy.Missing => somethingMissing,
            _ => false,
        };
    }

    public static CheckOutput Check(Verdict verdict, PresentationContext context)
    {
        var output = CheckRenderer.Render(verdict, context);
        // A required check must never be red for a PR it does not apply to.
        if (!verdict.IsOptimization && output.Conclusion != CheckConclusion.Success)
        {
            output = output with { Conclusion = CheckConclusion.Success };
        }
        return Fit(output, context.ReportUrl);
    }

    public static CheckOutput ConfigError(IReadOnlyList<ConfigError> errors) => Fit(CheckRenderer.RenderConfigError(errors), null);

    /// <summary>The one line a commit status carries (token mode), at most 140 characters.</summary>
    public static string StatusDescription(Verdict verdict, PresentationContext context, CheckOutput output) =>
        Shorten(CheckRenderer.RenderStatusDescription(verdict, context), MaxStatusDescriptionLength);

    /// <summary>The status line for an invalid config.</summary>
    public static string ConfigErrorStatusDescription(IReadOnlyList<ConfigError> errors, CheckOutput output) =>
        Shorten(CheckRenderer.RenderConfigErrorStatusDescription(errors), MaxStatusDescriptionLength);

    /// <summary>A status line from a check's title, for outputs with no verdict behind them.</summary>
    public static string StatusDescription(CheckOutput output) => Shorten(output.Title, MaxStatusDescriptionLength);

    public static string Comment(Verdict verdict, PresentationContext context) =>
        FitComment(CommentRenderer.Render(verdict, context), context.ReportUrl);

    internal static string FitComment(string body, string? reportUrl)
    {
        if (!body.Contains(CommentRenderer.Marker, StringComparison.Ordinal))
        {
            body = CommentRenderer.Marker + "\n" + body;
        }
        if (body.Length <= MaxCommentLength)
        {
            return body;
        }
        var note = "\n\n---\n*This comment was cut to fit GitHub's limit of 65,536 characters.* "
            + (reportUrl is null ? "The check's details hold the full report." : $"[Full report]({reportUrl})");
        var cut = CutAtLine(body, MaxCommentLength - note.Length);
        var fitted = cut + note;
        // The marker is what finds this comment again; it must survive the cut.
        return fitted.Contains(CommentRenderer.Marker, StringComparison.Ordinal)
            ? fitted
            : CommentRenderer.Marker + "\n" + CutAtLine(cut, MaxCommentLength - note.Length - CommentRenderer.Marker.Length - 1) + note;
    }

    private static CheckOutput Fit(CheckOutput output, string? reportUrl)
    {
        var note = "\n\n*Cut to fit GitHub's limit.* " + (reportUrl is null ? "" : $"[Full report]({reportUrl})");
        string FitField(string s) => s.Length <= MaxCheckFieldLength ? s : CutAtLine(s, MaxCheckFieldLength - note.Length) + note;
        return output with { Summary = FitField(output.Summary), Text = FitField(output.Text ?? "") };
    }

    private static string CutAtLine(string s, int max)
    {
        if (s.Length <= max)
        {
            return s;
        }
        var newline = s.LastIndexOf('\n', Math.Max(0, max - 1));
        var end = newline > max / 2 ? newline : max;
        // Never split a surrogate pair.
        if (end > 0 && char.IsHighSurrogate(s[end - 1]))
        {
            end--;
        }
        return s[..end];
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>A short, stable digest of what would be posted: equal fingerprints mean nothing to write.</summary>
    public static string Fingerprint(params string?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(p => p ?? "\u0000"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public static string Name(CheckConclusion c) => c switch
    {
        CheckConclusion.Success => "success",
        CheckConclusion.Neutral => "neutral",
        _ => "failure",
    };
}
