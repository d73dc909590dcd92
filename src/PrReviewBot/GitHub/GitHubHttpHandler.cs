using System.Diagnostics;
using System.Globalization;

namespace PrReviewBot.GitHub;

/// <summary>
/// The one HTTP handler every GitHub call goes through: a per-request timeout (GitHub answers in well under a
/// second; a hung call must not hold a PR), cancellation at shutdown, and a count of calls and rate-limit readings.
/// </summary>
public sealed class GitHubHttpHandler : DelegatingHandler
{
    private readonly GitHubTraffic _traffic;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _stopping;

    public GitHubHttpHandler(GitHubTraffic traffic, TimeProvider time, TimeSpan timeout, CancellationToken stopping, HttpMessageHandler inner)
        : base(inner)
    {
        _traffic = traffic;
        _time = time;
        _timeout = timeout;
        _stopping = stopping;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = request.RequestUri is null ? "?" : GitHubTraffic.Route(request.RequestUri);
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

    private void ReadRateLimit(HttpResponseMessage response)
    {
        if (!TryInt(response, "x-ratelimit-remaining", out var remaining) || !TryInt(response, "x-ratelimit-limit", out var limit))
        {
            return;
        }
        var reset = TryInt(response, "x-ratelimit-reset", out var epoch) ? DateTimeOffset.FromUnixTimeSeconds(epoch) : _time.GetUtcNow();
        var resource = response.Headers.TryGetValues("x-ratelimit-resource", out var values) ? values.FirstOrDefault() ?? "core" : "core";
        _traffic.RecordRateLimit(GitHubCallScope.CurrentInstallation, new RateLimitReading(resource, limit, remaining, reset));
    }

    private static bool TryInt(HttpResponseMessage response, string header, out int value)
    {
        value = 0;
        return response.Headers.TryGetValues(header, out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
