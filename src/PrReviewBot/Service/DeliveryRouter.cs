using System.Globalization;
using System.Text.Json;
using PrReviewBot.Core.Commands;
using PrReviewBot.Core.Config;
using PrReviewBot.Storage;
using PrReviewBot.Work;

namespace PrReviewBot.Service;

/// <summary>Where a delivery goes: the work it asks for (if any) and what to record about it.</summary>
public sealed record Routing(
    string? Action,
    long? InstallationId,
    string? Repository,
    int? Number,
    WorkRequest? Work,
    string? Note)
{
    public bool Ignored => Work is null;
}

/// <summary>
/// Reads just what routing needs from a webhook payload (event, action, installation, repository, PR or commit)
/// without deserializing the whole event: GitHub adds events and actions all the time, and an unknown one must
/// be acknowledged and ignored, never crash the intake.
/// </summary>
public static class DeliveryRouter
{
    /// <summary>The <c>pull_request</c> actions that change what the review sees.</summary>
    public static readonly IReadOnlySet<string> ReviewedActions =
        new HashSet<string>(StringComparer.Ordinal) { "opened", "edited", "synchronize", "reopened", "ready_for_review", "labeled", "unlabeled" };

    /// <summary>The <c>issues</c> actions gate mode answers (issue 4).</summary>
    public static readonly IReadOnlySet<string> GateActions =
        new HashSet<string>(StringComparer.Ordinal) { "opened", "edited", "reopened", "labeled", "unlabeled" };

    /// <summary>The <c>issue_comment</c> actions that may carry a command: written, or edited to add one.</summary>
    public static readonly IReadOnlySet<string> CommentActions =
        new HashSet<string>(StringComparer.Ordinal) { "created", "edited" };

    /// <summary>Actions that come in bursts (saving twice, several labels at once): debounced.</summary>
    private static readonly IReadOnlySet<string> BurstyActions =
        new HashSet<string>(StringComparer.Ordinal) { "edited", "labeled", "unlabeled" };

    private static readonly GateConfig DefaultGates = new();

