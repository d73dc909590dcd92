using PrReviewBot.Core.Config;
using PrReviewBot.Core.Detection;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Items;
using PrReviewBot.Core.Items.BeforeAfter;
using PrReviewBot.Core.Items.Constraint;
using PrReviewBot.Core.Items.Monitoring;
using PrReviewBot.Core.Items.Profile;
using PrReviewBot.Core.Items.Rollback;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core;

/// <summary>
/// The review: parse a PR description once, judge the five items and the findings, and return the verdict.
/// Pure: strings in, a verdict out. Safe to share between threads.
/// </summary>
public sealed class Reviewer
{
    private readonly IReadOnlyList<IItemJudge> _items =
    [
        new ConstraintItem(),
        new ProfileItem(),
        new BeforeAfterItem(),
        new RollbackItem(),
        new MonitoringItem(),
    ];

    private readonly IReadOnlyList<IFindingRule> _rules =
    [
        new BundledOptimizations(),
        new CacheWithoutIoEvidence(),
        new NoBenchmarkInDiff(),
        new FlagNotInDiff(),
        new MetricRegressed(),
        new NotSignificant(),
        new LoadTestTooShort(),
        new MissingLoadMetrics(),
        new TargetMissed(),
        new BottleneckNotStated(),
        new DashboardWithoutAlert(),
        new DependencyWithoutCircuitBreaker(),
    ];

    public static Reviewer Default { get; } = new();

    public Verdict Review(PullRequestDescription pr, ReviewConfig config)
    {
        ArgumentNullException.ThrowIfNull(pr);
        ArgumentNullException.ThrowIfNull(config);
        var document = DescriptionDocument.Parse(pr.Body);
        var context = JudgeItems(pr, document, config);
        var (isOptimization, reason) = OptimizationDetector.Detect(context);
        var findings = isOptimization ? Weigh(_rules.SelectMany(r => r.Evaluate(context)), config) : [];
        return Conclude(new Verdict
        {
            IsOptimization = isOptimization,
            DetectionReason = reason,
            Conclusion = Conclusion.Skipped,
            Mode = config.Mode,
            Items = ItemKinds.All.Select(k => context.Results[k]).ToList(),
            Targets = context.Targets.ToList(),
            ConstraintLinks = context.ConstraintLinks.ToList(),
            ProfileArtifacts = context.ProfileArtifacts.ToList(),
            Bottlenecks = context.Bottlenecks.ToList(),
            Measurements = context.Measurements.ToList(),
            LoadTest = context.LoadTest,
            Switches = context.Switches.ToList(),
            Dashboards = context.Dashboards.ToList(),
            Alerts = context.Alerts.ToList(),
            Findings = findings,
        });
    }

    /// <summary>
    /// Runs the five item judges over an already parsed document, without detection or findings. Gate and plan mode
    /// read issues with it, so targets, profile artifacts and switches are recognised exactly as in a PR review.
    /// </summary>
    internal ReviewContext JudgeItems(PullRequestDescription pr, DescriptionDocument document, ReviewConfig config, IReadOnlyCollection<ItemKind>? only = null)
    {
        var context = new ReviewContext(pr, document, config);
        foreach (var item in only is null ? _items : _items.Where(i => only.Contains(i.Kind)))
        {
            item.Judge(context);
        }
        return context;
    }

    /// <summary>
    /// Adds findings the caller established outside the description (e.g. the linked gate issue is incomplete) and
    /// recomputes the conclusion. Severities come from the config; <c>off</c> drops the finding.
    /// </summary>
    public static Verdict WithFindings(Verdict verdict, IEnumerable<Finding> extra, ReviewConfig config)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (!verdict.IsOptimization)
        {
            return verdict;
        }
        var findings = Weigh(verdict.Findings.Concat(extra), config);
        return Conclude(verdict with { Findings = findings });
    }

    /// <summary>
    /// Takes a PR out of review because someone allowed to said it is not an optimization PR
    /// (<c>/perf-review skip &lt;reason&gt;</c>): the check passes as "Not an optimization PR" and says who and why.
    /// </summary>
    public static Verdict Skipped(Verdict verdict, string user, string reason)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return verdict with
        {
            IsOptimization = false,
            DetectionReason = $"@{user} marked it as not an optimization PR: {reason}",
            Conclusion = Conclusion.Skipped,
            Findings = [],
        };
    }

    private static List<Finding> Weigh(IEnumerable<Finding> findings, ReviewConfig config) =>
        findings
            .Select(f => f with { Severity = config.SeverityOf(f.Rule) })
            .Where(f => f.Severity != Severity.Off)
            .OrderByDescending(f => f.Severity)
            .ToList();

    private static Verdict Conclude(Verdict verdict)
    {
        if (!verdict.IsOptimization)
        {
            return verdict with { Conclusion = Conclusion.Skipped };
        }
        var failed = verdict.Items.Any(i => i.Required && !i.Present) || verdict.Findings.Any(f => f.Severity == Severity.Error);
        return verdict with { Conclusion = failed ? Conclusion.Failure : Conclusion.Success };
    }
}
