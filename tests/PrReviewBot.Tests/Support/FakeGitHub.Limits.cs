using System.Globalization;
using WireMock;

namespace PrReviewBot.Tests.Support;

/// <summary>
/// The fake GitHub's side for throughput: GitHub's rate limits as it answers them (403 with <c>x-ratelimit-*</c>, 429
/// with Retry-After), how many reads ran at once, which installation a token belongs to, and the order in which the
/// check and the comment of a review were received and answered.
/// </summary>
public sealed partial class FakeGitHub
{
    private readonly Dictionary<string, long> _tokenInstallations = [];
    private readonly List<string> _writeEvents = [];
    private (int Status, DateTimeOffset Until)? _limitedUntil;
    private int _rateLimitedAnswers;
    private int _readsNow;
    private int _peakReads;
    private TaskCompletionSource? _commentArrived;
    private TaskCompletionSource? _checkArrived;

    /// <summary>Calls refused by <see cref="RateLimitUntil"/>.</summary>
    public int RateLimitedAnswers
    {
        get { lock (_lock) { return _rateLimitedAnswers; } }
    }

    /// <summary>The most PR reads (the review's GraphQL query) being answered at the same time.</summary>
    public int PeakConcurrentReads
    {
        get { lock (_lock) { return _peakReads; } }
    }

    /// <summary>"received check", "received comment", "answered check", "answered comment", in the order they happened.</summary>
    public IReadOnlyList<string> WriteEvents
    {
        get { lock (_lock) { return [.. _writeEvents]; } }
    }

    /// <summary>
    /// Until <paramref name="until"/> (this fake's <see cref="Time"/>), every call made with an installation token is
    /// refused as GitHub refuses a spent limit: 403 with <c>x-ratelimit-remaining: 0</c> and <c>x-ratelimit-reset</c>
    /// (primary), or 429 with <c>Retry-After</c> (secondary).
    /// </summary>
    public void RateLimitUntil(int status, DateTimeOffset until)
    {
        lock (_lock)
        {
            _limitedUntil = (status, until);
        }
    }

    /// <summary>
    /// A check run is held until a comment request arrives, and a comment until a check run arrives (each up to 30 s):
    /// a review that writes both at once passes at once; one that writes them in turn waits 30 s on the first.
    /// </summary>
    public void HoldWritesUntilBothArrive()
    {
        lock (_lock)
        {
            _commentArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _checkArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The installation whose token the request carries, if it carries one.</summary>
    public long? InstallationOf(ReceivedRequest r)
    {
        var auth = r.Headers.GetValueOrDefault("Authorization") ?? "";
        var space = auth.IndexOf(' ', StringComparison.Ordinal);
        lock (_lock)
        {
            return space > 0 && _tokenInstallations.TryGetValue(auth[(space + 1)..], out var id) ? id : null;
        }
    }

    private void IssuedFor(string token, long installationId)
    {
        lock (_lock)
        {
            _tokenInstallations[token] = installationId;
        }
    }

    private IResponseMessage? LimitAnswer(ReceivedRequest r)
    {
        int status;
        DateTimeOffset until;
        lock (_lock)
        {
            if (_limitedUntil is not { } limit || Time.GetUtcNow() >= limit.Until || InstallationOf(r) is null)
            {
                return null;
            }
            (status, until) = limit;
            _rateLimitedAnswers++;
        }
        var reset = until.ToUnixTimeSeconds() + (until.Millisecond > 0 ? 1 : 0);
        var headers = new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = status == 403 ? "0" : "4000",
            ["x-ratelimit-reset"] = reset.ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-resource"] = r.Path == "/graphql" ? "graphql" : "core",
        };
        if (status != 403)
        {
            headers["Retry-After"] = ((int)Math.Ceiling((until - Time.GetUtcNow()).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        return Json(status, status == 403
            ? """{"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}"""
            : """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}""",
            headers);
    }

    /// <summary>Counts PR reads being answered (from their arrival, so a read held by <see cref="HoldGraphQL"/> counts).</summary>
    private Ended? TrackRead(ReceivedRequest r)
    {
        if (r.Path != "/graphql" || !r.Body.Contains("query PullRequestReview(", StringComparison.Ordinal))
        {
            return null;
        }
        lock (_lock)
        {
            _readsNow++;
            _peakReads = Math.Max(_peakReads, _readsNow);
        }
        return new Ended(() => { lock (_lock) { _readsNow--; } });
    }

    /// <summary>For writes: records the order, and holds each kind until the other arrives (<see cref="HoldWritesUntilBothArrive"/>).</summary>
    private async Task<IDisposable?> TrackThroughputAsync(ReceivedRequest r)
    {
        var write = WriteKind(r);
        Task? hold = null;
        lock (_lock)
        {
            if (write is null)
            {
                return null;
            }
            _writeEvents.Add("received " + write);
            if (write == "comment")
            {
                _commentArrived?.TrySetResult();
                hold = _checkArrived?.Task;
            }
            else
            {
                _checkArrived?.TrySetResult();
                hold = _commentArrived?.Task;
            }
        }
        if (hold is not null)
        {
            await Task.WhenAny(hold, Task.Delay(TimeSpan.FromSeconds(30)));
        }
        return new Ended(() => { lock (_lock) { _writeEvents.Add("answered " + write); } });
    }

    private static string? WriteKind(ReceivedRequest r) =>
        r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal) ? "check"
        : (r.Method == "POST" && IssueCommentCreate().IsMatch(r.Path)) || (r.Method == "PATCH" && IssueCommentEdit().IsMatch(r.Path)) ? "comment"
        : null;

    private sealed class Ended(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
