namespace PrReviewBot.Core.Vocabulary;

/// <summary>Monitoring vendors and the words for dashboards and alerts, as regular-expression alternations.</summary>
internal static class Observability
{
    /// <summary>Where dashboards live (metric stores such as Prometheus hold data, not dashboards).</summary>
    public const string Vendors =
        "grafana|datadog|new relic|newrelic|honeycomb|kibana|cloudwatch|signalfx|splunk|lightstep|" +
        "dynatrace|appdynamics|sentry|chronosphere|signoz|elastic apm|azure monitor|application insights|app insights|" +
        "stackdriver|cloud monitoring|wavefront|sumo ?logic|perf-dash|chronograf|uptrace|instana|coralogix";

    public const string DashboardWords = "dashboards?|panels?|boards?|charts?|graphs? in|tracked on|monitored (?:in|on|by)";

    public const string AlertWords =
        "alerts?|alerting|alert rules?|alarms?|pager|pages on|monitors?|slo burn(?:[- ]rate)?|burn[- ]rate alerts?|paging|" +
        "alertmanager|pagerduty|opsgenie";
}
