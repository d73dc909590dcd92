using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace PrReviewBot.Tests.Support;

/// <summary>
/// A stateful GitHub on 127.0.0.1 (WireMock.Net with one callback): it holds PRs, config files, comments, check
/// runs and statuses, answers the bot's GraphQL and REST calls from that state, checks credentials, can be told
/// to fail or hold calls, and records every request so tests assert on exactly what GitHub received.
/// </summary>
public sealed partial class FakeGitHub : IDisposable
{
    private readonly Lock _lock = new();
    private readonly WireMockServer _server;
    private readonly List<ReceivedRequest> _requests = [];
    private readonly List<FaultRule> _faults = [];
    private readonly Dictionary<string, FakePullRequest> _pulls = [];
    private readonly Dictionary<string, string> _files = [];
    private readonly Dictionary<string, string> _defaultBranches = [];
    private readonly HashSet<string> _repositories = [];
    private readonly List<FakeComment> _comments = [];
    private readonly List<FakeCheckRun> _checkRuns = [];
    private readonly List<FakeStatus> _statuses = [];
    private readonly Dictionary<string, DateTimeOffset> _issuedTokens = [];
    private readonly List<string> _servedBodies = [];
    private readonly Dictionary<string, string> _manifestCodes = [];
    private readonly List<string> _manifests = [];
    private long _nextId = 1000;
    private TaskCompletionSource? _graphQLGate;

