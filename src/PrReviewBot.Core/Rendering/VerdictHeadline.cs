using System.Globalization;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Rendering;

/// <summary>Where a verdict stands, as every renderer states it: the same counts in the comment, the check and the status.</summary>
internal enum VerdictState
{
    NotOptimization,
    Overridden,
    Passing,
    Failing,
}

internal static class VerdictHeadline
{
    public static VerdictState State(Verdict verdict, PresentationContext context) =>
        !verdict.IsOptimization || verdict.Conclusion == Conclusion.Skipped ? VerdictState.NotOptimization
        : context.Override is not null ? VerdictState.Overridden
        : verdict.Conclusion == Conclusion.Failure ? VerdictState.Failing
        : VerdictState.Passing;

    public static int MissingRequired(Verdict verdict) => verdict.MissingRequired.Count();

    public static int Required(Verdict verdict) => verdict.Items.Count(i => i.Required);

    public static int Blocking(Verdict verdict) => verdict.Findings.Count(f => f.Severity == Severity.Error);

    /// <summary>"2 of 5 items missing", "All five items present", "1 finding blocks the merge"...</summary>
    public static string Counts(Verdict verdict, bool spellFive)
    {
        var missing = MissingRequired(verdict);
        var required = Required(verdict);
        var blocking = Blocking(verdict);
        var blockingText = blocking == 1 ? "1 finding is an error" : $"{blocking} findings are errors";
        if (missing > 0)
        {
            var items = required == verdict.Items.Count
                ? $"{missing} of {verdict.Items.Count} items missing"
                : $"{missing} of {required} required items missing";
            return blocking > 0 ? $"{items}, {blockingText}" : items;
        }
        var present = verdict.Items.All(i => i.Present)
            ? (spellFive && verdict.Items.Count == 5 ? "All five items present" : $"All {verdict.Items.Count} items present")
            : $"All {required} required items present";
        return blocking > 0 ? $"{present}, but {blockingText}" : present;
    }

    /// <summary>The headline for the given state, as plain text (the caller escapes the override's user text).</summary>
    public static string Title(Verdict verdict, PresentationContext context, bool spellFive)
    {
        var state = State(verdict, context);
        return state switch
        {
            VerdictState.NotOptimization => "Not an optimization PR",
            VerdictState.Overridden => $"Overridden by @{MarkdownText.Plain(context.Override!.User, 39)}",
            VerdictState.Failing when MissingRequired(verdict) == 0 && Blocking(verdict) == 0 => "Review failed",
            _ => Counts(verdict, spellFive) + (state == VerdictState.Failing && verdict.Mode == ReviewMode.Shadow ? " (shadow mode)" : ""),
        };
    }

    public static string When(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>How to run the review again, for every output's footer.</summary>
    public const string Rerun = "edit the PR description, or comment `/perf-review recheck`";
}
