using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Findings;

/// <summary>A dashboard is linked but no alert rule would catch a regression.</summary>
internal sealed class DashboardWithoutAlert : IFindingRule
{
    public string Id => FindingIds.DashboardWithoutAlert;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        if (context.Dashboards.Count == 0 || context.Alerts.Count > 0)
        {
            yield break;
        }
        yield return FindingFactory.Make(Id,
            "A dashboard is linked but no alert rule: nobody is told when the optimized metric regresses.",
            "The process asks for alert rules for regression detection (p99 breach, cache hit-rate drop, error-rate spike); a dashboard only helps someone who is looking.",
            "```yaml\n- alert: FeedP99AboveTarget\n  expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{route=\"/feed\"}[5m]))) > 0.08\n  for: 10m\n```");
    }
}
