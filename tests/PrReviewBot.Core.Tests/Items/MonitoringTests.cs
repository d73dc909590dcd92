using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

public class MonitoringTests
{
    [Theory]
    [InlineData("**Monitoring:** hit-rate and latency panels: https://grafana.example.com/d/items/item-detail")]
    [InlineData("Watch: https://github.com/acme/app/blob/main/mixin/dashboards/reads.json")]
    [InlineData("Tracked on the benchmarks dashboard: https://aka.ms/aspnet/benchmarks")]
    [InlineData("Alerting: https://github.com/acme/app/blob/main/monitoring/rules/alerts.rules.yml")]
    // Datadog's government site, a screenboard
    [InlineData("Queue depth is on the broker screen: https://acme.ddog-gov.com/screen/integration/77/rabbitmq")]
    public void LinkedDashboardOrAlert_IsPresent(string body) => Assert.True(Review.Present(body, ItemKind.Monitoring));

    [Fact]
    public void AlertRuleInCodeBlock_IsPresent()
    {
        const string body = """
            **Monitoring:**
            ```yaml
            - alert: FeedCPUSaturation
              expr: avg(rate(process_cpu_seconds_total{job="feed"}[5m])) > 0.65
              for: 15m
            ```
            """;
        var verdict = Review.Of(body);
        Assert.True(verdict.Item(ItemKind.Monitoring).Present);
        Assert.Single(verdict.Alerts);
    }

    [Fact]
    public void RuleFileInTheDiff_IsPresent()
    {
        var verdict = Review.Of("Adds the alert.", files: ["src/feed.go", "deploy/prometheus/feed-alerts.yaml"]);
        Assert.True(verdict.Item(ItemKind.Monitoring).Present);
    }

    [Fact]
    public void DashboardMentionedWithoutLink_IsMissingAndSaysSo()
    {
        var item = Review.Item("## Monitoring\nAdded cache hit-rate panels to the feed dashboard.", ItemKind.Monitoring);
        Assert.False(item.Present);
        Assert.Contains("does not link it", item.Messages[0]);
    }

    [Fact]
    public void BareMetricName_IsMissing()
    {
        Assert.False(Review.Present("## Monitoring\n`container_memory_usage_bytes` on the Prometheus pods.", ItemKind.Monitoring));
    }

    [Fact]
    public void ScreenshotOfGraph_IsMissing()
    {
        Assert.False(Review.Present("p95 doubled:\n![image](https://user-images.githubusercontent.com/1003238/134865001.png)", ItemKind.Monitoring));
    }
}