    public FakeGitHub()
    {
        var port = FreePort();
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{port}"],
            StartAdminInterface = false,
        });
        _server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(HandleAsync));
        Url = $"http://127.0.0.1:{port}/";
    }

    /// <summary>The REST base URL to give the bot as GitHub:ApiBaseUrl.</summary>
    public string Url { get; }

    /// <summary>The App's public key: token requests must carry a JWT it verifies. Null accepts no JWT.</summary>
    public RSA? AppPublicKey { get; set; }

    public string AppId { get; set; } = "4242";

    /// <summary>Token mode: the only token accepted.</summary>
    public string? PersonalToken { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get { lock (_lock) { return [.. _requests]; } }
    }

    public IReadOnlyList<FakeComment> Comments
    {
        get { lock (_lock) { return [.. _comments.Select(c => c with { })]; } }
    }

    public IReadOnlyList<FakeCheckRun> CheckRuns
    {
        get { lock (_lock) { return [.. _checkRuns]; } }
    }

    public IReadOnlyList<FakeStatus> Statuses
    {
        get { lock (_lock) { return [.. _statuses]; } }
    }

    /// <summary>Manifests posted to the "new App" page, as submitted.</summary>
    public IReadOnlyList<string> Manifests
    {
        get { lock (_lock) { return [.. _manifests]; } }
    }

    /// <summary>The App the manifest flow registered: its id, webhook secret and key (set by the code exchange).</summary>
    public (long Id, string WebhookSecret, string Pem, string HtmlUrl)? RegisteredApp { get; private set; }

    public IReadOnlyList<string> IssuedTokens
    {
        get { lock (_lock) { return [.. _issuedTokens.Keys]; } }
    }

    /// <summary>PR bodies handed out by the GraphQL snapshot query, in order: what each evaluation saw.</summary>
    public IReadOnlyList<string> ServedBodies
    {
        get { lock (_lock) { return [.. _servedBodies]; } }
    }

    public void ClearRequests()
    {
        lock (_lock)
        {
            _requests.Clear();
            _notModified.Clear();
        }
    }

    public FakePullRequest AddPullRequest(FakePullRequest pr)
    {
        lock (_lock)
        {
            _pulls[Key(pr.Repository, pr.Number)] = pr;
            _repositories.Add(pr.Repository.ToLowerInvariant());
            return pr;
        }
    }

    public FakePullRequest PullRequest(string repository, int number)
    {
        lock (_lock)
        {
            return _pulls[Key(repository, number)];
        }
    }

    /// <summary>Changes a PR under the lock (the bot may be reading it).</summary>
    public void Update(string repository, int number, Action<FakePullRequest> change)
    {
        lock (_lock)
        {
            change(_pulls[Key(repository, number)]);
        }
    }

    public void AddRepository(string repository, string defaultBranch = "master")
    {
        lock (_lock)
        {
            _repositories.Add(repository.ToLowerInvariant());
            _defaultBranches[repository.ToLowerInvariant()] = defaultBranch;
        }
    }

    /// <summary>A file on a branch of a repository (<paramref name="gitRef"/> is a branch name).</summary>
    public void PutFile(string repository, string gitRef, string path, string text)
    {
        lock (_lock)
        {
            _repositories.Add(repository.ToLowerInvariant());
            _files[$"{repository.ToLowerInvariant()}@{gitRef}:{path}"] = text;
        }
    }

    public void AddComment(string repository, int number, string body, bool byBot)
    {
        lock (_lock)
        {
            _comments.Add(new FakeComment(++_nextId, repository, number, body, byBot, 0));
        }
    }

    public void DeleteComment(long id)
    {
        lock (_lock)
        {
            _comments.RemoveAll(c => c.Id == id);
        }
    }

    /// <summary>The next <paramref name="times"/> requests matching method and path prefix get this answer instead.</summary>
    public void Fail(string method, string pathPrefix, int status, string body = """{"message":"Server Error"}""",
        IReadOnlyDictionary<string, string>? headers = null, int times = 1)
    {
        lock (_lock)
        {
            _faults.Add(new FaultRule(method, pathPrefix, status, body, headers ?? new Dictionary<string, string>(), times));
        }
    }

    /// <summary>Holds every GraphQL request until <see cref="ReleaseGraphQL"/>.</summary>
    public void HoldGraphQL()
    {
        lock (_lock)
        {
            _graphQLGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void ReleaseGraphQL()
    {
        TaskCompletionSource? gate;
        lock (_lock)
        {
            gate = _graphQLGate;
            _graphQLGate = null;
        }
        gate?.TrySetResult();
    }

    public IReadOnlyList<ReceivedRequest> RequestsTo(string method, string pathPrefix) =>
        Requests.Where(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    public IReadOnlyList<ReceivedRequest> GraphQL(string operation) =>
        Requests.Where(r => r.Path == "/graphql" && r.Body.Contains($"query {operation}(", StringComparison.Ordinal)).ToList();

    private async Task<IResponseMessage> HandleAsync(IRequestMessage request)
    {
        var received = new ReceivedRequest(
            request.Method.ToUpperInvariant(),
            request.Path,
            request.Body ?? "",
            request.Headers?.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)
                ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            Time.GetUtcNow(),
            request.RawQuery ?? "");
        Task? gate = null;
        FaultRule? fault;
        lock (_lock)
        {
            _requests.Add(received);
            fault = _faults.FirstOrDefault(f => f.Times > 0 && f.Method == received.Method && received.Path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (fault is not null)
            {
                fault.Times--;
            }
            if (received.Path == "/graphql")
            {
                gate = _graphQLGate?.Task;
            }
        }
        using var reading = TrackRead(received);
        if (gate is not null)
        {
            await gate;
        }
        using var inFlight = TrackInFlight(received);
        await BeforeAnswerAsync(received);
        if (fault is not null)
        {
            return Json(fault.Status, fault.Body, fault.Headers);
        }
        if (LimitAnswer(received) is { } limited)
        {
            return limited;
        }
        using var tracked = await TrackThroughputAsync(received);
        try
        {
            return Intercept(received) ?? Route(received);
        }
        catch (Exception e)
        {
            return Json(500, JsonSerializer.Serialize(new { message = "fake GitHub failed: " + e.Message }));
        }
    }

    private IResponseMessage Route(ReceivedRequest r)
    {
        if (r.Method == "POST" && NewAppPage().IsMatch(r.Path))
        {
            return RegisterFromManifest(r);
        }
        if (r.Method == "POST" && ManifestConversion().Match(r.Path) is { Success: true } conversion)
        {
            return ConvertManifest(conversion.Groups[1].Value);
        }
        if (r.Method == "POST" && AccessTokens().Match(r.Path) is { Success: true } tokenMatch)
        {
            return CreateInstallationToken(r, long.Parse(tokenMatch.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        if (!Authorized(r))
        {
            return Json(401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""");
        }
        if (r.Method == "POST" && r.Path == "/graphql")
        {
            return GraphQLAnswer(r);
        }
        var m = RepoPath().Match(r.Path);
        if (!m.Success)
        {
            return OrganizationAnswer(r) ?? NotFound();
        }
        var repository = $"{m.Groups[1].Value}/{m.Groups[2].Value}";
        var rest = m.Groups[3].Value;
        lock (_lock)
        {
            if (IssueAnswer(r, repository, rest) is { } issueAnswer)
            {
                return issueAnswer;
            }
            if (r.Method == "POST" && rest == "/check-runs")
            {
                var body = JsonNode.Parse(r.Body)!;
                var output = body["output"];
                var run = new FakeCheckRun(++_nextId, repository, (string)body["name"]!, (string)body["head_sha"]!,
                    (string?)body["status"], (string?)body["conclusion"], (string?)body["external_id"], (string?)body["details_url"],
                    (string?)output?["title"], (string?)output?["summary"], (string?)output?["text"]);
                _checkRuns.Add(run);
                return Json(201, CheckRunAnswer(new
                {
                    id = run.Id, head_sha = run.HeadSha, name = run.Name, status = run.Status ?? "queued", conclusion = run.Conclusion,
                    external_id = run.ExternalId, details_url = run.DetailsUrl,
                }));
            }
            if (r.Method == "POST" && rest.StartsWith("/statuses/", StringComparison.Ordinal))
            {
                var body = JsonNode.Parse(r.Body)!;
                var status = new FakeStatus(++_nextId, repository, rest["/statuses/".Length..], (string)body["state"]!, (string?)body["context"],
                    (string?)body["description"], (string?)body["target_url"]);
                _statuses.Add(status);
                return Json(201, JsonSerializer.Serialize(new
                {
                    id = status.Id, state = status.State, context = status.Context, description = status.Description, target_url = status.TargetUrl,
                }));
            }
            if (r.Method == "POST" && IssueComments().Match(rest) is { Success: true } create)
            {
                var number = int.Parse(create.Groups[1].Value, CultureInfo.InvariantCulture);
                var text = (string)JsonNode.Parse(r.Body)!["body"]!;
                if (text.Length > 65_536)
                {
                    return Json(422, """{"message":"Validation Failed","errors":[{"resource":"IssueComment","code":"custom","field":"body","message":"body is too long (maximum is 65536 characters)"}]}""");
                }
                var comment = new FakeComment(++_nextId, repository, number, text, true, 0);
                _comments.Add(comment);
                return Json(201, Reshaped(CommentJson(comment), ReshapeCommentAnswer));
            }
            if (r.Method == "PATCH" && CommentById().Match(rest) is { Success: true } edit)
            {
                var id = long.Parse(edit.Groups[1].Value, CultureInfo.InvariantCulture);
                var index = _comments.FindIndex(c => c.Id == id && c.Repository.Equals(repository, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    return NotFound();
                }
                var text = (string)JsonNode.Parse(r.Body)!["body"]!;
                _comments[index] = _comments[index] with { Body = text, Edits = _comments[index].Edits + 1 };
                return Json(200, CommentJson(_comments[index]));
            }
            if (r.Method == "GET" && CommitPulls().Match(rest) is { Success: true } pulls)
            {
                var sha = pulls.Groups[1].Value;
                var found = _pulls.Values.Where(p => p.Repository.Equals(repository, StringComparison.OrdinalIgnoreCase) && p.HeadSha == sha)
                    .Select(p => new { number = p.Number, state = p.State == "OPEN" ? "open" : "closed", head = new { sha = p.HeadSha } });
                return Json(200, JsonSerializer.Serialize(found));
            }
            if (r.Method == "GET" && rest.StartsWith("/collaborators/", StringComparison.Ordinal) && rest.EndsWith("/permission", StringComparison.Ordinal))
            {
                var user = Uri.UnescapeDataString(rest["/collaborators/".Length..^"/permission".Length]);
                var (permission, roleName) = PermissionOf(user);
                var etag = roleName == "write" ? "\"permission-v1\"" : $"\"permission-{permission}-{roleName}\"";
                if (r.Headers.GetValueOrDefault("If-None-Match") == etag)
                {
                    var notModified = Json(304, "");
                    notModified.Headers!["ETag"] = new WireMockList<string>(etag);
                    return notModified;
                }
                return Json(200, JsonSerializer.Serialize(new { permission, role_name = roleName, user = new { login = user, id = 1 } }),
                    new Dictionary<string, string> { ["ETag"] = etag });
            }
        }
        return NotFound();
    }

    /// <summary>
    /// GitHub's "new App from manifest" page, with the person's click on "Create GitHub App" already made: it
    /// registers the App and sends the browser back to the manifest's redirect_url with a code and the state.
    /// </summary>
    private IResponseMessage RegisterFromManifest(ReceivedRequest r)
    {
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(r.Body);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(r.Query);
        if (!form.TryGetValue("manifest", out var manifestText) || JsonNode.Parse(manifestText.ToString()) is not JsonObject manifest
            || (string?)manifest["redirect_url"] is not { } redirect || (string?)manifest["url"] is null)
        {
            return Json(422, """{"message":"Invalid manifest"}""");
        }
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        lock (_lock)
        {
            _manifests.Add(manifestText.ToString());
            _manifestCodes[code] = manifestText.ToString();
        }
        var location = $"{redirect}?code={code}&state={Uri.EscapeDataString(query.GetValueOrDefault("state").ToString())}";
        return new ResponseMessage
        {
            StatusCode = 302,
            Headers = new Dictionary<string, WireMockList<string>> { ["Location"] = new(location) },
        };
    }

    /// <summary><c>POST /app-manifests/{code}/conversions</c>: a code works once; the App gets a fresh key and secret.</summary>
    private IResponseMessage ConvertManifest(string code)
    {
        string manifestText;
        lock (_lock)
        {
            if (!_manifestCodes.Remove(code, out manifestText!))
            {
                return NotFound();
            }
        }
        var manifest = JsonNode.Parse(manifestText)!;
        var key = RSA.Create(2048);
        var id = 90_000 + Interlocked.Increment(ref _nextId);
        var name = (string)manifest["name"]!;
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var pem = key.ExportRSAPrivateKeyPem();
        var htmlUrl = $"https://github.com/apps/{slug}";
        AppPublicKey = RSA.Create(key.ExportParameters(false));
        AppId = id.ToString(CultureInfo.InvariantCulture);
        RegisteredApp = (id, secret, pem, htmlUrl);
        return Json(201, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["slug"] = slug,
            ["node_id"] = "A_kwDOABCD",
            ["owner"] = new { login = "octo-org", id = 9919, type = "Organization" },
            ["name"] = name,
            ["description"] = (string?)manifest["description"],
            ["external_url"] = (string?)manifest["url"],
            ["html_url"] = htmlUrl,
            ["created_at"] = "2026-01-01T00:00:00Z",
            ["updated_at"] = "2026-01-01T00:00:00Z",
            ["permissions"] = manifest["default_permissions"],
            ["events"] = manifest["default_events"],
            ["client_id"] = "Iv23liexample",
            ["client_secret"] = "client-secret-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            ["webhook_secret"] = secret,
            ["pem"] = pem,
        }));
    }

    private IResponseMessage CreateInstallationToken(ReceivedRequest r, long installationId)
    {
        var auth = r.Headers.GetValueOrDefault("Authorization") ?? "";
        if (AppPublicKey is null || !auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !ValidJwt(auth["Bearer ".Length..]))
        {
            return Json(401, """{"message":"A JSON web token could not be decoded","documentation_url":"https://docs.github.com/rest"}""");
        }
        var token = "ghs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
        var expires = Time.GetUtcNow() + TokenLifetime;
        lock (_lock)
        {
            _issuedTokens[token] = expires;
        }
        IssuedFor(token, installationId);
        return Json(201, JsonSerializer.Serialize(new
        {
            token,
            expires_at = expires.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            permissions = new { checks = "write", pull_requests = "read", issues = "write", contents = "read", metadata = "read" },
            repository_selection = "all",
            installation_id = installationId,
        }));
    }

    private bool ValidJwt(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!AppPublicKey!.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return false;
        }
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        return claims.RootElement.GetProperty("iss").GetString() == AppId
            && claims.RootElement.GetProperty("iat").GetInt64() <= now
            && claims.RootElement.GetProperty("exp").GetInt64() > now
            && claims.RootElement.GetProperty("exp").GetInt64() - claims.RootElement.GetProperty("iat").GetInt64() <= 600;
    }

    private bool Authorized(ReceivedRequest r)
    {
        var auth = r.Headers.GetValueOrDefault("Authorization") ?? "";
        var space = auth.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !auth[..space].Equals("token", StringComparison.OrdinalIgnoreCase) && !auth[..space].Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var token = auth[(space + 1)..];
        lock (_lock)
        {
            if (PersonalToken is not null)
            {
                return token == PersonalToken;
            }
            return _issuedTokens.TryGetValue(token, out var expires) && Time.GetUtcNow() < expires;
        }
    }

    private IResponseMessage GraphQLAnswer(ReceivedRequest r)
    {
        var request = JsonNode.Parse(r.Body)!;
        var query = (string)request["query"]!;
        var v = request["variables"]!;
        var repository = $"{(string)v["owner"]!}/{(string)v["name"]!}";
        lock (_lock)
        {
            var repoKnown = _repositories.Contains(repository.ToLowerInvariant());
            if (query.Contains("query PullRequestReview(", StringComparison.Ordinal))
            {
                var number = (int)v["number"]!;
                var errors = new JsonArray();
                JsonNode? repoNode = null;
                if (repoKnown)
                {
                    var pr = _pulls.GetValueOrDefault(Key(repository, number));
                    if (pr is null)
                    {
                        errors.Add(NotFoundError(["repository", "pullRequest"]));
                    }
                    repoNode = new JsonObject
                    {
                        ["defaultBranchRef"] = new JsonObject { ["name"] = DefaultBranch(repository) },
                        ["pullRequest"] = pr is null ? null : PullRequestNode(pr, (bool)v["withComments"]!),
                        ["config"] = Blob(repository, (string)v["configExpression"]!),
                    };
                    if (pr is not null)
                    {
                        _servedBodies.Add(pr.Body);
                    }
                }
                else
                {
                    errors.Add(NotFoundError(["repository"]));
                }
                var org = $"{(string)v["owner"]!}/.github";
                JsonNode? orgNode = null;
                if (_repositories.Contains(org.ToLowerInvariant()))
                {
                    orgNode = new JsonObject { ["config"] = Blob(org, "HEAD:.github/perf-review.yml") };
                }
                else
                {
                    errors.Add(NotFoundError(["organizationConfig"]));
                }
                var answer = new JsonObject { ["data"] = new JsonObject { ["repository"] = repoNode, ["organizationConfig"] = orgNode } };
                if (errors.Count > 0)
                {
                    answer["errors"] = errors;
                }
                return Json(200, answer.ToJsonString(), RateLimitHeaders("graphql"));
            }
            if (query.Contains("query IssueSnapshot(", StringComparison.Ordinal))
            {
                return IssueSnapshotAnswer(v, repository, repoKnown);
            }
            if (query.Contains("query PullRequestConfig(", StringComparison.Ordinal))
            {
                var answer = new JsonObject { ["data"] = new JsonObject { ["repository"] = new JsonObject { ["config"] = Blob(repository, (string)v["configExpression"]!) } } };
                return Json(200, answer.ToJsonString(), RateLimitHeaders("graphql"));
            }
            if (query.Contains("query PullRequestFiles(", StringComparison.Ordinal))
            {
                var pr = _pulls[Key(repository, (int)v["number"]!)];
                var files = FilesNode(pr, int.Parse((string)v["after"]!, CultureInfo.InvariantCulture));
                var answer = new JsonObject { ["data"] = new JsonObject { ["repository"] = new JsonObject { ["pullRequest"] = new JsonObject { ["files"] = files } } } };
                return Json(200, answer.ToJsonString(), RateLimitHeaders("graphql"));
            }
        }
        return Json(200, """{"errors":[{"message":"fake GitHub does not know this query"}]}""");
    }

    private JsonObject PullRequestNode(FakePullRequest pr, bool withComments)
    {
        var node = new JsonObject
        {
            ["number"] = pr.Number,
            ["title"] = pr.Title,
            ["body"] = pr.Body,
            ["state"] = pr.State,
            ["isDraft"] = pr.IsDraft,
            ["headRefOid"] = pr.HeadSha,
            ["baseRefName"] = pr.BaseRef,
            ["baseRefOid"] = pr.BaseSha,
            ["labels"] = new JsonObject { ["nodes"] = new JsonArray([.. pr.Labels.Select(l => (JsonNode)new JsonObject { ["name"] = l })]) },
            ["files"] = FilesNode(pr, 0),
        };
        if (withComments)
        {
            var comments = _comments.Where(c => c.Repository.Equals(pr.Repository, StringComparison.OrdinalIgnoreCase) && c.Number == pr.Number).TakeLast(100);
            node["comments"] = new JsonObject
            {
                ["pageInfo"] = new JsonObject { ["hasPreviousPage"] = false, ["startCursor"] = null },
                ["nodes"] = new JsonArray([.. comments.Select(c => (JsonNode)new JsonObject
                {
                    ["fullDatabaseId"] = c.Id.ToString(CultureInfo.InvariantCulture),
                    ["viewerDidAuthor"] = c.ByBot,
                    ["body"] = c.Body,
                })]),
            };
        }
        return node;
    }

    private static JsonObject FilesNode(FakePullRequest pr, int offset)
    {
        var page = pr.Files.Skip(offset).Take(100).ToList();
        var end = offset + page.Count;
        return new JsonObject
        {
            ["pageInfo"] = new JsonObject { ["hasNextPage"] = end < pr.Files.Count, ["endCursor"] = end.ToString(CultureInfo.InvariantCulture) },
            ["nodes"] = new JsonArray([.. page.Select(p => (JsonNode)new JsonObject { ["path"] = p })]),
        };
    }

    private JsonNode? Blob(string repository, string expression)
    {
        var colon = expression.IndexOf(':', StringComparison.Ordinal);
        var gitRef = expression[..colon];
        if (gitRef == "HEAD")
        {
            gitRef = DefaultBranch(repository);
        }
        var path = expression[(colon + 1)..];
        if (!_files.TryGetValue($"{repository.ToLowerInvariant()}@{gitRef}:{path}", out var text))
        {
            return null;
        }
        return new JsonObject
        {
            ["text"] = text,
            ["byteSize"] = Encoding.UTF8.GetByteCount(text),
            ["isBinary"] = false,
            ["isTruncated"] = false,
        };
    }

    private string DefaultBranch(string repository) => _defaultBranches.GetValueOrDefault(repository.ToLowerInvariant(), "master");

    private static JsonObject NotFoundError(string[] path) => new()
    {
        ["type"] = "NOT_FOUND",
        ["path"] = new JsonArray([.. path.Select(p => (JsonNode)p)]),
        ["message"] = "Could not resolve to a node.",
    };

    private Dictionary<string, string> RateLimitHeaders(string resource) => new()
    {
        ["x-ratelimit-limit"] = "5000",
        ["x-ratelimit-remaining"] = "4990",
        ["x-ratelimit-reset"] = (Time.GetUtcNow() + TimeSpan.FromHours(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        ["x-ratelimit-resource"] = resource,
    };

    private static string CommentJson(FakeComment c) => JsonSerializer.Serialize(new
    {
        id = c.Id,
        body = c.Body,
        user = new { login = "prreviewbot[bot]", id = 1, type = "Bot" },
        created_at = "2026-01-01T00:00:00Z",
        updated_at = "2026-01-01T00:00:00Z",
        html_url = $"https://github.com/{c.Repository}/pull/{c.Number}#issuecomment-{c.Id}",
        author_association = "NONE",
    });

    private static IResponseMessage NotFound() =>
        Json(404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""");

    private static ResponseMessage Json(int status, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json; charset=utf-8") },
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = new WireMockList<string>(value);
        }
        return response;
    }

    private static string Key(string repository, int number) => $"{repository.ToLowerInvariant()}#{number}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^(/organizations/[A-Za-z0-9-]+)?/settings/apps/new$")]
    private static partial Regex NewAppPage();

    [GeneratedRegex(@"^/app-manifests/([A-Za-z0-9_-]+)/conversions$")]
    private static partial Regex ManifestConversion();

    [GeneratedRegex(@"^/app/installations/(\d+)/access_tokens$")]
    private static partial Regex AccessTokens();

    [GeneratedRegex(@"^/repos/([^/]+)/([^/]+)(/.*)$")]
    private static partial Regex RepoPath();

    [GeneratedRegex(@"^/issues/(\d+)/comments$")]
    private static partial Regex IssueComments();

    [GeneratedRegex(@"^/issues/comments/(\d+)$")]
    private static partial Regex CommentById();

    [GeneratedRegex(@"^/commits/([0-9a-f]{40})/pulls$")]
    private static partial Regex CommitPulls();

    public void Dispose() => _server.Stop();

    private sealed class FaultRule(string method, string pathPrefix, int status, string body, IReadOnlyDictionary<string, string> headers, int times)
    {
        public string Method { get; } = method;
        public string PathPrefix { get; } = pathPrefix;
        public int Status { get; } = status;
        public string Body { get; } = body;
        public IReadOnlyDictionary<string, string> Headers { get; } = headers;
        public int Times { get; set; } = times;
    }
}

public sealed class FakePullRequest
{
    public required string Repository { get; init; }
    public required int Number { get; init; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string State { get; set; } = "OPEN";
    public bool IsDraft { get; set; }
    public required string HeadSha { get; set; }
    public string BaseRef { get; set; } = "master";
    public string BaseSha { get; set; } = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
    public List<string> Labels { get; init; } = [];
    public List<string> Files { get; init; } = [];

    /// <summary>
    /// The <c>patch</c> GitHub returns for a changed file, by path. A file not listed reads as binary (no lines, no
    /// patch); one listed as null as a diff too large for GitHub to return (lines counted, no patch).
    /// </summary>
    public Dictionary<string, string?> Patches { get; init; } = [];
}

public sealed record ReceivedRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At, string Query = "");

public sealed record FakeComment(long Id, string Repository, int Number, string Body, bool ByBot, int Edits);

public sealed record FakeCheckRun(
    long Id, string Repository, string Name, string HeadSha, string? Status, string? Conclusion, string? ExternalId, string? DetailsUrl,
    string? Title, string? Summary, string? Text);

public sealed record FakeStatus(long Id, string Repository, string Sha, string State, string? Context, string? Description, string? TargetUrl);
