using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.Types;

namespace PrReviewBot.Tests.Support;

/// <summary>
/// The fake GitHub's issue side (gate mode, plan, commands): issues with labels, the IssueSnapshot GraphQL query,
/// conditional REST reads of an issue and of a PR's patches, labels added and removed, per-user repository
/// permissions and team memberships.
/// </summary>
public sealed partial class FakeGitHub
{
    private readonly Dictionary<string, FakeIssue> _issues = [];
    private readonly Dictionary<string, string> _permissions = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _teamMembers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _notModified = [];

    /// <summary>Paths of the issue and patch reads answered 304 Not Modified (no rate limit on GitHub), since the last <see cref="ClearRequests"/>.</summary>
    public IReadOnlyList<string> NotModified
    {
        get { lock (_lock) { return [.. _notModified]; } }
    }

    public FakeIssue AddIssue(FakeIssue issue)
    {
        lock (_lock)
        {
            _issues[Key(issue.Repository, issue.Number)] = issue;
            _repositories.Add(issue.Repository.ToLowerInvariant());
            return issue;
        }
    }

    /// <summary>A copy of the issue as GitHub holds it now (labels included).</summary>
    public FakeIssue Issue(string repository, int number)
    {
        lock (_lock)
        {
            var issue = _issues[Key(repository, number)];
            return issue with { Labels = [.. issue.Labels] };
        }
    }

    /// <summary>Changes an issue under the lock (the bot may be reading it).</summary>
    public void UpdateIssue(string repository, int number, Action<FakeIssue> change)
    {
        lock (_lock)
        {
            change(_issues[Key(repository, number)]);
        }
    }

    /// <summary>A user's permission on every repository (<c>admin</c>, <c>write</c>, <c>read</c>, <c>none</c>); <c>write</c> when not set.</summary>
    public void SetPermission(string user, string permission)
    {
        lock (_lock)
        {
            _permissions[user] = permission;
        }
    }

    /// <summary>Makes <paramref name="user"/> an active member of <c>org/team-slug</c>.</summary>
    public void AddTeamMember(string organization, string teamSlug, string user)
    {
        lock (_lock)
        {
            _teamMembers.Add($"{organization}/{teamSlug}/{user}");
        }
    }

    private string PermissionOf(string user) => _permissions.GetValueOrDefault(user, "write");

    /// <summary>Answers the issue-side REST calls under a repository (called with the lock held); null for any other call.</summary>
    private IResponseMessage? IssueAnswer(ReceivedRequest r, string repository, string rest)
    {
        if (r.Method == "GET" && IssueByNumber().Match(rest) is { Success: true } get)
        {
            var number = int.Parse(get.Groups[1].Value, CultureInfo.InvariantCulture);
            JsonObject? node = null;
            if (_issues.TryGetValue(Key(repository, number), out var issue))
            {
                node = new JsonObject
                {
                    ["number"] = number, ["title"] = issue.Title, ["body"] = issue.Body, ["state"] = issue.State == "OPEN" ? "open" : "closed",
                    ["labels"] = new JsonArray([.. issue.Labels.Select(l => (JsonNode)new JsonObject { ["name"] = l })]),
                };
            }
            else if (_pulls.TryGetValue(Key(repository, number), out var pr))
            {
                node = new JsonObject
                {
                    ["number"] = number, ["title"] = pr.Title, ["body"] = pr.Body, ["state"] = "open",
                    ["pull_request"] = new JsonObject { ["url"] = $"https://api.github.com/repos/{repository}/pulls/{number}" },
                };
            }
            return node is null ? NotFound() : Conditional(r, node.ToJsonString());
        }
        if (r.Method == "GET" && PullFiles().Match(rest) is { Success: true } files)
        {
            var pr = _pulls.GetValueOrDefault(Key(repository, int.Parse(files.Groups[1].Value, CultureInfo.InvariantCulture)));
            if (pr is null)
            {
                return NotFound();
            }
            var list = new JsonArray([.. pr.Files.Select(path =>
            {
                var tooLarge = pr.Patches.TryGetValue(path, out var patch) && patch is null;
                var lines = patch?.Split('\n') ?? [];
                var additions = tooLarge ? 1_200 : lines.Count(l => l.StartsWith('+'));
                var deletions = tooLarge ? 300 : lines.Count(l => l.StartsWith('-'));
                var file = new JsonObject
                {
                    ["sha"] = "bbcd538c8e72b8c175046e27cc8f907076331401", ["filename"] = path, ["status"] = "modified",
                    ["additions"] = additions, ["deletions"] = deletions, ["changes"] = additions + deletions,
                };
                if (patch is not null)
                {
                    file["patch"] = patch;
                }
                return (JsonNode)file;
            })]);
            return Conditional(r, list.ToJsonString());
        }
        if (r.Method == "POST" && IssueLabels().Match(rest) is { Success: true } add)
        {
            var labels = LabelsOf(repository, int.Parse(add.Groups[1].Value, CultureInfo.InvariantCulture));
            if (labels is null)
            {
                return NotFound();
            }
            var body = JsonNode.Parse(r.Body);
            var names = (body is JsonObject o ? o["labels"]!.AsArray() : body!.AsArray()).Select(n => (string)n!).ToList();
            foreach (var name in names.Where(n => !labels.Contains(n, StringComparer.OrdinalIgnoreCase)))
            {
                labels.Add(name);
            }
            return Json(200, LabelsJson(labels));
        }
        if (r.Method == "DELETE" && IssueLabel().Match(rest) is { Success: true } remove)
        {
            var labels = LabelsOf(repository, int.Parse(remove.Groups[1].Value, CultureInfo.InvariantCulture));
            var name = Uri.UnescapeDataString(remove.Groups[2].Value);
            if (labels is null || labels.RemoveAll(l => l.Equals(name, StringComparison.OrdinalIgnoreCase)) == 0)
            {
                return Json(404, """{"message":"Label does not exist","documentation_url":"https://docs.github.com/rest"}""");
            }
            return Json(200, LabelsJson(labels));
        }
        return null;
    }

