using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.ResponseBuilders;

namespace PrReviewBot.Tests.Support;

/// <summary>How GitHub is failing as a whole (issue 6's outage tests).</summary>
public enum GitHubOutage
{
    None,

    /// <summary>Every request answers 503.</summary>
    ServiceUnavailable,

    /// <summary>Every request gets a 200 whose body is garbage (a proxy's page, a cut chunk): nothing GitHub would say.</summary>
    GarbledAnswers,
}

/// <summary>
/// The fake GitHub's reliability side: latency, outages, hanging calls, GitHub's comment length limit, reads of
/// check runs on a commit, the App's webhook deliveries with redelivery, and a probe that notices two evaluations
/// of one PR reading it at the same time.
/// </summary>
public sealed partial class FakeGitHub
{
    private readonly Dictionary<int, int> _readsInFlight = [];
    private readonly List<FakeHookDelivery> _hookDeliveries = [];
    private readonly List<long> _redeliveryRequests = [];
    private readonly List<(string Method, string PathPrefix, TimeSpan For, int Times)> _hangs = [];
    private int _overlappingReads;

    /// <summary>Every answer waits this long first (GitHub's own latency).</summary>
    public TimeSpan Latency { get; set; }

    public GitHubOutage Outage { get; set; }

    /// <summary>Comments longer than this are refused with 422, as GitHub does at 65,536 (some text counts double there).</summary>
    public int MaxCommentLength { get; set; } = 65_536;

    /// <summary>Times a PR was read while another read of the same PR was still being answered.</summary>
    public int OverlappingReads
    {
        get { lock (_lock) { return _overlappingReads; } }
    }

    /// <summary>Called (without waiting) when the bot asks for a delivery again: the test delivers it, as GitHub would.</summary>
    public Func<FakeHookDelivery, Task>? OnRedelivery { get; set; }

    public IReadOnlyList<long> RedeliveryRequests
    {
        get { lock (_lock) { return [.. _redeliveryRequests]; } }
    }

    /// <summary>The next <paramref name="times"/> matching requests take <paramref name="duration"/> to answer (a hung call).</summary>
    public void Hang(string method, string pathPrefix, TimeSpan duration, int times = 1)
    {
        lock (_lock)
        {
            _hangs.Add((method, pathPrefix, duration, times));
        }
    }

    /// <summary>Every installation token issued so far stops working now (GitHub revoked it or its clock is ahead): 401 "Bad credentials".</summary>
    public void ExpireTokens()
    {
        lock (_lock)
        {
            foreach (var token in _issuedTokens.Keys.ToList())
            {
                _issuedTokens[token] = DateTimeOffset.MinValue;
            }
        }
    }

    /// <summary>The PR is gone (deleted, or its repository was): reads find nothing.</summary>
    public void RemovePullRequest(string repository, int number)
    {
        lock (_lock)
        {
            _pulls.Remove(Key(repository, number));
        }
    }

    /// <summary>An attempt GitHub made to deliver a webhook to the App (listed by GET /app/hook/deliveries).</summary>
    public FakeHookDelivery AddHookDelivery(string guid, int statusCode, DateTimeOffset deliveredAt, string eventName = "pull_request", string? action = "opened",
        string? payload = null, bool redelivery = false)
    {
        lock (_lock)
        {
            var d = new FakeHookDelivery(++_nextId, guid, statusCode is >= 200 and < 300 ? "OK" : statusCode == 0 ? "timed out" : $"Invalid HTTP Response: {statusCode}",
                statusCode, eventName, action, deliveredAt, redelivery, payload);
            _hookDeliveries.Add(d);
            return d;
        }
    }

    private IDisposable? TrackInFlight(ReceivedRequest r)
    {
        if (r.Path != "/graphql" || !r.Body.Contains("query PullRequestReview(", StringComparison.Ordinal))
        {
            return null;
        }
        int number;
        try
        {
            number = (int)JsonNode.Parse(r.Body)!["variables"]!["number"]!;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            return null;
        }
        lock (_lock)
        {
            var now = _readsInFlight.GetValueOrDefault(number) + 1;
            _readsInFlight[number] = now;
            if (now > 1)
            {
                _overlappingReads++;
            }
        }
        return new InFlight(this, number);
    }

