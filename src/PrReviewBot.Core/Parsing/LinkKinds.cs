using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Parsing;

/// <summary>What a URL points at, judged from its host and path.</summary>
internal enum LinkKind
{
    Other,
    Image,
    Issue,
    Ticket,
    PullRequest,
    CiRun,
    Profile,
    Dashboard,
    AlertRule,
    DashboardFile,
    Document,
    SourceCode,
    ToolDocumentation,
}

internal static partial class LinkKinds
{
    private static readonly char[] HomeTrailers = [':', '.', ',', ')'];

    /// <summary>A project's home page on a code host: it names a tool or a library, never an artifact.</summary>
    public static bool IsRepositoryHome(string url) => RepositoryHome().IsMatch(url.Trim().TrimEnd(HomeTrailers).ToLowerInvariant());

    public static LinkKind Classify(string url)
    {
        var u = url.Trim();
        if (u.Length == 0)
        {
            return LinkKind.Other;
        }
        var lower = u.ToLowerInvariant();
        // A project's home on a code host ("github.com/flamegraph-rs/flamegraph") names a tool, not a profile.
        if (ProfileHost().IsMatch(lower) || (ProfilePath().IsMatch(lower) && !IssueOrPullOnCodeHost().IsMatch(lower) && !RepositoryHome().IsMatch(lower)))
        {
            return LinkKind.Profile;
        }
        if (AlertFile().IsMatch(lower))
        {
            return LinkKind.AlertRule;
        }
        if (DashboardFile().IsMatch(lower))
        {
            return LinkKind.DashboardFile;
        }
        if (DashboardHost().IsMatch(lower))
        {
            return LinkKind.Dashboard;
        }
        if (ImagePath().IsMatch(lower))
        {
            return LinkKind.Image;
        }
        if (CiRun().IsMatch(lower))
        {
            return LinkKind.CiRun;
        }
        if (IssuePath().IsMatch(lower))
        {
            return LinkKind.Issue;
        }
        if (PullPath().IsMatch(lower))
        {
            return LinkKind.PullRequest;
        }
        if (TicketHost().IsMatch(lower))
        {
            return LinkKind.Ticket;
        }
        if (ToolDocs().IsMatch(lower))
        {
            return LinkKind.ToolDocumentation;
        }
        if (SourcePath().IsMatch(lower))
        {
            return LinkKind.SourceCode;
        }
        return DocumentPath().IsMatch(lower) ? LinkKind.Document : LinkKind.Other;
    }

    [GeneratedRegex(@"^https?://(?:share\.firefox\.dev|profiler\.firefox\.com|perfht\.ml|[^/]*speedscope[^/]*|[^/]*perfetto[^/]*|[^/]*pprof[^/]*|[^/]*jaeger[^/]*|[^/]*pyroscope[^/]*|[^/]*zipkin[^/]*|[^/]*tempo[^/]*/trace|flamegraph\.com|[^/]*parca[^/]*|[^/]*blackfire\.io/profiles?|[^/]*tideways\.\w+/.*/(?:trace|profil)|[^/]*(?:datadoghq|ddog-gov)\.\w+/(?:profiling|apm/traces?)|ui\.honeycomb\.io/.*/trace)(?:[/:?#]|$)|^https?://[^?#]*[?&#](?:.*&)?(?:app_)?trace_?id=[0-9a-f-]{8,}")]
    private static partial Regex ProfileHost();

    [GeneratedRegex(@"^https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/[^/?#]+/[^/?#]+/?(?:[?#].*)?$")]
    private static partial Regex RepositoryHome();

    [GeneratedRegex(@"(?:flame[-_]?graph|flamechart|[-_/.]flame[-_.]|pyroscope-app|/profiles?[-_]?explorer|\.nsys-rep|\.qdrep|\.tracy|\.trace(?:\.zip)?(?:$|[?#])|\.heapprofile|\.heapsnapshot|\.cpuprofile|\.folded|\.collapsed|\.etl(?:$|[?#])|\.pprof|\.pb\.gz|cpu[-_.]?profile|heap[-_.]?profile|\.cpuprofile|\.speedscope\.json|\.nettrace|\.jfr|\.trace\.json|/trace/[0-9a-f]{8,}|/traces?/[0-9a-f]{16,}|perf\.data|callgrind\.out)", RegexOptions.IgnoreCase)]
    private static partial Regex ProfilePath();