    /// <summary><c>GET /orgs/{org}/teams/{slug}/memberships/{user}</c>: 200 active for members, 404 otherwise.</summary>
    private IResponseMessage? OrganizationAnswer(ReceivedRequest r)
    {
        if (r.Method != "GET" || TeamMembership().Match(r.Path) is not { Success: true } m)
        {
            return null;
        }
        bool member;
        lock (_lock)
        {
            member = _teamMembers.Contains($"{Uri.UnescapeDataString(m.Groups[1].Value)}/{Uri.UnescapeDataString(m.Groups[2].Value)}/{Uri.UnescapeDataString(m.Groups[3].Value)}");
        }
        return member
            ? Json(200, """{"url":"https://api.github.com/teams/1/memberships/someone","role":"member","state":"active"}""")
            : NotFound();
    }

    private List<string>? LabelsOf(string repository, int number) =>
        _issues.TryGetValue(Key(repository, number), out var issue) ? issue.Labels
        : _pulls.TryGetValue(Key(repository, number), out var pr) ? pr.Labels
        : null;

    private static string LabelsJson(IEnumerable<string> labels) =>
        JsonSerializer.Serialize(labels.Select(l => new { id = 1, name = l, color = "ededed", @default = false }));

    /// <summary>A GET answer with an ETag: 304 when the client already holds this version (GitHub: no rate limit).</summary>
    private ResponseMessage Conditional(ReceivedRequest r, string json)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..20] + "\"";
        if (r.Headers.GetValueOrDefault("If-None-Match") == etag)
        {
            _notModified.Add(r.Path);
            var notModified = Json(304, "");
            notModified.Headers!["ETag"] = new WireMockList<string>(etag);
            return notModified;
        }
        return Json(200, json, new Dictionary<string, string> { ["ETag"] = etag });
    }

    /// <summary>The <c>IssueSnapshot</c> query: an issue, or a PR read as one, with config files and comments (lock held).</summary>
    private IResponseMessage IssueSnapshotAnswer(JsonNode v, string repository, bool repoKnown)
    {
        var number = (int)v["number"]!;
        var withComments = (bool)v["withComments"]!;
        var errors = new JsonArray();
        JsonNode? repoNode = null;
        if (repoKnown)
        {
            JsonObject? item = null;
            if (_issues.TryGetValue(Key(repository, number), out var issue))
            {
                item = new JsonObject
                {
                    ["__typename"] = "Issue", ["issueState"] = issue.State, ["number"] = number, ["title"] = issue.Title, ["body"] = issue.Body,
                    ["labels"] = new JsonObject { ["nodes"] = new JsonArray([.. issue.Labels.Select(l => (JsonNode)new JsonObject { ["name"] = l })]) },
                };
            }
            else if (_pulls.TryGetValue(Key(repository, number), out var pr))
            {
                item = new JsonObject
                {
                    ["__typename"] = "PullRequest", ["pullRequestState"] = pr.State, ["number"] = number, ["title"] = pr.Title, ["body"] = pr.Body,
                    ["labels"] = new JsonObject { ["nodes"] = new JsonArray([.. pr.Labels.Select(l => (JsonNode)new JsonObject { ["name"] = l })]) },
                };
            }
            else
            {
                errors.Add(NotFoundError(["repository", "issueOrPullRequest"]));
            }
            if (item is not null && withComments)
            {
                var comments = _comments.Where(c => c.Repository.Equals(repository, StringComparison.OrdinalIgnoreCase) && c.Number == number).TakeLast(100);
                item["comments"] = new JsonObject
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
            repoNode = new JsonObject
            {
                ["issueOrPullRequest"] = item,
                ["config"] = Blob(repository, "HEAD:.github/perf-review.yml"),
            };
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

    [GeneratedRegex(@"^/issues/(\d+)$")]
    private static partial Regex IssueByNumber();

    [GeneratedRegex(@"^/pulls/(\d+)/files$")]
    private static partial Regex PullFiles();

    [GeneratedRegex(@"^/issues/(\d+)/labels$")]
    private static partial Regex IssueLabels();

    [GeneratedRegex(@"^/issues/(\d+)/labels/(.+)$")]
    private static partial Regex IssueLabel();

    [GeneratedRegex(@"^/orgs/([^/]+)/teams/([^/]+)/memberships/([^/]+)$")]
    private static partial Regex TeamMembership();
}

/// <summary>An issue in the fake GitHub. <see cref="State"/> is GraphQL's <c>OPEN</c> or <c>CLOSED</c>.</summary>
public sealed record FakeIssue
{
    public required string Repository { get; init; }
    public required int Number { get; init; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string State { get; set; } = "OPEN";
    public List<string> Labels { get; init; } = [];
}