    private sealed class InFlight(FakeGitHub owner, int number) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._readsInFlight[number]--;
            }
        }
    }

    private async Task BeforeAnswerAsync(ReceivedRequest r)
    {
        var wait = Latency;
        lock (_lock)
        {
            var i = _hangs.FindIndex(h => h.Times > 0 && h.Method == r.Method && r.Path.StartsWith(h.PathPrefix, StringComparison.Ordinal));
            if (i >= 0)
            {
                var h = _hangs[i];
                _hangs[i] = h with { Times = h.Times - 1 };
                wait += h.For;
            }
        }
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private IResponseMessage? Intercept(ReceivedRequest r)
    {
        switch (Outage)
        {
            case GitHubOutage.ServiceUnavailable:
                return Json(503, """{"message":"Service Unavailable"}""");
            case GitHubOutage.GarbledAnswers:
                var broken = Json(200, "");
                ((ResponseMessage)broken).FaultType = FaultType.MALFORMED_RESPONSE_CHUNK;
                return broken;
        }
        if (r.Path.StartsWith("/app/hook/deliveries", StringComparison.Ordinal))
        {
            return HookDeliveriesAnswer(r);
        }
        if (InstallationAnswer(r) is { } installation)
        {
            return installation;
        }
        if (!Authorized(r))
        {
            return null;
        }
        if ((r.Method == "POST" && IssueCommentCreate().IsMatch(r.Path)) || (r.Method == "PATCH" && IssueCommentEdit().IsMatch(r.Path)))
        {
            var text = (string?)JsonNode.Parse(r.Body)?["body"] ?? "";
            if (text.Length > MaxCommentLength)
            {
                return Json(422, JsonSerializer.Serialize(new
                {
                    message = "Validation Failed",
                    errors = new[] { new { resource = "IssueComment", code = "custom", field = "body", message = $"body is too long (maximum is {MaxCommentLength} characters)" } },
                    documentation_url = "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
                }));
            }
            return null;
        }
        if (r.Method == "GET" && CommitCheckRuns().Match(r.Path) is { Success: true } m)
        {
            var repository = $"{m.Groups[1].Value}/{m.Groups[2].Value}";
            var sha = m.Groups[3].Value;
            var name = QueryValue(r, "check_name");
            lock (_lock)
            {
                var runs = _checkRuns.Where(c => c.Repository.Equals(repository, StringComparison.OrdinalIgnoreCase) && c.HeadSha == sha
                        && (name is null || c.Name == name))
                    .OrderByDescending(c => c.Id)
                    .Select(c => new
                    {
                        id = c.Id, head_sha = c.HeadSha, name = c.Name, status = c.Status ?? "queued", conclusion = c.Conclusion,
                        external_id = c.ExternalId, details_url = c.DetailsUrl,
                        output = new { title = c.Title, summary = c.Summary, text = c.Text, annotations_count = 0 },
                    }).ToList();
                return Json(200, JsonSerializer.Serialize(new { total_count = runs.Count, check_runs = runs }));
            }
        }
        if (r.Method == "GET" && CommitStatuses().Match(r.Path) is { Success: true } s)
        {
            var repository = $"{s.Groups[1].Value}/{s.Groups[2].Value}";
            var sha = s.Groups[3].Value;
            lock (_lock)
            {
                // Newest first, as GitHub lists them.
                var statuses = _statuses.Where(x => x.Repository.Equals(repository, StringComparison.OrdinalIgnoreCase) && x.Sha == sha)
                    .OrderByDescending(x => x.Id)
                    .Select(x => new
                    {
                        id = x.Id, state = x.State, context = x.Context, description = x.Description, target_url = x.TargetUrl,
                        created_at = Time.GetUtcNow(), updated_at = Time.GetUtcNow(),
                    }).ToList();
                return Json(200, JsonSerializer.Serialize(statuses));
            }
        }
        return null;
    }

    private IResponseMessage HookDeliveriesAnswer(ReceivedRequest r)
    {
        var auth = r.Headers.GetValueOrDefault("Authorization") ?? "";
        // App-level endpoints take the App's JWT, never an installation token.
        if (AppPublicKey is null || !auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !ValidJwt(auth["Bearer ".Length..]))
        {
            return Json(401, """{"message":"A JSON web token could not be decoded","documentation_url":"https://docs.github.com/rest"}""");
        }
        if (r.Method == "POST" && RedeliveryAttempt().Match(r.Path) is { Success: true } attempt)
        {
            var id = long.Parse(attempt.Groups[1].Value, CultureInfo.InvariantCulture);
            FakeHookDelivery? original;
            lock (_lock)
            {
                original = _hookDeliveries.FirstOrDefault(d => d.Id == id);
                if (original is not null)
                {
                    _redeliveryRequests.Add(id);
                }
            }
            if (original is null)
            {
                return NotFound();
            }
            if (OnRedelivery is { } deliver)
            {
                // GitHub answers 202 and delivers afterwards.
                _ = Task.Run(() => deliver(original));
            }
            return Json(202, "{}");
        }
        if (r.Method == "GET" && r.Path == "/app/hook/deliveries")
        {
            var perPage = int.TryParse(QueryValue(r, "per_page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, 100) : 30;
            var start = int.TryParse(QueryValue(r, "cursor"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : 0;
            List<FakeHookDelivery> all;
            lock (_lock)
            {
                all = [.. _hookDeliveries.OrderByDescending(d => d.DeliveredAt).ThenByDescending(d => d.Id)];
            }
            var page = all.Skip(start).Take(perPage).Select(d => new
            {
                id = d.Id, guid = d.Guid, delivered_at = d.DeliveredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                redelivery = d.Redelivery, duration = 0.1, status = d.Status, status_code = d.StatusCode, @event = d.Event, action = d.Action,
                installation_id = Payloads.Installation, repository_id = 1296269,
            });
            var headers = new Dictionary<string, string>();
            if (start + perPage < all.Count)
            {
                headers["Link"] = $"<{Url}app/hook/deliveries?per_page={perPage}&cursor={start + perPage}>; rel=\"next\"";
            }
            return Json(200, JsonSerializer.Serialize(page), headers);
        }
        return NotFound();
    }

    private static string? QueryValue(ReceivedRequest r, string name)
    {
        foreach (var pair in r.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && Uri.UnescapeDataString(pair[..eq]) == name)
            {
                return Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }
        return null;
    }

    [GeneratedRegex(@"^/repos/[^/]+/[^/]+/issues/\d+/comments$")]
    private static partial Regex IssueCommentCreate();

    [GeneratedRegex(@"^/repos/[^/]+/[^/]+/issues/comments/\d+$")]
    private static partial Regex IssueCommentEdit();

    [GeneratedRegex(@"^/repos/([^/]+)/([^/]+)/commits/([0-9a-f]{40})/check-runs$")]
    private static partial Regex CommitCheckRuns();

    [GeneratedRegex(@"^/repos/([^/]+)/([^/]+)/commits/([0-9a-f]{40})/statuses$")]
    private static partial Regex CommitStatuses();

    [GeneratedRegex(@"^/app/hook/deliveries/(\d+)/attempts$")]
    private static partial Regex RedeliveryAttempt();
}

/// <summary>One attempt GitHub made to deliver a webhook; <see cref="Payload"/> is what a redelivery sends again.</summary>
public sealed record FakeHookDelivery(
    long Id, string Guid, string Status, int StatusCode, string Event, string? Action, DateTimeOffset DeliveredAt, bool Redelivery, string? Payload);
