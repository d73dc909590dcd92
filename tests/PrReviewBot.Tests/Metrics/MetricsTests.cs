using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Match = System.Text.RegularExpressions.Match;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PrReviewBot.Tests.Metrics;

/// <summary>/metrics, /healthz and /readyz on the running host, and the dashboard and alerts that rely on them.</summary>
public partial class MetricsTests : EndToEndTest
{
    /// <summary>Metric names and their label names, from the Prometheus text a scrape returned.</summary>
    internal static Dictionary<string, HashSet<string>> Series(string scrape)
    {
        var series = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in scrape.Split('\n'))
        {
            var type = TypeLine().Match(line);
            if (type.Success)
            {
                var name = type.Groups[1].Value;
                series.TryAdd(name, []);
                if (type.Groups[2].Value == "histogram")
                {
                    foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
                    {
                        series.TryAdd(name + suffix, []);
                    }
                }
                continue;
            }
            var sample = SampleLine().Match(line);
            if (sample.Success)
            {
                var labels = series.TryGetValue(sample.Groups[1].Value, out var known) ? known : series[sample.Groups[1].Value] = [];
                foreach (Match label in LabelName().Matches(sample.Groups[2].Value))
                {
                    labels.Add(label.Groups[1].Value);
                }
            }
        }
        return series;
    }

    private async Task<(BotUnderTest Bot, string Scrape)> ReviewAndScrapeAsync()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"), "0f1e2d3c-0000-0000-0000-000000000001");
        await bot.WaitForIdleAsync();
        await bot.SendAsync("pull_request", Payloads.PullRequest("opened"), "0f1e2d3c-0000-0000-0000-000000000001");
        await bot.SendRawAsync("pull_request", Payloads.PullRequest("opened"), Guid.NewGuid().ToString(), "sha256=" + new string('0', 64));
        var response = await bot.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        return (bot, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_CountDeliveriesEvaluationsAndGitHubCalls_ByLowCardinalityLabels()
    {
        var (_, scrape) = await ReviewAndScrapeAsync();

        Assert.Contains("prreviewbot_webhook_deliveries_received_total{event=\"pull_request\"} 3", scrape);
        Assert.Contains("prreviewbot_webhook_deliveries_duplicate_total{event=\"pull_request\"} 1", scrape);
        Assert.Contains("prreviewbot_webhook_deliveries_rejected_total{event=\"pull_request\",status=\"400\"} 1", scrape);
        Assert.Contains("prreviewbot_evaluations_total{conclusion=\"failure\"} 1", scrape);
        Assert.Contains("prreviewbot_evaluation_duration_seconds_count 1", scrape);
        Assert.Contains("prreviewbot_delivery_to_check_seconds_count 1", scrape);
        Assert.Contains("prreviewbot_jobs_total{kind=\"pull_request\",outcome=\"done\"} 1", scrape);
        Assert.Contains("prreviewbot_github_requests_total{method=\"POST\",endpoint=\"repos/{owner}/{repo}/check-runs\",status=\"201\"} 1", scrape);
        Assert.Contains("prreviewbot_github_requests_total{method=\"POST\",endpoint=\"app/installations/{n}/access_tokens\",status=\"201\"} 1", scrape);
        Assert.Matches("prreviewbot_github_rate_limit_remaining\\{installation=\"1\",resource=\"graphql\"\\} 4990", scrape);
        Assert.Contains("prreviewbot_queue_jobs 0", scrape);
        Assert.Contains("prreviewbot_queue_oldest_job_age_seconds 0", scrape);
        Assert.Contains("prreviewbot_storage_up 1", scrape);
        Assert.Contains("prreviewbot_github_configured 1", scrape);
        // No PR numbers, SHAs, delivery ids or repositories in any label.
        Assert.DoesNotContain(Payloads.HeadSha, scrape);
        Assert.DoesNotContain("0f1e2d3c", scrape);
        Assert.DoesNotContain("Hello-World", scrape);
    }

    [Fact]
    public async Task UnknownEventHeader_IsCountedAsOther()
    {
        var bot = await StartBotAsync();

        await bot.SendAsync("made_up_event_" + Guid.NewGuid().ToString("N"), "{}");
        var scrape = await bot.Http.GetStringAsync("/metrics");

        Assert.Contains("prreviewbot_webhook_deliveries_received_total{event=\"other\"} 1", scrape);
        Assert.DoesNotContain("made_up_event", scrape);
    }

    [Fact]
    public async Task QueueMetrics_ShowWaitingWork()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync(s => s.Config["Queue:EditDebounce"] = "01:00:00");

        await bot.SendAsync("pull_request", Payloads.PullRequest("edited"));
        var scrape = await bot.Http.GetStringAsync("/metrics");

        Assert.Contains("prreviewbot_queue_jobs 1", scrape);
        Assert.Contains("prreviewbot_queue_pending_deliveries 1", scrape);
        Assert.Matches(@"prreviewbot_webhook_last_delivery_timestamp_seconds \d{10}", scrape);
    }

    [Fact]
    public async Task EveryMetricTheDashboardAndAlertsUse_IsExposed_WithTheLabelsTheyFilterOn()
    {
        var (_, scrape) = await ReviewAndScrapeAsync();
        var exposed = Series(scrape);

        var expressions = DashboardExpressions().Concat(AlertExpressions()).ToList();
        Assert.True(expressions.Count >= 20, $"only {expressions.Count} expressions found");
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expression in expressions)
        {
            foreach (Match m in MetricReference().Matches(expression))
            {
                var name = m.Groups["name"].Value;
                used.Add(name);
                Assert.True(exposed.ContainsKey(name), $"'{name}' (in `{expression}`) is not exposed by /metrics");
                foreach (Match label in LabelName().Matches(m.Groups["labels"].Value))
                {
                    Assert.Contains(label.Groups[1].Value, exposed[name]);
                }
            }
        }
        Assert.Contains("prreviewbot_queue_oldest_job_age_seconds", used);
        Assert.Contains("prreviewbot_github_rate_limit_remaining", used);
        Assert.Contains("prreviewbot_webhook_last_delivery_timestamp_seconds", used);
        Assert.Contains("prreviewbot_jobs_total", used);
        Assert.Contains("prreviewbot_delivery_to_check_seconds_bucket", used);
    }

    [Fact]
    public void AlertRules_CoverQueueAgeFailuresRateLimitAndSilence()
    {
        var alerts = AlertRules().ToDictionary(a => a.Name, a => a.Expression);

        Assert.Contains("prreviewbot_queue_oldest_job_age_seconds", alerts["PrReviewBotQueueBacklog"]);
        Assert.Contains("outcome=\"failed\"", alerts["PrReviewBotJobsFailing"]);
        Assert.Contains("prreviewbot_github_rate_limit_remaining", alerts["PrReviewBotRateLimitLow"]);
        Assert.Contains("prreviewbot_webhook_last_delivery_timestamp_seconds", alerts["PrReviewBotNoDeliveries"]);
    }

    [Fact]
    public async Task Healthz_AnswersWhileTheProcessRuns()
    {
        var bot = await StartBotAsync();

        var response = await bot.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Readyz_Is503WhenStorageDoesNotAnswer_WhileHealthzStaysUp()
    {
        // A SQLite file that stops answering cannot be staged reliably; a store that says so stands in for it.
        var store = new Mock<IWorkStore>();
        store.Setup(s => s.IsReachableAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);
        store.Setup(s => s.QueueSnapshotAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new QueueSnapshot(0, 0, 0, null));
        store.Setup(s => s.RecentDeliveriesAsync(It.IsAny<string?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10));
        var bot = await StartBotAsync(s => s.ConfigureServices = services =>
        {
            services.AddSingleton(store.Object);
            services.AddSingleton(Mock.Of<ICommandStore>());
            services.AddSingleton(Mock.Of<IGateStore>());
        });

        var ready = await bot.Http.GetAsync("/readyz");
        var scrape = await bot.Http.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("storage unreachable\n", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync("/healthz")).StatusCode);
        Assert.Contains("prreviewbot_storage_up 0", scrape);
    }

    internal static IEnumerable<string> DashboardExpressions()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "grafana", "prreviewbot-dashboard.json")));
        foreach (var panel in doc.RootElement.GetProperty("panels").EnumerateArray())
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                yield return target.GetProperty("expr").GetString()!;
            }
        }
    }

    internal static IEnumerable<(string Name, string Expression)> AlertRules()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "prometheus", "prreviewbot-alerts.yml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (YamlMappingNode group in (YamlSequenceNode)root["groups"])
        {
            foreach (YamlMappingNode rule in (YamlSequenceNode)group["rules"])
            {
                yield return (((YamlScalarNode)rule["alert"]).Value!, ((YamlScalarNode)rule["expr"]).Value!);
            }
        }
    }

    private static IEnumerable<string> AlertExpressions() => AlertRules().Select(a => a.Expression);

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? ")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex LabelName();

    /// <summary>Our series and the process series the dashboard borrows; <c>{…}</c> selectors are captured for their labels.</summary>
    [GeneratedRegex(@"\b(?<name>(?:prreviewbot|process|dotnet)_[a-z0-9_]+)(?:\{(?<labels>[^}]*)\})?")]
    private static partial Regex MetricReference();
}
