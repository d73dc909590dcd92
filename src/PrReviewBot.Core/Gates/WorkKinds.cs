using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Gates;

/// <summary>Work the escalation ladder (a request path backed by a database and caches) does not cover.</summary>
public enum OutsideWork
{
    /// <summary>Front-end bundle size or page-load budgets (LCP, transferred JavaScript).</summary>
    FrontEnd,

    /// <summary>Mobile or desktop application start-up time.</summary>
    Startup,

    /// <summary>A regression against an earlier build, version or commit: bisect it, then fix or revert the culprit.</summary>
    Regression,
}

/// <summary>
/// Tells which kind of outside-the-ladder work an issue is about, with the sentence that says so. Regressions come
/// first (a start-up regression is bisected like any other), then start-up, then front-end budgets. A regression
/// test, regression tracking or "flag regressions before they ship" is tooling, not a regression to chase.
/// </summary>
internal static partial class WorkKinds
{
    public static (OutsideWork Kind, string Evidence)? Read(IEnumerable<IssueSentence> sentences)
    {
        var list = sentences.ToList();
        foreach (var (kind, regex) in new[] { (OutsideWork.Regression, Regression()), (OutsideWork.Startup, Startup()), (OutsideWork.FrontEnd, FrontEnd()) })
        {
            foreach (var s in list)
            {
                if (regex.Match(s.Text) is { Success: true } m && !(kind == OutsideWork.Regression && Tooling().IsMatch(s.Text)))
                {
                    return (kind, s.Text);
                }
            }
        }
        return null;
    }

    [GeneratedRegex(@"\b(?:(?:performance|perf|throughput|latency|speed|start-?up|cpu|memory) regressions?\b(?! (?:tests?|tracking|detection|checks?|suites?|gates?|guards?|alerts?))|regressions? (?:was |were |is )?(?:detected|found|introduced|since|between|from|after|with|those|these|that|caused|in)\b|bisect\w*|revert(?:ing|ed)? (?:to|the (?:upgrade|change|commit)|this|commit|[0-9a-f]{7,40}\b)|used to (?:do|be|take|handle|serve|run|get|reach)\b|what changed between|(?:lower|slower|higher|worse|down) (?:\w+ ){0,4}(?:with|since|after) (?:this|that|the) (?:commit|release|upgrade|version|build)|since (?:the )?(?:\d+/\d+|version|v?\d+\.\d+|upgrad\w+|the upgrade|the last release)|after (?:upgrading|installing|the upgrade|the deploy)|upgraded \w+|(?:version|release) [\w.-]+ causes?|(?:got|gotten|became|is|are) (?:\w+ )?(?:slow\w*|worse)\b[^.]{0,40}\bafter (?:we |the )?(?:[\w.-]+ )?(?:mov|switch|migrat|upgrad|bump|updat|deploy|releas)\w*)", RegexOptions.IgnoreCase)]
    private static partial Regex Regression();

    [GeneratedRegex(@"\b(?:regression tests?|regression tracking|regressions? (?:get |are |is )?(?:flagged|caught|detected early)|catch(?:es)? regressions?|flag(?:s|ged)? regressions?|prevent(?:s)? regressions?|timing regression test)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Tooling();

    [GeneratedRegex(@"\b(?:cold[- ]?(?:start\w*|launch\w*|main)|warm[- ]start\w*|(?:app|application|android|ios) (?:start-?up|start|launch)\w*|start(?:ing|s)? the app|launch(?:ing)? the app|start-?up (?:is|time|duration|cost)|time to (?:first|initial) (?:frame|display)|\[android\] startup)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Startup();

    [GeneratedRegex(@"\b(?:(?:js|javascript|main|app|client|webpack|vendor|initial) bundles?|bundle(?:\.js| sizes?| analy[sz]er| has grown| is)|lcp|fcp|inp|cls|web vitals|lighthouse|largest contentful paint|first contentful paint|page[- ]load (?:budget|time)s?|script transfer|code-splitting)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrontEnd();
}
