using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PrReviewBot.Load;

/// <summary>
/// Just enough GitHub for the bot's hot path, on 127.0.0.1, answering every call after a fixed latency: installation
/// tokens, the GraphQL snapshot of a PR (an optimization PR with a description that misses two items), check runs
/// and comments. It records when the first check for each head SHA arrived and counts every call. Each installation
/// has its own tokens and its own limits, enforced as GitHub does: a primary limit per hour (reported in
/// <c>x-ratelimit-*</c>, 403 once spent) and content-creating limits per minute and hour (403 with Retry-After).
/// </summary>
public sealed class FakeGitHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeSpan _latency;
    private readonly LoadOptions _limits;
    private readonly ConcurrentDictionary<string, long> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, InstallationBudget> _installations = new();
    private long _refusedSecondary;
    private long _refusedPrimary;
    private readonly ConcurrentDictionary<string, long> _firstCheckAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, string> _heads = new();
    private long _nextId = 1000;

    private FakeGitHubServer(WebApplication app, LoadOptions o)
    {
        _app = app;
        _latency = o.GitHubLatency;
        _limits = o;
    }

    /// <summary>Writes refused for a content-creating limit (403, Retry-After).</summary>
    public long RefusedSecondary => Interlocked.Read(ref _refusedSecondary);

    /// <summary>Calls refused because the installation's primary limit was spent.</summary>
    public long RefusedPrimary => Interlocked.Read(ref _refusedPrimary);

    public int InstallationsSeen => _installations.Count;

    /// <summary>The most writes any one installation had accepted within one 60 s window.</summary>
    public int MostWritesInAMinute => _installations.Values.Select(i => i.MostInAMinute).DefaultIfEmpty(0).Max();

    public string Url { get; private set; } = "";

    public IReadOnlyDictionary<string, long> Calls => _calls;

    public long TotalCalls => _calls.Values.Sum();

    /// <summary>Stopwatch timestamp of the first check run posted on <paramref name="headSha"/>.</summary>
    public bool TryFirstCheck(string headSha, out long timestamp) => _firstCheckAt.TryGetValue(headSha, out timestamp);

    public int ChecksPosted => _firstCheckAt.Count;

    /// <summary>The head the PR has now (the replayer moves it with each push it sends).</summary>
    public void SetHead(int number, string sha) => _heads[number] = sha;

    public static async Task<FakeGitHubServer> StartAsync(LoadOptions o, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new FakeGitHubServer(app, o);
        app.MapPost("/app/installations/{id}/access_tokens", server.TokenAsync);
        app.MapPost("/graphql", server.GraphQLAsync);
        app.MapPost("/repos/{owner}/{repo}/check-runs", server.CheckRunAsync);
        app.MapPost("/repos/{owner}/{repo}/issues/{number}/comments", server.CommentAsync);
        app.MapMethods("/repos/{owner}/{repo}/issues/comments/{id}", ["PATCH"], server.CommentAsync);
        app.MapGet("/app/hook/deliveries", async (HttpContext c) => await server.AnswerAsync(c, "GET app/hook/deliveries", 200, "[]"));
        app.MapFallback(async (HttpContext c) => await server.AnswerAsync(c, $"{c.Request.Method} other", 404, """{"message":"Not Found"}"""));
        await app.StartAsync();
        server.Url = app.Urls.First().TrimEnd('/') + "/";
        return server;
    }

    /// <summary>
    /// Answers after the latency. A call made with an installation's token spends its primary limit first (and is
    /// refused once that is spent); a write also spends its content-creating limits (refused with Retry-After).
    /// </summary>
    private async Task AnswerAsync(HttpContext context, string route, int status, string json, bool write = false, Action? accepted = null)
    {
        var reading = InstallationOf(context)?.Spend(DateTimeOffset.UtcNow, write, _limits);
        if (reading is { Refusal: { } refusal })
        {
            if (refusal == Refusal.Primary)
            {
                Interlocked.Increment(ref _refusedPrimary);
                route += " (refused: primary limit)";
                json = """{"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""";
            }
            else
            {
                Interlocked.Increment(ref _refusedSecondary);
                route += " (refused: content-creating limit)";
                json = """{"message":"You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}""";
            }
            status = 403;
        }
        else
        {
            accepted?.Invoke();
        }
        _calls.AddOrUpdate(route, 1, (_, n) => n + 1);
        if (_latency > TimeSpan.Zero)
        {
            await Task.Delay(_latency);
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var r = reading ?? new Reading(_limits.PrimaryPerHour, DateTimeOffset.UtcNow.AddHours(1), null, null);
        context.Response.Headers["x-ratelimit-limit"] = _limits.PrimaryPerHour.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-remaining"] = r.Remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-reset"] = r.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-resource"] = route.StartsWith("POST graphql", StringComparison.Ordinal) ? "graphql" : "core";
        if (r.RetryAfter is { } wait)
        {
            context.Response.Headers["Retry-After"] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        await context.Response.WriteAsync(json);
    }

    private InstallationBudget? InstallationOf(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && _tokens.TryGetValue(authorization[(space + 1)..], out var id) ? _installations.GetOrAdd(id, _ => new InstallationBudget()) : null;
    }

    /// <summary>A token per installation and request, remembered so the calls made with it count against that installation.</summary>
    private Task TokenAsync(HttpContext context, long id)
    {
        var token = $"ghs_load{id}x{Guid.NewGuid():N}";
        _tokens[token] = id;
        return AnswerAsync(context, "POST app/installations/{id}/access_tokens", 201, JsonSerializer.Serialize(new
        {
            token,
            expires_at = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            permissions = new { checks = "write", pull_requests = "read", issues = "write", contents = "read", metadata = "read" },
            repository_selection = "all",
        }));
    }

    private enum Refusal
    {
        Primary,
        ContentCreating,
    }

    private readonly record struct Reading(int Remaining, DateTimeOffset Reset, Refusal? Refusal, TimeSpan? RetryAfter);

    /// <summary>One installation's limits: the primary one per hour from its first call, and its writes in the last minute and hour.</summary>
    private sealed class InstallationBudget
    {
        private readonly Lock _lock = new();
        private readonly Queue<DateTimeOffset> _lastHour = new();
        private readonly Queue<DateTimeOffset> _lastMinute = new();
        private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
        private int _used;

        public int MostInAMinute { get; private set; }

        public Reading Spend(DateTimeOffset now, bool write, LoadOptions limits)
        {
            lock (_lock)
            {
                if (now >= _windowStart + TimeSpan.FromHours(1))
                {
                    _windowStart = now;
                    _used = 0;
                }
                var reset = _windowStart + TimeSpan.FromHours(1);
                if (_used >= limits.PrimaryPerHour)
                {
                    return new Reading(0, reset, Refusal.Primary, reset - now);
                }
                _used++;
                var remaining = limits.PrimaryPerHour - _used;
                if (!write)
                {
                    return new Reading(remaining, reset, null, null);
                }
                Expire(_lastMinute, now - TimeSpan.FromMinutes(1));
                Expire(_lastHour, now - TimeSpan.FromHours(1));
                if (limits.ContentPerMinute > 0 && _lastMinute.Count >= limits.ContentPerMinute)
                {
                    return new Reading(remaining, reset, Refusal.ContentCreating, _lastMinute.Peek() + TimeSpan.FromMinutes(1) - now);
                }
                if (limits.ContentPerHour > 0 && _lastHour.Count >= limits.ContentPerHour)
                {
                    return new Reading(remaining, reset, Refusal.ContentCreating, _lastHour.Peek() + TimeSpan.FromHours(1) - now);
                }
                _lastMinute.Enqueue(now);
                _lastHour.Enqueue(now);
                MostInAMinute = Math.Max(MostInAMinute, _lastMinute.Count);
                return new Reading(remaining, reset, null, null);
            }
        }

        private static void Expire(Queue<DateTimeOffset> writes, DateTimeOffset before)
        {
            while (writes.Count > 0 && writes.Peek() <= before)
            {
                writes.Dequeue();
            }
        }
    }

    private async Task GraphQLAsync(HttpContext context)
    {
        var request = await JsonNode.ParseAsync(context.Request.Body);
        var query = (string?)request?["query"] ?? "";
        var v = request?["variables"];
        if (!query.Contains("query PullRequestReview(", StringComparison.Ordinal) || v is null)
        {
            await AnswerAsync(context, "POST graphql (other)", 200, """{"errors":[{"message":"the load harness's GitHub knows only the review query"}]}""");
            return;
        }
        var number = (int)v["number"]!;
        var head = _heads.GetValueOrDefault(number) ?? Sha(number, 0);
        var answer = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["repository"] = new JsonObject
                {
                    ["defaultBranchRef"] = new JsonObject { ["name"] = "master" },
                    ["config"] = null,
                    ["pullRequest"] = new JsonObject
                    {
                        ["number"] = number,
                        ["title"] = "perf: batch feed item queries",
                        ["body"] = Description,
                        ["state"] = "OPEN",
                        ["isDraft"] = false,
                        ["headRefOid"] = head,
                        ["baseRefName"] = "master",
                        ["baseRefOid"] = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
                        ["labels"] = new JsonObject { ["nodes"] = new JsonArray(new JsonObject { ["name"] = "performance" }) },
                        ["files"] = new JsonObject
                        {
                            ["pageInfo"] = new JsonObject { ["hasNextPage"] = false, ["endCursor"] = "3" },
                            ["nodes"] = new JsonArray(
                                new JsonObject { ["path"] = "src/Feed/FeedRepository.cs" },
                                new JsonObject { ["path"] = "src/Feed/FeedFlags.cs" },
                                new JsonObject { ["path"] = "tests/load/feed-api.js" }),
                        },
                        ["comments"] = new JsonObject
                        {
                            ["pageInfo"] = new JsonObject { ["hasPreviousPage"] = false, ["startCursor"] = null },
                            ["nodes"] = new JsonArray(),
                        },
                    },
                },
                ["organizationConfig"] = null,
            },
            ["errors"] = new JsonArray(new JsonObject
            {
                ["type"] = "NOT_FOUND",
                ["path"] = new JsonArray("organizationConfig"),
                ["message"] = "Could not resolve to a Repository with the name '.github'.",
            }),
        };
        await AnswerAsync(context, "POST graphql", 200, answer.ToJsonString());
    }

    private async Task CheckRunAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var sha = (string?)body?["head_sha"] ?? "";
        await AnswerAsync(context, "POST repos/{owner}/{repo}/check-runs", 201, JsonSerializer.Serialize(new
        {
            id = Interlocked.Increment(ref _nextId), head_sha = sha, name = (string?)body?["name"], status = "completed", conclusion = (string?)body?["conclusion"],
        }), write: true, accepted: () => _firstCheckAt.TryAdd(sha, Stopwatch.GetTimestamp()));
    }

    private async Task CommentAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var route = context.Request.Method == "PATCH" ? "PATCH repos/{owner}/{repo}/issues/comments/{id}" : "POST repos/{owner}/{repo}/issues/{n}/comments";
        await AnswerAsync(context, route, context.Request.Method == "PATCH" ? 200 : 201, JsonSerializer.Serialize(new
        {
            id = Interlocked.Increment(ref _nextId),
            body = (string?)body?["body"],
            user = new { login = "prreviewbot[bot]", id = 1, type = "Bot" },
            created_at = "2026-01-01T00:00:00Z",
            updated_at = "2026-01-01T00:00:00Z",
            html_url = "https://github.com/Codertocat/Hello-World/pull/1#issuecomment-1",
            author_association = "NONE",
        }), write: true);
    }

    public static string Sha(int number, int push) =>
        (number.ToString("x8", CultureInfo.InvariantCulture) + push.ToString("x8", CultureInfo.InvariantCulture)).PadLeft(40, 'c');

    /// <summary>A real-shaped optimization PR description: constraint, profile and before/after present; rollback and monitoring missing.</summary>
    private const string Description = """
        ## Constraint
        Feed API p95 latency must stay under 80ms at 2,500 RPS — the target agreed in #41.

        ## Profile
        CPU flamegraph from production (dotnet-trace, 60 s): ![flamegraph](https://files.example.com/feed-api/flamegraph.svg)
        62% of CPU time is in `FeedRepository.LoadItems`, which issues one query per item (N+1); the bottleneck is I/O on the database.

        ## Before/after
        | metric | before | after |
        |---|---|---|
        | p95 latency | 240ms | 78ms |
        | p99 latency | 410ms | 120ms |
        | throughput | 1,900 RPS | 2,600 RPS |

        Load test: k6, 10 minutes sustained at 2,500 RPS on the staging dataset; error rate 0.02% before, 0.01% after.
        """;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
