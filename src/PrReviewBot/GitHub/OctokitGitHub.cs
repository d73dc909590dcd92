using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Octokit;
using PrReviewBot.Core.Commands;
using PrReviewBot.Core.Rendering;
using ReviewConclusion = PrReviewBot.Core.Rendering.CheckConclusion;
using PrReviewBot.Service;

namespace PrReviewBot.GitHub;

/// <summary>
/// <see cref="IGitHub"/> over Octokit: one GraphQL query reads a PR with its config and sticky comment; REST
/// posts the check (or status) and the comment. Every call goes through <see cref="GitHubCallPolicy"/>.
/// </summary>
public sealed partial class OctokitGitHub(GitHubConnections connections, GitHubCallPolicy policy, TimeProvider time, ILogger<OctokitGitHub> log) : IGitHub
{
    /// <summary>A config file larger than this is refused rather than parsed (real ones are a few hundred bytes).</summary>
    public const int MaxConfigBytes = 256 * 1024;

    public GitHubMode Mode => connections.Mode;

    public async Task<PullRequestSnapshot?> ReadPullRequestAsync(RepositoryRef repo, int number, string? baseRefHint, bool findComment, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        using var doc = await QueryAsync(repo, "read pull request", PullRequestQuery.Snapshot, new
        {
            owner = repo.Owner,
            name = repo.Name,
            number,
            configExpression = PullRequestQuery.ConfigExpression(baseRefHint),
            withComments = findComment,
        }, ct);
        var data = doc.RootElement.GetProperty("data");
        if (!data.TryGetProperty("repository", out var repository) || repository.ValueKind != JsonValueKind.Object
            || !repository.TryGetProperty("pullRequest", out var pr) || pr.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var baseRef = pr.GetProperty("baseRefName").GetString() ?? "";
        var defaultBranch = repository.TryGetProperty("defaultBranchRef", out var d) && d.ValueKind == JsonValueKind.Object
            ? d.GetProperty("name").GetString()
            : null;
        var configuredFrom = string.IsNullOrEmpty(baseRefHint) ? defaultBranch : baseRefHint;
        ConfigFile? repoConfig;
        if (string.Equals(configuredFrom, baseRef, StringComparison.Ordinal))
        {
            repoConfig = ReadBlob(repository, "config", PullRequestQuery.ConfigPath);
        }
        else
        {
            // The base branch is not the one we guessed (the PR was retargeted): read the config where it really is.
            log.LogInformation("Base branch of {Repository}#{Number} is {BaseRef}, not {Guess}: reading its config", repo.FullName, number, baseRef, configuredFrom);
            repoConfig = await ReadConfigAsync(repo, baseRef, ct);
        }
        var orgConfig = data.TryGetProperty("organizationConfig", out var org) && org.ValueKind == JsonValueKind.Object
            ? ReadBlob(org, "config", $"{repo.Owner}/{PullRequestQuery.OrganizationRepository}:{PullRequestQuery.ConfigPath}")
            : null;

        var labels = pr.GetProperty("labels").GetProperty("nodes").EnumerateArray()
            .Select(l => l.GetProperty("name").GetString() ?? "").Where(l => l.Length > 0).ToList();
        var files = await ReadFilesAsync(repo, number, pr.GetProperty("files"), ct);
        StickyComment? comment = null;
        if (findComment && pr.TryGetProperty("comments", out var comments))
        {
            comment = await FindStickyCommentAsync(repo, number, comments, ct);
        }

        return new PullRequestSnapshot(
            number,
            pr.GetProperty("title").GetString() ?? "",
            pr.GetProperty("body").GetString() ?? "",
            pr.GetProperty("state").GetString() switch
            {
                "MERGED" => PullRequestState.Merged,
                "CLOSED" => PullRequestState.Closed,
                _ => PullRequestState.Open,
            },
            pr.TryGetProperty("isDraft", out var draft) && draft.ValueKind == JsonValueKind.True,
            pr.GetProperty("headRefOid").GetString() ?? "",
            baseRef,
            pr.TryGetProperty("baseRefOid", out var baseOid) ? baseOid.GetString() : null,
            labels,
            files,
            repoConfig,
            orgConfig,
            comment);
    }

    private async Task<ConfigFile?> ReadConfigAsync(RepositoryRef repo, string baseRef, CancellationToken ct)
    {
        using var doc = await QueryAsync(repo, "read config", PullRequestQuery.Config, new
        {
            owner = repo.Owner,
            name = repo.Name,
            configExpression = PullRequestQuery.ConfigExpression(baseRef),
        }, ct);
        return doc.RootElement.GetProperty("data").TryGetProperty("repository", out var r) && r.ValueKind == JsonValueKind.Object
            ? ReadBlob(r, "config", PullRequestQuery.ConfigPath)
            : null;
    }

    private static ConfigFile? ReadBlob(JsonElement parent, string property, string location)
    {
        if (!parent.TryGetProperty(property, out var blob) || blob.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (!blob.TryGetProperty("byteSize", out var size))
        {
            return new ConfigFile(location, null, "is not a file");
        }
        if (size.GetInt64() > MaxConfigBytes)
        {
            return new ConfigFile(location, null, $"is {size.GetInt64():N0} bytes; the limit is {MaxConfigBytes:N0}");
        }
        if (blob.TryGetProperty("isBinary", out var binary) && binary.ValueKind == JsonValueKind.True)
        {
            return new ConfigFile(location, null, "is not a text file");
        }
        if (blob.TryGetProperty("isTruncated", out var truncated) && truncated.ValueKind == JsonValueKind.True)
        {
            return new ConfigFile(location, null, "is too large to read");
        }
        return new ConfigFile(location, blob.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "", null);
    }

    private async Task<IReadOnlyList<string>> ReadFilesAsync(RepositoryRef repo, int number, JsonElement firstPage, CancellationToken ct)
    {
        var files = new List<string>();
        var page = firstPage;
        for (var pages = 1; ; pages++)
        {
            files.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("path").GetString() ?? "").Where(p => p.Length > 0));
            var info = page.GetProperty("pageInfo");
            if (!info.GetProperty("hasNextPage").GetBoolean() || pages >= PullRequestQuery.MaxFilePages)
            {
                return files;
            }
            using var doc = await QueryAsync(repo, "read changed files", PullRequestQuery.FilesPage, new
            {
                owner = repo.Owner,
                name = repo.Name,
                number,
                after = info.GetProperty("endCursor").GetString(),
            }, ct);
            if (!TryPullRequest(doc, out var pr))
            {
                return files;
            }
            page = pr.GetProperty("files").Clone();
        }
    }

