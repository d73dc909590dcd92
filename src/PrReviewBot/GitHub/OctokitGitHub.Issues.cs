using System.Globalization;
using System.Text;
using System.Text.Json;
using Octokit;
using PrReviewBot.Core.Gates;

namespace PrReviewBot.GitHub;

/// <summary>Gate mode, plan and the commands (issue 4): issue snapshots, linked issues, patches, labels, teams.</summary>
public sealed partial class OctokitGitHub
{
    public async Task<IssueSnapshot?> ReadIssueAsync(RepositoryRef repo, int number, bool findComment, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        using var doc = await QueryAsync(repo, "read issue", IssueQuery.Snapshot, new
        {
            owner = repo.Owner,
            name = repo.Name,
            number,
            withComments = findComment,
        }, ct);
        var data = doc.RootElement.GetProperty("data");
        if (!data.TryGetProperty("repository", out var repository) || repository.ValueKind != JsonValueKind.Object
            || !repository.TryGetProperty("issueOrPullRequest", out var item) || item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var isPullRequest = item.GetProperty("__typename").GetString() == "PullRequest";
        var state = (isPullRequest ? item.GetProperty("pullRequestState") : item.GetProperty("issueState")).GetString();
        var labels = item.GetProperty("labels").GetProperty("nodes").EnumerateArray()
            .Select(l => l.GetProperty("name").GetString() ?? "").Where(l => l.Length > 0).ToList();
        StickyComment? comment = null;
        if (findComment && item.TryGetProperty("comments", out var comments))
        {
            comment = await FindGateCommentAsync(repo, number, comments, ct);
        }
        var orgConfig = data.TryGetProperty("organizationConfig", out var org) && org.ValueKind == JsonValueKind.Object
            ? ReadBlob(org, "config", $"{repo.Owner}/{PullRequestQuery.OrganizationRepository}:{PullRequestQuery.ConfigPath}")
            : null;
        return new IssueSnapshot(
            number,
            item.GetProperty("title").GetString() ?? "",
            item.GetProperty("body").GetString() ?? "",
            isPullRequest,
            state == "OPEN",
            labels,
            ReadBlob(repository, "config", PullRequestQuery.ConfigPath),
            orgConfig,
            comment);
    }

    private async Task<StickyComment?> FindGateCommentAsync(RepositoryRef repo, int number, JsonElement firstPage, CancellationToken ct)
    {
        var page = firstPage;
        for (var pages = 1; ; pages++)
        {
            foreach (var node in page.GetProperty("nodes").EnumerateArray())
            {
                var body = node.GetProperty("body").GetString() ?? "";
                if (node.GetProperty("viewerDidAuthor").GetBoolean() && GateCommentRenderer.IsGateComment(body)
                    && ParseId(node.GetProperty("fullDatabaseId")) is { } id)
                {
                    return new StickyComment(id, body);
                }
            }
            var info = page.GetProperty("pageInfo");
            if (!info.GetProperty("hasPreviousPage").GetBoolean() || pages >= PullRequestQuery.MaxCommentPages)
            {
                return null;
            }
            using var doc = await QueryAsync(repo, "find gate comment", IssueQuery.CommentsPage, new
            {
                owner = repo.Owner,
                name = repo.Name,
                number,
                before = info.GetProperty("startCursor").GetString(),
            }, ct);
            if (!doc.RootElement.GetProperty("data").TryGetProperty("repository", out var r) || r.ValueKind != JsonValueKind.Object
                || !r.TryGetProperty("issueOrPullRequest", out var item) || item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("comments", out var comments))
            {
                return null;
            }
            page = comments.Clone();
        }
    }

    public async Task<LinkedIssue?> ReadLinkedIssueAsync(RepositoryRef repo, int number, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        var connection = connections.For(repo);
        var path = new Uri($"repos/{Segment(repo.Owner)}/{Segment(repo.Name)}/issues/{number.ToString(CultureInfo.InvariantCulture)}", UriKind.Relative);
        try
        {
            // A GET through the ETag cache: an issue unchanged since the last evaluation answers 304, which costs no rate limit.
            var response = await policy.RunAsync("read linked issue", idempotent: true,
                _ => connection.Get<RawJson>(path, null), ct, OnUnauthorized(repo));
            using var doc = JsonDocument.Parse(response.Body.Text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object)
            {
                return null;
            }
            return new LinkedIssue(number, Text(root, "title"), Text(root, "body"));
        }
        catch (NotFoundException)
        {
            return null;
        }
        catch (ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Gone)
        {
            // A deleted or transferred issue.
            return null;
        }
    }

    public async Task<IReadOnlyDictionary<string, string>?> ReadAddedLinesAsync(RepositoryRef repo, int number, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        var client = connections.ClientFor(repo);
        var options = new ApiOptions { PageSize = 100, PageCount = IssueQuery.MaxPatchPages + 1, StartPage = 1 };
        IReadOnlyList<PullRequestFile> files;
        try
        {
            files = await policy.RunAsync("read patches", idempotent: true,
                _ => client.PullRequest.Files(repo.Owner, repo.Name, number, options), ct, OnUnauthorized(repo));
        }
        catch (NotFoundException)
        {
            return null;
        }
        if (files.Count > IssueQuery.MaxPatchPages * 100)
        {
            return null;
        }
        var added = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (string.IsNullOrEmpty(file.Patch))
            {
                // GitHub leaves out the patch of binary files (no line changes) and of very large diffs: a large text
                // diff might hold the flag, so nothing can be concluded about the PR.
                if (file.Additions + file.Deletions > 0)
                {
                    return null;
                }
                continue;
            }
            added[file.FileName] = AddedLines(file.Patch);
        }
        return added;
    }

