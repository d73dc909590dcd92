using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock;

namespace PrReviewBot.Tests.Support;

/// <summary>
/// The fake GitHub's side of intake tests: which repositories the App is installed on (<c>GET
/// /repos/{owner}/{repo}/installation</c>, with the App's JWT), and check-run answers reshaped the way some GitHub
/// answers are (a field null where Octokit's model wants a value).
/// </summary>
public sealed partial class FakeGitHub
{
    private readonly Dictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Applied to every answer to <c>POST …/check-runs</c> after the run is recorded (GitHub accepted it).</summary>
    public Action<JsonObject>? ReshapeCheckRunAnswer { get; set; }

    /// <summary>Applied to every answer to a comment's creation after the comment is stored (GitHub accepted it).</summary>
    public Action<JsonObject>? ReshapeCommentAnswer { get; set; }

    /// <summary>The App is installed on <paramref name="repository"/> as <paramref name="installationId"/>.</summary>
    public void Install(string repository, long installationId)
    {
        lock (_lock)
        {
            _installations[repository] = installationId;
        }
    }

    private IResponseMessage? InstallationAnswer(ReceivedRequest r)
    {
        if (r.Method != "GET" || RepositoryInstallation().Match(r.Path) is not { Success: true } m)
        {
            return null;
        }
        var auth = r.Headers.GetValueOrDefault("Authorization") ?? "";
        if (AppPublicKey is null || !auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !ValidJwt(auth["Bearer ".Length..]))
        {
            return Json(401, """{"message":"A JSON web token could not be decoded","documentation_url":"https://docs.github.com/rest"}""");
        }
        long id;
        lock (_lock)
        {
            if (!_installations.TryGetValue($"{m.Groups[1].Value}/{m.Groups[2].Value}", out id))
            {
                return NotFound();
            }
        }
        return Json(200, JsonSerializer.Serialize(new
        {
            id,
            account = new { login = m.Groups[1].Value, id = 21031067, type = "User" },
            repository_selection = "all",
            access_tokens_url = $"{Url}app/installations/{id}/access_tokens",
            repositories_url = $"{Url}installation/repositories",
            html_url = $"https://github.com/settings/installations/{id}",
            app_id = long.Parse(AppId, System.Globalization.CultureInfo.InvariantCulture),
            target_id = 21031067,
            target_type = "User",
            permissions = new { checks = "write", pull_requests = "read", issues = "write", contents = "read", metadata = "read" },
            events = new[] { "pull_request", "check_run", "check_suite", "issue_comment", "issues", "merge_group" },
            created_at = "2026-01-01T00:00:00Z",
            updated_at = "2026-01-01T00:00:00Z",
            single_file_name = (string?)null,
        }));
    }

    private string CheckRunAnswer(object answer) => Reshaped(JsonSerializer.Serialize(answer), ReshapeCheckRunAnswer);

    private static string Reshaped(string json, Action<JsonObject>? reshape)
    {
        if (reshape is null)
        {
            return json;
        }
        var node = JsonNode.Parse(json)!.AsObject();
        reshape(node);
        return node.ToJsonString();
    }

    [GeneratedRegex(@"^/repos/([^/]+)/([^/]+)/installation$")]
    private static partial Regex RepositoryInstallation();
}
