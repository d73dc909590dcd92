using System.Globalization;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// PR ↔ gate issue: an optimization PR whose constraint links an issue in the same repository inherits that issue's
/// gate status as a finding (<see cref="FindingIds.GateIssueIncomplete"/>). The App fetches the issue, judges it with
/// <see cref="GateReviewer"/>, and adds the finding with <see cref="Reviewer.WithFindings"/>, which applies the
/// configured severity.
/// </summary>
public static partial class GateIssueFinding
{
    /// <summary>
    /// Issue numbers in this repository among a PR's constraint links (<see cref="Verdict.ConstraintLinks"/>): <c>#123</c>,
    /// <c>owner/repo#123</c> and <c>https://github.com/owner/repo/issues/123</c> (any host, for Enterprise Server).
    /// </summary>
    public static IReadOnlyList<int> LinkedIssues(IEnumerable<string> constraintLinks, string owner, string repository)
    {
        ArgumentNullException.ThrowIfNull(constraintLinks);
        var numbers = new List<int>();
        foreach (var link in constraintLinks)
        {
            var m = Reference().Match(link.Trim());
            if (!m.Success)
            {
                continue;
            }
            var sameRepository = !m.Groups["owner"].Success ||
                                 (string.Equals(m.Groups["owner"].Value, owner, StringComparison.OrdinalIgnoreCase) &&
                                  string.Equals(m.Groups["repo"].Value, repository, StringComparison.OrdinalIgnoreCase));
            if (sameRepository && int.TryParse(m.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && !numbers.Contains(n))
            {
                numbers.Add(n);
            }
        }
        return numbers;
    }

    /// <summary>The finding for a linked gate issue whose gates are not all answered; null when they are.</summary>
    public static Finding? For(int issueNumber, GateVerdict issueVerdict)
    {
        ArgumentNullException.ThrowIfNull(issueVerdict);
        if (issueVerdict.AllSatisfied)
        {
            return null;
        }
        var open = issueVerdict.Open.Select(g => $"{g.Gate.Number()} ({g.Gate.DisplayName().ToLowerInvariant()})").ToList();
        return new Finding(
            FindingIds.GateIssueIncomplete,
            Severity.Warning,
            $"The constraint links #{issueNumber}, whose performance gates are not all answered: gate{(open.Count > 1 ? "s" : string.Empty)} {string.Join(", ", open)} still open.",
            "No optimization work begins until all five gates are answered; a PR that serves an issue with open gates optimizes without agreed targets, hot path or profile.",
            $"Answer the open gates on #{issueNumber} (the gate comment there lists the questions), then re-run this check with `/perf-review recheck`.");
    }

    [GeneratedRegex(@"^(?:https?://[^/\s]+/(?<owner>[\w.-]+)/(?<repo>[\w.-]+)/issues/|(?:(?<owner>[\w.-]+)/(?<repo>[\w.-]+))?#)(?<number>\d{1,9})(?:[/?#].*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}