    /// <summary>The lines a patch adds (hunks only, as GitHub's <c>patch</c> field holds them), without their <c>+</c>.</summary>
    internal static string AddedLines(string patch)
    {
        var sb = new StringBuilder();
        foreach (var line in patch.Split('\n'))
        {
            if (line.StartsWith('+') && !line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                sb.Append(line.AsSpan(1).TrimEnd('\r')).Append('\n');
            }
        }
        return sb.ToString();
    }

    public async Task AddLabelAsync(RepositoryRef repo, int number, string label, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        var connection = connections.For(repo);
        var path = new Uri($"repos/{Segment(repo.Owner)}/{Segment(repo.Name)}/issues/{number.ToString(CultureInfo.InvariantCulture)}/labels", UriKind.Relative);
        // GitHub documents the body as an object with `labels`; Octokit's AddToIssue sends a bare array.
        await policy.RunAsync("add label", idempotent: true,
            token => connection.Post<RawJson>(path, new LabelsToAdd([label]), GitHubHttpHandler.RestMediaType, "application/json",
                (IDictionary<string, string>?)null, token), ct, OnUnauthorized(repo));
    }

    private sealed record LabelsToAdd(string[] Labels);

    public async Task<bool> RemoveLabelAsync(RepositoryRef repo, int number, string label, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        var client = connections.ClientFor(repo);
        try
        {
            await policy.RunAsync("remove label", idempotent: true,
                _ => client.Issue.Labels.RemoveFromIssue(repo.Owner, repo.Name, number, label), ct, OnUnauthorized(repo));
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    public async Task<bool> IsActiveTeamMemberAsync(RepositoryRef repo, string organization, string teamSlug, string user, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        var connection = connections.For(repo);
        var path = new Uri($"orgs/{Segment(organization)}/teams/{Segment(teamSlug)}/memberships/{Segment(user)}", UriKind.Relative);
        try
        {
            var response = await policy.RunAsync("read team membership", idempotent: true,
                _ => connection.Get<RawJson>(path, null), ct, OnUnauthorized(repo));
            using var doc = JsonDocument.Parse(response.Body.Text);
            return doc.RootElement.ValueKind == JsonValueKind.Object && Text(doc.RootElement, "state") == "active";
        }
        catch (NotFoundException)
        {
            return false;
        }
        catch (ForbiddenException e) when (e is not RateLimitExceededException and not SecondaryRateLimitExceededException)
        {
            // The App lacks the organization "members: read" permission (or the org hides the team): not a member as far as we can tell.
            log.LogWarning("Cannot read team {Organization}/{Team} (is the App granted members: read?): {Message}", organization, teamSlug, e.Message);
            return false;
        }
    }

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
}
