using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace PrReviewBot.GitHub;

/// <summary>
/// The one HTTP handler every GitHub call goes through: requests shaped as GitHub documents them (see
/// <see cref="AsDocumented"/>), a per-request timeout (GitHub answers in well under a second; a hung call must not
/// hold a PR), cancellation at shutdown, and a count of calls and rate-limit readings.
/// </summary>
public sealed class GitHubHttpHandler : DelegatingHandler
{
    private readonly GitHubTraffic _traffic;
    private readonly GitHubRateBudget _budget;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _stopping;

    /// <summary>The REST API version the bot is written against, sent on every REST request.</summary>
    public const string ApiVersion = "2022-11-28";

    /// <summary>The media type GitHub documents for REST requests and answers.</summary>
    public const string RestMediaType = "application/vnd.github+json";

    public GitHubHttpHandler(
        GitHubTraffic traffic, GitHubRateBudget budget, TimeProvider time, TimeSpan timeout, CancellationToken stopping, HttpMessageHandler inner)
        : base(inner)
    {
        _traffic = traffic;
        _budget = budget;
        _time = time;
        _timeout = timeout;
        _stopping = stopping;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = request.RequestUri is null ? "?" : GitHubTraffic.Route(request.RequestUri);
        await AsDocumented(request, cancellationToken);
        // Before the timeout starts: waiting for the installation's budget is not GitHub being slow.
        await _budget.AcquireAsync(GitHubCallScope.CurrentInstallation, IsContentCreating(request.Method, route), cancellationToken);
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, _stopping);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, linked.Token);
            _traffic.RecordCall(request.Method.Method, route, (int)response.StatusCode);
            ReadRateLimit(response);
            return response;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            _traffic.RecordCall(request.Method.Method, route, 0);
            throw new TimeoutException(
                $"GitHub did not answer {request.Method} {route} within {_timeout.TotalSeconds:0.#} s (after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.#} s).");
        }
        catch (HttpRequestException)
        {
            _traffic.RecordCall(request.Method.Method, route, 0);
            throw;
        }
    }

    /// <summary>
    /// Octokit sends its JSON bodies labelled <c>application/x-www-form-urlencoded</c> unless a call names a type,
    /// asks for the old <c>v3</c> media type, names no API version, and gives DELETE an empty JSON body. GitHub
    /// documents JSON bodies as <c>application/json</c>, <c>Accept: application/vnd.github+json</c> and
    /// <c>X-GitHub-Api-Version</c> on every REST request, and no body where an endpoint takes none (label removal).
    /// Every request is put in that shape here, so no call site can forget it.
    /// </summary>
    internal static async Task AsDocumented(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Content is { } content)
        {
            if (request.Method == HttpMethod.Delete && IsEmptyJson(await content.ReadAsStringAsync(ct)))
            {
                request.Content = null;
                content.Dispose();
            }
            else if (content.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded")
            {
                // The bot never posts a form to the API: what Octokit labels as one is always its JSON serialization.
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }
        }
        if (IsGraphQL(request.RequestUri))
        {
            return;
        }
        request.Headers.Remove("X-GitHub-Api-Version");
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", ApiVersion);
        // Special media types (raw file contents, diffs) are kept; only the generic JSON one is renamed.
        var accepts = request.Headers.Accept;
        if (accepts.Count == 0 || accepts.All(a => a.MediaType is "application/vnd.github.v3+json" or "application/json"))
        {
            accepts.Clear();
            accepts.Add(new MediaTypeWithQualityHeaderValue(RestMediaType));
        }
    }

    /// <summary>
    /// A write on a repository (a comment, a check run, a label): what GitHub's content-creating limits count. Reads,
    /// GraphQL queries and App-level calls (installation tokens, webhook deliveries) are not paced by them.
    /// </summary>
    internal static bool IsContentCreating(HttpMethod method, string route) =>
        method != HttpMethod.Get && method != HttpMethod.Head && route.StartsWith("repos/", StringComparison.Ordinal);

    private static bool IsEmptyJson(string body) => body.Trim() is "" or "{}" or "null";

    private static bool IsGraphQL(Uri? uri) => uri is not null && uri.AbsolutePath.EndsWith("/graphql", StringComparison.Ordinal);

    private void ReadRateLimit(HttpResponseMessage response)
    {
        if (!TryInt(response, "x-ratelimit-remaining", out var remaining) || !TryInt(response, "x-ratelimit-limit", out var limit))
        {
            return;
        }
        var reset = TryInt(response, "x-ratelimit-reset", out var epoch) ? DateTimeOffset.FromUnixTimeSeconds(epoch) : _time.GetUtcNow();
        var resource = response.Headers.TryGetValues("x-ratelimit-resource", out var values) ? values.FirstOrDefault() ?? "core" : "core";
        var reading = new RateLimitReading(resource, limit, remaining, reset);
        _traffic.RecordRateLimit(GitHubCallScope.CurrentInstallation, reading);
        _budget.Observe(GitHubCallScope.CurrentInstallation, reading);
    }

    private static bool TryInt(HttpResponseMessage response, string header, out int value)
    {
        value = 0;
        return response.Headers.TryGetValues(header, out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