    private async Task<StickyComment?> FindStickyCommentAsync(RepositoryRef repo, int number, JsonElement firstPage, CancellationToken ct)
    {
        var page = firstPage;
        for (var pages = 1; ; pages++)
        {
            foreach (var node in page.GetProperty("nodes").EnumerateArray())
            {
                var body = node.GetProperty("body").GetString() ?? "";
                if (node.GetProperty("viewerDidAuthor").GetBoolean() && body.Contains(CommentRenderer.Marker, StringComparison.Ordinal)
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
            using var doc = await QueryAsync(repo, "find sticky comment", PullRequestQuery.CommentsPage, new
            {
                owner = repo.Owner,
                name = repo.Name,
                number,
                before = info.GetProperty("startCursor").GetString(),
            }, ct);
            if (!TryPullRequest(doc, out var pr))
            {
                return null;
            }
            page = pr.GetProperty("comments").Clone();
        }
    }

    private static bool TryPullRequest(JsonDocument doc, out JsonElement pr)
    {
        pr = default;
        return doc.RootElement.GetProperty("data").TryGetProperty("repository", out var r) && r.ValueKind == JsonValueKind.Object
            && r.TryGetProperty("pullRequest", out pr) && pr.ValueKind == JsonValueKind.Object;
    }

    private static long? ParseId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Number => id.GetInt64(),
        JsonValueKind.String when long.TryParse(id.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    private Task<JsonDocument> QueryAsync(RepositoryRef repo, string operation, string query, object variables, CancellationToken ct)
    {
        var body = PullRequestQuery.Body(query, variables);
        var connection = connections.For(repo);
        return policy.RunAsync(operation, idempotent: true, async token =>
        {
            var response = await connection.Post<RawJson>(connections.GraphQLUri, body, "application/json", "application/json", (IDictionary<string, string>?)null, token);
            var text = response.Body?.Text ?? response.HttpResponse.Body as string
                ?? throw new GitHubQueryException("GitHub's GraphQL API answered without a body");
            var doc = JsonDocument.Parse(text);
            try
            {
                ThrowOnErrors(doc, response.HttpResponse);
                return doc;
            }
            catch
            {
                doc.Dispose();
                throw;
            }
        }, ct, OnUnauthorized(repo));
    }

    private void ThrowOnErrors(JsonDocument doc, IResponse response)
    {
        if (!doc.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
        {
            if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new GitHubQueryException("GitHub's GraphQL answer has no data");
            }
            return;
        }
        var serious = new List<string>();
        foreach (var error in errors.EnumerateArray())
        {
            var type = error.TryGetProperty("type", out var t) ? t.GetString() : null;
            var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            var path = error.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.Array
                ? string.Join('.', p.EnumerateArray().Select(s => s.ToString()))
                : "";
            if (type == "RATE_LIMITED")
            {
                var wait = GitHubFaults.UntilReset(response.Headers, time.GetUtcNow()) ?? GitHubFaults.SecondaryLimitDefaultWait;
                throw new GitHubRateLimitedException($"GraphQL rate limit: {message}", wait);
            }
            // A missing PR, repository or org config repository is an answer, not a failure; so is an org
            // .github repository the installation may not read.
            if (type == "NOT_FOUND" || ((type == "FORBIDDEN" || type == "INSUFFICIENT_SCOPES") && path.StartsWith("organizationConfig", StringComparison.Ordinal)))
            {
                continue;
            }
            serious.Add($"{type ?? "error"} at {path}: {message}");
        }
        if (serious.Count > 0)
        {
            throw new GitHubQueryException("GitHub's GraphQL API reported: " + string.Join("; ", serious));
        }
        if (!doc.RootElement.TryGetProperty("data", out var d) || d.ValueKind != JsonValueKind.Object)
        {
            throw new GitHubQueryException("GitHub's GraphQL answer has no data");
        }
    }

    public async Task<IReadOnlyList<int>> FindOpenPullRequestsForCommitAsync(RepositoryRef repo, string sha, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        var client = connections.ClientFor(repo);
        var pulls = await policy.RunAsync("find pull requests of commit", idempotent: true,
            _ => client.Repository.Commit.PullRequests(repo.Owner, repo.Name, sha), ct, OnUnauthorized(repo));
        return pulls.Where(p => p.State.Value == ItemState.Open).Select(p => p.Number).Distinct().ToList();
    }

    public async Task PublishCheckAsync(RepositoryRef repo, CheckPublication check, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        var client = connections.ClientFor(repo);
        if (Mode == GitHubMode.App)
        {
            var run = new NewCheckRun(check.Name, check.HeadSha)
            {
                Status = CheckStatus.Completed,
                Conclusion = check.Output.Conclusion switch
                {
                    ReviewConclusion.Success => Octokit.CheckConclusion.Success,
                    ReviewConclusion.Neutral => Octokit.CheckConclusion.Neutral,
                    _ => Octokit.CheckConclusion.Failure,
                },
                CompletedAt = time.GetUtcNow(),
                ExternalId = check.ExternalId,
                DetailsUrl = check.DetailsUrl,
                Output = new NewCheckRunOutput(check.Output.Title, check.Output.Summary)
                {
                    Text = string.IsNullOrEmpty(check.Output.Text) ? null : check.Output.Text,
                },
            };
            // A repeated check run is harmless (GitHub shows the latest), so this create may be retried.
            await policy.RunAsync("create check run", idempotent: true,
                _ => client.Check.Run.Create(repo.Owner, repo.Name, run), ct, OnUnauthorized(repo));
        }
        else
        {
            var status = new NewCommitStatus
            {
                State = check.Output.Conclusion == ReviewConclusion.Failure ? CommitState.Failure : CommitState.Success,
                Context = check.Name,
                Description = StatusDescription(check.StatusDescription),
                TargetUrl = check.DetailsUrl,
            };
            await policy.RunAsync("create commit status", idempotent: true,
                _ => client.Repository.Status.Create(repo.Owner, repo.Name, check.HeadSha, status), ct);
        }
    }

    public async Task<long> CreateCommentAsync(RepositoryRef repo, int number, string body, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        var client = connections.ClientFor(repo);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var created = await policy.RunAsync("create comment", idempotent: false,
                    _ => client.Issue.Comment.Create(repo.Owner, repo.Name, number, body), ct, OnUnauthorized(repo));
                return created.Id;
            }
            catch (ApiValidationException e) when (CommentShortening.IsTooLong(e) && attempt <= CommentShortening.MaxTries)
            {
                // A 422 created nothing: posting a shorter body cannot make a second comment.
                var shorter = CommentShortening.Shorten(body, CommentShortening.NamedLimit(e), attempt);
                log.LogWarning("GitHub refused the comment on {Repository}#{PullRequest} as too long ({Length} characters); posting it shortened to {Shorter}",
                    repo.FullName, number, body.Length, shorter.Length);
                body = shorter;
            }
        }
    }

    public async Task<bool> UpdateCommentAsync(RepositoryRef repo, long commentId, string body, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        var client = connections.ClientFor(repo);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await policy.RunAsync("update comment", idempotent: true,
                    _ => client.Issue.Comment.Update(repo.Owner, repo.Name, commentId, body), ct, OnUnauthorized(repo));
                return true;
            }
            catch (NotFoundException)
            {
                return false;
            }
            catch (ApiValidationException e) when (CommentShortening.IsTooLong(e) && attempt <= CommentShortening.MaxTries)
            {
                var shorter = CommentShortening.Shorten(body, CommentShortening.NamedLimit(e), attempt);
                log.LogWarning("GitHub refused the edit of comment {CommentId} on {Repository} as too long ({Length} characters); editing it shortened to {Shorter}",
                    commentId, repo.FullName, body.Length, shorter.Length);
                body = shorter;
            }
        }
    }

    public async Task<string> GetPermissionAsync(RepositoryRef repo, string user, CancellationToken ct)
    {
        using var scope = GitHubCallScope.For(repo.InstallationId);
        var client = connections.ClientFor(repo);
        try
        {
            var answer = await policy.RunAsync("read permission", idempotent: true,
                _ => client.Repository.Collaborator.ReviewPermission(repo.Owner, repo.Name, user), ct, OnUnauthorized(repo));
            return OverridePermission.Role(answer.Permission, answer.RoleName);
        }
        catch (NotFoundException)
        {
            return "none";
        }
    }

    private Action? OnUnauthorized(RepositoryRef repo) =>
        Mode == GitHubMode.App && repo.InstallationId is { } id ? () => connections.Tokens.Invalidate(id) : null;
}
