using System.Globalization;
using System.Net;
using System.Text.Json;
using Octokit;
using Polly.CircuitBreaker;

namespace PrReviewBot.GitHub;

/// <summary>GitHub's GraphQL API said RATE_LIMITED (it does so with HTTP 200), or any limit GitHub reported without Octokit noticing.</summary>
public sealed class GitHubRateLimitedException(string message, TimeSpan wait) : Exception(message)
{
    public TimeSpan Wait { get; } = wait;
}

/// <summary>A GraphQL answer with errors the bot cannot work around (it may well succeed later).</summary>
public sealed class GitHubQueryException(string message) : Exception(message);

public enum FaultKind
{
    /// <summary>Worth trying again soon: timeouts, connection errors, 5xx, odd answers.</summary>
    Transient,

    /// <summary>GitHub asked us to wait (primary or secondary limit): try again after <see cref="Fault.Wait"/>.</summary>
    RateLimited,

    /// <summary>401: the token was refused; a fresh one may work.</summary>
    Unauthorized,

    /// <summary>Trying again will not help (404, 422, 403 without a rate limit).</summary>
    Permanent,

    /// <summary>
    /// GitHub looks down (the circuit breaker is open): wait <see cref="Fault.Wait"/> without counting an attempt,
    /// however long the outage lasts.
    /// </summary>
    Unavailable,
}

/// <param name="Wait">How long GitHub asked us to wait, when it said so.</param>
public readonly record struct Fault(FaultKind Kind, TimeSpan? Wait, string Summary);

/// <summary>Sorts GitHub failures into what to do about them, reading Retry-After and x-ratelimit-reset.</summary>
public static class GitHubFaults
{
    /// <summary>GitHub's advice for a secondary limit without Retry-After: wait at least a minute.</summary>
    public static readonly TimeSpan SecondaryLimitDefaultWait = TimeSpan.FromMinutes(1);

    /// <summary>How long work waits when the circuit is half-open (a probe is deciding) and no wait is known.</summary>
    public static readonly TimeSpan CircuitProbeWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Failures that say GitHub (or the way to it) is down, as opposed to a bad request or a limit: timeouts,
    /// refused or reset connections, 5xx. These open the circuit breaker.
    /// </summary>
    public static bool IsOutage(Exception e) => e switch
    {
        TimeoutException or HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or System.IO.IOException => true,
        ApiException a => (int)a.StatusCode >= 500,
        _ => false,
    };

