using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Items.Monitoring;

/// <summary>
/// Monitoring: a dashboard or an alert that watches the change — a link to Grafana/Datadog/New Relic/Honeycomb/
/// Kibana/CloudWatch or to a dashboard/alert-rule file, such a file in the diff, or an alert rule / PromQL in a code
/// block. A dashboard mentioned without a link, a screenshot of a graph, or a bare metric name does not count.
/// </summary>
internal sealed partial class MonitoringItem : IItemJudge
{
    public ItemKind Kind => ItemKind.Monitoring;

    public void Judge(ReviewContext context)
    {
        var document = context.Document;
        foreach (var block in document.Blocks)
        {
            var inSection = block.In(ItemKind.Monitoring);
            foreach (var link in block.Links.Where(l => !l.IsImage))
            {
                var kind = link.Kind;
                switch (kind)
                {
                    case LinkKind.Dashboard or LinkKind.DashboardFile:
                        context.Dashboards.Add(new MonitoringReference("dashboard", link.Url));
                        break;
                    case LinkKind.AlertRule:
                        context.Alerts.Add(new MonitoringReference("alert rule", link.Url));
                        break;
                    case LinkKind.Other or LinkKind.Document when inSection || MentionsDashboard(block.Text, link):
                        var what = AlertWord().IsMatch(Around(block.Text, link)) && !DashboardWord().IsMatch(Around(block.Text, link)) ? "alert" : "dashboard";
                        (what == "alert" ? context.Alerts : context.Dashboards).Add(new MonitoringReference(what, link.Url));
                        break;
                }
            }
        }
        foreach (var code in document.CodeBlocks)
        {
            if (AlertRule().IsMatch(code.Content) || (PromQlComparison().IsMatch(code.Content) && !code.Content.Contains("ns/op", StringComparison.Ordinal)))
            {
                context.Alerts.Add(new MonitoringReference("alert rule", $"code block at line {code.Line}"));
            }
        }
        foreach (var path in context.Pr.ChangedFiles ?? [])
        {
            var kind = LinkKinds.Classify(path.StartsWith('/') ? path : "/" + path);
            if (kind == LinkKind.AlertRule)
            {
                context.Alerts.Add(new MonitoringReference("alert rule file", path));
            }
            else if (kind == LinkKind.DashboardFile)
            {
                context.Dashboards.Add(new MonitoringReference("dashboard file", path));
            }
        }
        Dedupe(context.Dashboards);
        Dedupe(context.Alerts);

        var present = context.Dashboards.Count > 0 || context.Alerts.Count > 0;
        var evidence = context.Dashboards.Take(2).Concat(context.Alerts.Take(2)).Select(r => $"{r.Kind}: {Short(r.Reference)}");
        context.Set(Kind, present, present ? [] : Messages(document), evidence);
    }

    private static IEnumerable<string> Messages(DescriptionDocument document)
    {
        var section = document.SectionsFor(ItemKind.Monitoring).FirstOrDefault();
        var unlinked = document.AllSentences.FirstOrDefault(s => UnlinkedMention().IsMatch(Sentences.Plain(s)));
        if (unlinked is not null)
        {
            yield return $"\"{Short(unlinked)}\" mentions a dashboard or alert but does not link it: link the dashboard, or add the alert rule (file in the diff or rule in a code block).";
        }
        else if (section is not null && section.IsEmpty)
        {
            yield return $"The \"{section.Title}\" section is empty or says N/A: link the dashboard that shows the optimized metric and the alert that fires when it regresses.";
        }
        else
        {
            yield return "No dashboard or alert found: link the dashboard that shows the optimized metric, or add the alert rule that catches a regression (p99 breach, error-rate spike, cache hit-rate drop).";
        }
    }

    private static bool MentionsDashboard(string text, LinkReference link) =>
        DashboardWord().IsMatch(Around(text, link)) || AlertWord().IsMatch(Around(text, link));

    /// <summary>The sentence around a link, where words like "dashboard" or "alert" tell what it is.</summary>
    private static string Around(string text, LinkReference link)
    {
        var at = text.IndexOf(link.Text.Length > 0 ? link.Text : link.Url, StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }
        var start = Math.Max(0, text.LastIndexOfAny(['.', '\n'], Math.Max(0, at - 1)) + 1);
        var end = text.IndexOfAny(['\n'], at);
        return text[start..(end < 0 ? text.Length : end)];
    }

    private static void Dedupe(List<MonitoringReference> list)
    {
        var distinct = list.DistinctBy(r => r.Reference).ToList();
        list.Clear();
        list.AddRange(distinct);
    }

    private static string Short(string text)
    {
        var t = text.Replace('\n', ' ').Trim();
        return t.Length <= 90 ? t : t[..87].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\b(?:" + Observability.DashboardWords + "|" + Observability.Vendors + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex DashboardWord();

    [GeneratedRegex(@"\b(?:" + Observability.AlertWords + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex AlertWord();

    [GeneratedRegex(@"(?:^|\n)\s*-?\s*alert:\s*\S+[\s\S]{0,400}?\bexpr:\s*\S|kind:\s*PrometheusRule|aws_cloudwatch_metric_alarm|AWS::CloudWatch::Alarm|datadog_monitor|newrelic_alert_condition|newrelic_nrql_alert_condition|google_monitoring_alert_policy|azurerm_monitor_metric_alert|grafana_rule_group|""type""\s*:\s*""(?:metric|query) alert""|\bgroups:\s*\n\s*-\s*name:|type:\s*(?:metric alert|query alert)|""?query""?\s*:\s*""?(?:avg|sum|max|min)\(last_\d+[mh]\)", RegexOptions.IgnoreCase)]
    private static partial Regex AlertRule();

    [GeneratedRegex(@"\b(?:histogram_quantile|rate|irate|increase|sum|avg|max|min)\s*(?:by\s*\([^)]*\)\s*)?\([^\n]{3,}\)\s*(?:>|<|>=|<=|==|!=)\s*\d")]
    private static partial Regex PromQlComparison();

    [GeneratedRegex(@"\b(?:dashboards?|alerts?|panels?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnlinkedMention();
}