    [GeneratedRegex(@"^https?://[^/]*(?:grafana|datadoghq|ddog-gov|app\.datadog|newrelic|honeycomb|kibana|console\.aws\.amazon\.com/cloudwatch|cloudwatch|signalfx|lightstep|dynatrace|app\.powerbi\.com|perf-dash|chronograf|wavefront|splunk|sumologic|lookerstudio|metabase)[^/]*(?:[/:?#]|$)|^https?://[^/]*skylight\.io/app/|/d/[a-z0-9_-]{5,}|/dashboards?/(?!.*\.(?:json|ya?ml|libsonnet|jsonnet)$)")]
    private static partial Regex DashboardHost();

    [GeneratedRegex(@"(?:dashboards?|grafana|mixin)[^?#]*\.(?:json|ya?ml|libsonnet|jsonnet)(?:$|[?#])")]
    private static partial Regex DashboardFile();

    [GeneratedRegex(@"(?:alert|rules?|prometheusrule|slo)[^/?#]*\.(?:ya?ml|json|libsonnet|jsonnet)(?:$|[?#])|/alerts?/[^?#]*\.(?:ya?ml|json|libsonnet|jsonnet)")]
    private static partial Regex AlertFile();

    [GeneratedRegex(@"(?:\.(?:png|jpe?g|gif|webp|bmp|svg)(?:$|[?#])|user-images\.githubusercontent\.com|/user-attachments/assets/|private-user-images|camo\.githubusercontent|imgur\.com|reviewable\.io/review_button)")]
    private static partial Regex ImagePath();

    [GeneratedRegex(@"(?:/actions/runs/|/actions/workflows/|circleci\.com|buildkite\.com|travis-ci\.|/jenkins|/job/|app\.codecov|/-/pipelines/|/-/jobs/|dev\.azure\.com/.*/_build|prow\.|/pr-logs/)")]
    private static partial Regex CiRun();

    [GeneratedRegex(@"^https?://[^/]+/[^/]+/[^/]+/issues/\d+|/-/issues/\d+|bugzilla|/show_bug\.cgi|issuetracker\.google|crbug\.com|bugs\.|/b/\d+|sentry\.io/.*/issues/")]
    private static partial Regex IssuePath();

    [GeneratedRegex(@"^https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)/[^/]+/[^/]+/(?:issues|pull|pulls|merge_requests|-/issues|-/merge_requests)/")]
    private static partial Regex IssueOrPullOnCodeHost();

    [GeneratedRegex(@"^https?://[^/]+/[^/]+/[^/]+/pull/\d+|/-/merge_requests/\d+")]
    private static partial Regex PullPath();

    [GeneratedRegex(@"(?:atlassian\.net/browse/|/browse/[A-Z0-9]+-\d+|jira\.|linear\.app/.*/issue/|youtrack|pivotaltracker\.com|shortcut\.com/.*/story|clickup\.com|asana\.com|trello\.com/c/|monday\.com|notion\.so)", RegexOptions.IgnoreCase)]
    private static partial Regex TicketHost();

    // Public documentation of tools and platforms explains a metric; it does not set this team's target.
    [GeneratedRegex(@"^https?://(?:www\.)?(?:web\.dev|developer\.mozilla\.org|developers\.google\.com|developer\.android\.com|developer\.apple\.com|learn\.microsoft\.com|docs\.microsoft\.com|docs\.python\.org|docs\.oracle\.com|pkg\.go\.dev|go\.dev|docs\.rs|react\.dev|reactjs\.org|nodejs\.org|kubernetes\.io|docs\.aws\.amazon\.com|cloud\.google\.com/[^?#]*docs|en\.wikipedia\.org|stackoverflow\.com|million\.dev)(?:[/:?#]|$)")]
    private static partial Regex ToolDocs();

    [GeneratedRegex(@"(?:\.(?:go|rs|cs|java|kt|py|rb|ts|tsx|js|jsx|c|cc|cpp|h|hpp|scala|swift|php|lua)(?:$|[?#])|#l\d+)")]
    private static partial Regex SourcePath();

    [GeneratedRegex(@"(?:/slos?/|slo|sla|/design|/docs?/|/rfcs?/|/keps?/|enhancements|proposal|adr|\.md(?:$|[#?])|docs\.google\.com|confluence|wiki)")]
    private static partial Regex DocumentPath();
}