    public static Fault Classify(Exception e, DateTimeOffset now)
    {
        switch (e)
        {
            case BrokenCircuitException b:
                return new Fault(FaultKind.Unavailable, b.RetryAfter ?? CircuitProbeWait, "GitHub looks down (circuit open): waiting before calling again");
            case GitHubRateLimitedException r:
                return new Fault(FaultKind.RateLimited, r.Wait, r.Message);
            case RateBudgetSpentException b:
                return new Fault(FaultKind.RateLimited, b.Wait, b.Message);
            case RateLimitExceededException r:
                return new Fault(FaultKind.RateLimited, AtLeastOneSecond(UntilReset(r.HttpResponse, now) ?? r.GetRetryAfterTimeSpan()),
                    "primary rate limit exceeded");
            case SecondaryRateLimitExceededException s:
                return new Fault(FaultKind.RateLimited, RetryAfter(s.HttpResponse, now) ?? SecondaryLimitDefaultWait, "secondary rate limit exceeded");
            case AbuseException a:
                return new Fault(FaultKind.RateLimited,
                    a.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : RetryAfter(a.HttpResponse, now) ?? SecondaryLimitDefaultWait,
                    "secondary rate limit (abuse detection)");
            case AuthorizationException:
                return new Fault(FaultKind.Unauthorized, null, "GitHub refused the credentials (401)");
            case ApiException a when (int)a.StatusCode == 429:
                return new Fault(FaultKind.RateLimited,
                    RetryAfter(a.HttpResponse, now) ?? (RemainingIsZero(a.HttpResponse) ? UntilReset(a.HttpResponse, now) : null) ?? SecondaryLimitDefaultWait,
                    "rate limited (429)");
            case ApiException a when a.StatusCode == HttpStatusCode.Forbidden && RemainingIsZero(a.HttpResponse):
                return new Fault(FaultKind.RateLimited, AtLeastOneSecond(UntilReset(a.HttpResponse, now) ?? SecondaryLimitDefaultWait),
                    "primary rate limit exceeded (403)");
            case ApiException a when a.StatusCode == HttpStatusCode.Forbidden && RetryAfter(a.HttpResponse, now) is { } wait:
                return new Fault(FaultKind.RateLimited, wait, "rate limited (403 with Retry-After)");
            case ApiException a when (int)a.StatusCode >= 500:
                return new Fault(FaultKind.Transient, RetryAfter(a.HttpResponse, now), $"GitHub answered {(int)a.StatusCode}");
            case ApiException a when a.StatusCode == HttpStatusCode.RequestTimeout:
                return new Fault(FaultKind.Transient, null, "GitHub answered 408");
            case ApiException a:
                return new Fault(FaultKind.Permanent, null, $"GitHub answered {(int)a.StatusCode}: {a.Message}");
            case TimeoutException t:
                return new Fault(FaultKind.Transient, null, t.Message);
            case HttpRequestException h:
                return new Fault(FaultKind.Transient, null, $"connection to GitHub failed: {h.Message}");
            case TaskCanceledException:
                return new Fault(FaultKind.Transient, null, "GitHub call timed out");
            case GitHubNotConfiguredException n:
                return new Fault(FaultKind.Transient, TimeSpan.FromMinutes(1), n.Message);
            case GitHubAnswerUnreadableException u:
                // GitHub did what was asked; what failed was reading its answer. The job runs again (and finds the write done).
                return new Fault(FaultKind.Transient, null, u.Message);
            case GitHubQueryException q:
                return new Fault(FaultKind.Transient, null, q.Message);
            case JsonException j:
                return new Fault(FaultKind.Transient, null, $"GitHub's answer could not be read: {j.Message}");
            case System.Runtime.Serialization.SerializationException s:
                // Octokit's reader: a garbled or cut answer (a proxy's error page with 200, a broken chunk).
                return new Fault(FaultKind.Transient, null, $"GitHub's answer could not be read: {s.Message}");
            case System.Net.Sockets.SocketException or System.IO.IOException:
                // The connection dropped outside the HTTP client's own wrapping (a reset while the answer is read, a socket
                // no longer connected when the retry writes): the way to GitHub failed, not the request.
                return new Fault(FaultKind.Transient, null, $"connection to GitHub failed: {e.Message}");
            case { InnerException: { } inner } when inner is System.Net.Sockets.SocketException or System.IO.IOException or HttpRequestException:
                return new Fault(FaultKind.Transient, null, $"connection to GitHub failed: {inner.Message}");
            default:
                return new Fault(FaultKind.Permanent, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Retry-After: delay-seconds or an HTTP date.</summary>
    public static TimeSpan? RetryAfter(IResponse? response, DateTimeOffset now)
    {
        if (Header(response, "Retry-After") is not { } value)
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Positive(at - now)
            : null;
    }

    public static TimeSpan? UntilReset(IResponse? response, DateTimeOffset now) =>
        long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? Positive(DateTimeOffset.FromUnixTimeSeconds(epoch) - now + TimeSpan.FromSeconds(1))
            : null;

    public static TimeSpan? UntilReset(IReadOnlyDictionary<string, string>? headers, DateTimeOffset now) =>
        headers is not null && Find(headers, "x-ratelimit-reset") is { } value
            && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? Positive(DateTimeOffset.FromUnixTimeSeconds(epoch) - now + TimeSpan.FromSeconds(1))
            : null;

    private static bool RemainingIsZero(IResponse? response) => Header(response, "x-ratelimit-remaining") == "0";

    private static string? Header(IResponse? response, string name) =>
        response?.Headers is { } headers ? Find(headers, name) : null;

    private static string? Find(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var exact))
        {
            return exact;
        }
        foreach (var (key, value) in headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }

    private static TimeSpan Positive(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;

    private static TimeSpan AtLeastOneSecond(TimeSpan t) => t < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : t;
}
