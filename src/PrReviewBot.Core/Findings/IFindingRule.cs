using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Findings;

/// <summary>
/// One check from the process's anti-patterns and Gate 5 that needs only the description and the changed-file list.
/// A rule reports what it sees; the configured severity decides what it weighs (and <c>off</c> silences it).
/// </summary>
internal interface IFindingRule
{
    string Id { get; }

    IEnumerable<Finding> Evaluate(ReviewContext context);
}

internal static class FindingFactory
{
    /// <summary>A finding at a placeholder severity; the review applies the configured one.</summary>
    public static Finding Make(string rule, string message, string why, string example) => new(rule, Severity.Warning, message, why, example);
}