    public static Routing Route(string eventName, JsonElement root, DateTimeOffset now, QueueOptions queue)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookRejectedException(400, "The body must be a JSON object.");
        }
        var action = String(root, "action");
        var installation = root.TryGetProperty("installation", out var inst) && inst.ValueKind == JsonValueKind.Object
            && inst.TryGetProperty("id", out var id) && id.TryGetInt64(out var instId) ? instId : (long?)null;
        var repository = root.TryGetProperty("repository", out var repo) && repo.ValueKind == JsonValueKind.Object ? String(repo, "full_name") : null;

        Routing Ignore(string note, int? number = null) => new(action, installation, repository, number, null, note);

        WorkRequest Work(string subject, JobKind kind, int? number, string? sha, string? baseRef, TimeSpan delay, bool force) =>
            new(subject, kind, RequireRepository(repository, eventName), installation, number, sha, baseRef, now + delay, force);

        switch (eventName)
        {
            case "pull_request":
            {
                var number = Int(root, "number") ?? (root.TryGetProperty("pull_request", out var p) ? Int(p, "number") : null);
                if (action is null || !ReviewedActions.Contains(action))
                {
                    return Ignore($"pull_request.{action} needs no review", number);
                }
                if (number is null)
                {
                    throw new WebhookRejectedException(400, "The pull_request payload has no number.");
                }
                var baseRef = root.TryGetProperty("pull_request", out var pr) && pr.TryGetProperty("base", out var b) ? String(b, "ref") : null;
                var delay = BurstyActions.Contains(action) ? queue.EditDebounce : TimeSpan.Zero;
                var subject = WorkRequest.PullRequestSubject(RequireRepository(repository, eventName), number.Value);
                return new Routing(action, installation, repository, number, Work(subject, JobKind.PullRequest, number, null, baseRef, delay, false), null);
            }
            case "check_run":
            {
                if (action != "rerequested")
                {
                    return Ignore($"check_run.{action} needs nothing");
                }
                var run = Object(root, "check_run");
                var number = int.TryParse(String(run, "external_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
                string? baseRef = null;
                if (number is null && FirstPullRequest(run) is { } first)
                {
                    number = Int(first, "number");
                    baseRef = first.TryGetProperty("base", out var b) ? String(b, "ref") : null;
                }
                if (number is { } pr)
                {
                    var subject = WorkRequest.PullRequestSubject(RequireRepository(repository, eventName), pr);
                    return new Routing(action, installation, repository, pr, Work(subject, JobKind.PullRequest, pr, null, baseRef, TimeSpan.Zero, true), null);
                }
                return ForCommit(String(run, "head_sha"));
            }
            case "check_suite":
            {
                if (action != "rerequested")
                {
                    return Ignore($"check_suite.{action} needs nothing (pull_request events drive reviews)");
                }
                var suite = Object(root, "check_suite");
                var prs = suite.TryGetProperty("pull_requests", out var list) && list.ValueKind == JsonValueKind.Array ? list : default;
                if (prs.ValueKind == JsonValueKind.Array && prs.GetArrayLength() == 1 && Int(prs[0], "number") is { } only)
                {
                    var baseRef = prs[0].TryGetProperty("base", out var b) ? String(b, "ref") : null;
                    var subject = WorkRequest.PullRequestSubject(RequireRepository(repository, eventName), only);
                    return new Routing(action, installation, repository, only, Work(subject, JobKind.PullRequest, only, null, baseRef, TimeSpan.Zero, true), null);
                }
                // None (a fork) or several: the commit's job finds them.
                return ForCommit(String(suite, "head_sha"));
            }
            case "merge_group":
            {
                if (action != "checks_requested")
                {
                    return Ignore($"merge_group.{action} needs nothing");
                }
                var group = Object(root, "merge_group");
                var sha = String(group, "head_sha") ?? throw new WebhookRejectedException(400, "The merge_group payload has no head_sha.");
                var number = MergeGroupCheck.PullRequestOf(String(group, "head_ref"));
                var baseRef = String(group, "base_ref") is { } r && r.StartsWith("refs/heads/", StringComparison.Ordinal) ? r["refs/heads/".Length..] : String(group, "base_ref");
                var subject = WorkRequest.MergeGroupSubject(RequireRepository(repository, eventName), sha);
                return new Routing(action, installation, repository, number, Work(subject, JobKind.MergeGroup, number, sha, baseRef, TimeSpan.Zero, false), null);
            }
            case "issues":
            {
                var issue = Object(root, "issue");
                var number = Int(issue, "number") ?? throw new WebhookRejectedException(400, "The issues payload has no issue.number.");
                if (action is null || !GateActions.Contains(action))
                {
                    return Ignore($"issues.{action} needs no gate check", number);
                }
                if (action is "labeled" or "unlabeled" && root.TryGetProperty("label", out var label) && String(label, "name") is { } name
                    && (name.Equals(DefaultGates.SatisfiedLabel, StringComparison.OrdinalIgnoreCase) || name.Equals(DefaultGates.IncompleteLabel, StringComparison.OrdinalIgnoreCase)))
                {
                    // The bot's own gate label (or someone setting it by hand): nothing the gates are judged on changed.
                    return Ignore($"issues.{action} with the gate label '{name}' changes nothing", number);
                }
                var delay = BurstyActions.Contains(action) ? queue.EditDebounce : TimeSpan.Zero;
                var subject = WorkRequest.IssueSubject(RequireRepository(repository, eventName), number);
                return new Routing(action, installation, repository, number, Work(subject, JobKind.Issue, number, null, null, delay, false), null);
            }
            case "issue_comment":
                return RouteComment();
            case "ping":
                return Ignore($"ping: {String(root, "zen") ?? "no zen"} (hook {(root.TryGetProperty("hook_id", out var hook) ? hook.ToString() : "?")})");
            case "installation":
            case "installation_repositories":
            {
                var account = root.TryGetProperty("installation", out var i) && i.TryGetProperty("account", out var a) ? String(a, "login") : null;
                return Ignore($"{eventName}.{action} for {account ?? "an unknown account"} (installation {installation?.ToString(CultureInfo.InvariantCulture) ?? "?"})");
            }
            default:
                return Ignore(action is null ? $"{eventName} needs nothing" : $"{eventName}.{action} needs nothing");
        }

        Routing RouteComment()
        {
            var issue = Object(root, "issue");
            var comment = Object(root, "comment");
            var number = Int(issue, "number") ?? throw new WebhookRejectedException(400, "The issue_comment payload has no issue.number.");
            if (action is null || !CommentActions.Contains(action))
            {
                return Ignore($"issue_comment.{action} carries no command", number);
            }
            var author = CommentAuthor.Read(root);
            if (author.IsBot)
            {
                return Ignore($"comment by a bot ({author.Login}): never answered", number);
            }
            if (!author.WroteThisVersion)
            {
                return Ignore($"comment by {author.Login} edited by {author.Sender}: a command runs only as its author wrote it", number);
            }
            if (CommandParser.Parse(String(comment, "body")) is null)
            {
                return Ignore("comment without a /perf-review command", number);
            }
            var isPullRequest = issue.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object;
            var repo = RequireRepository(repository, eventName);
            var work = isPullRequest
                ? Work(WorkRequest.PullRequestSubject(repo, number), JobKind.PullRequest, number, null, null, TimeSpan.Zero, false)
                : Work(WorkRequest.IssueSubject(repo, number), JobKind.Issue, number, null, null, TimeSpan.Zero, false);
            return new Routing(action, installation, repository, number, work, null);
        }

        Routing ForCommit(string? sha)
        {
            if (sha is null)
            {
                throw new WebhookRejectedException(400, $"The {eventName} payload has no head_sha.");
            }
            var subject = WorkRequest.CommitSubject(RequireRepository(repository, eventName), sha);
            return new Routing(action, installation, repository, null, Work(subject, JobKind.Commit, null, sha, null, TimeSpan.Zero, true), null);
        }
    }

    private static string RequireRepository(string? repository, string eventName) =>
        repository is { } r && r.Contains('/', StringComparison.Ordinal)
            ? r
            : throw new WebhookRejectedException(400, $"The {eventName} payload has no repository.full_name.");

    private static JsonElement? FirstPullRequest(JsonElement run) =>
        run.TryGetProperty("pull_requests", out var prs) && prs.ValueKind == JsonValueKind.Array && prs.GetArrayLength() > 0 ? prs[0] : null;

    private static JsonElement Object(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Object
            ? e
            : throw new WebhookRejectedException(400, $"The payload has no '{name}' object.");

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
}
