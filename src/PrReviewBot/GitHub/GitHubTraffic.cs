using System.Collections.Concurrent;
using System.Text;

namespace PrReviewBot.GitHub;

/// <summary>
/// What the bot asked of GitHub: calls by endpoint and status, retries, and the rate limit GitHub last reported
/// per installation and resource. The source for metrics; never holds a token or a body.
/// </summary>
public sealed class GitHubTraffic
{
    private readonly ConcurrentDictionary<CallKey, long> _calls = new();
    private readonly ConcurrentDictionary<(long? Installation, string Resource), RateLimitReading> _limits = new();
    private long _retries;

    /// <summary>Raised when a call is about to be retried, with the wait chosen (tests watch waits through it).</summary>
    public event Action<RetryScheduled>? RetryScheduled;

    private int _failingInARow;
    private volatile string? _lastFailure;

    public void RecordCall(string method, string route, int status)
    {
        _calls.AddOrUpdate(new CallKey(method, route, status), 1, (_, n) => n + 1);
        if (status == 0 || status >= 500)
        {
            _lastFailure = status == 0 ? $"{method} {route}: no answer" : $"{method} {route}: HTTP {status}";
            Interlocked.Increment(ref _failingInARow);
        }
        else
        {
            Interlocked.Exchange(ref _failingInARow, 0);
        }
    }

    /// <summary>Calls in a row that got no answer or a 5xx; above 0 GitHub looks unreachable (the status page says so).</summary>
    public int FailingInARow => Volatile.Read(ref _failingInARow);

    /// <summary>The last call that got no answer or a 5xx, as "METHOD route: what happened".</summary>
    public string? LastFailure => _lastFailure;

    public void RecordRateLimit(long? installationId, RateLimitReading reading) =>
        _limits[(installationId, reading.Resource)] = reading;

    public void RecordRetry(RetryScheduled retry)
    {
        Interlocked.Increment(ref _retries);
        RetryScheduled?.Invoke(retry);
    }

    public long Retries => Interlocked.Read(ref _retries);

    public IReadOnlyDictionary<CallKey, long> Calls => _calls;

    public IReadOnlyDictionary<(long? Installation, string Resource), RateLimitReading> RateLimits => _limits;

    /// <summary>
    /// A path with its identifiers replaced, so calls group by endpoint: <c>repos/{owner}/{repo}/issues/{n}/comments</c>.
    /// </summary>
    public static string Route(Uri uri)
    {
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        var start = Array.IndexOf(segments, "repos");
        var sb = new StringBuilder();
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            string part;
            if (start >= 0 && i == start + 1)
            {
                part = "{owner}";
            }
            else if (start >= 0 && i == start + 2)
            {
                part = "{repo}";
            }
            else if (s.Length > 0 && s.All(char.IsAsciiDigit))
            {
                part = "{n}";
            }
            else if (s.Length == 40 && s.All(char.IsAsciiHexDigit))
            {
                part = "{sha}";
            }
            else if (i > 0 && segments[i - 1] == "app-manifests")
            {
                // The one-time code of the App manifest flow: one series per code would grow without bound.
                part = "{code}";
            }
            else if (start >= 0 && i > start + 2 && segments[i - 1] == "collaborators")
            {
                part = "{user}";
            }
            else
            {
                part = s;
            }
            if (sb.Length > 0)
            {
                sb.Append('/');
            }
            sb.Append(part);
        }
        return sb.ToString();
    }
}

public readonly record struct CallKey(string Method, string Route, int Status);

public sealed record RateLimitReading(string Resource, int Limit, int Remaining, DateTimeOffset Reset);

public sealed record RetryScheduled(string Operation, int Attempt, TimeSpan Delay, string Reason);
