using System.Text.Json.Nodes;

namespace PrReviewBot.Tests.Support;

/// <summary>
/// Real <c>issues</c> and <c>issue_comment</c> payloads from Fixtures/, with the fields a test is about changed in memory:
/// the issue, its labels, the comment, who wrote it, and whether the commented issue is a PR.
/// </summary>
public static class IssuePayloads
{
    /// <summary>An <c>issues</c> delivery (opened, edited, labeled, unlabeled, reopened) for issue <paramref name="number"/>.</summary>
    public static string Issue(string action, int number, string title, string body, IEnumerable<string> labels, string? label = null)
    {
        var payload = Payloads.Load(action is "labeled" or "unlabeled" ? "issues/labeled.json" : "issues/opened.json");
        payload["action"] = action;
        payload["installation"] = new JsonObject { ["id"] = Payloads.Installation };
        var issue = payload["issue"]!;
        issue["number"] = number;
        issue["title"] = title;
        issue["body"] = body;
        issue["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject { ["id"] = 1, ["name"] = l, ["color"] = "ededed", ["default"] = false })]);
        if (label is not null)
        {
            payload["label"] = new JsonObject { ["id"] = 1, ["name"] = label, ["color"] = "ededed", ["default"] = false };
        }
        if (action == "edited")
        {
            payload["changes"] = new JsonObject { ["body"] = new JsonObject { ["from"] = "the previous description" } };
        }
        return payload.ToJsonString();
    }

    /// <summary>
    /// An <c>issue_comment</c> delivery: <paramref name="body"/> written by <paramref name="login"/> on issue or PR
    /// <paramref name="number"/>. <paramref name="userType"/> <c>Bot</c> and <paramref name="viaApp"/> make it a bot's.
    /// </summary>
    public static string Comment(
        int number, string body, string login = "octo-writer", bool onPullRequest = false, long commentId = 492700400,
        string action = "created", string userType = "User", bool viaApp = false, string? sender = null, string? previousBody = null)
    {
        var payload = Payloads.Load(action == "edited" ? "issue_comment/edited.json" : "issue_comment/created.with-installation.json");
        payload["action"] = action;
        payload["installation"] = new JsonObject { ["id"] = Payloads.Installation };
        var issue = payload["issue"]!;
        issue["number"] = number;
        if (onPullRequest)
        {
            issue["pull_request"] = new JsonObject
            {
                ["url"] = $"https://api.github.com/repos/{Payloads.Repository}/pulls/{number}",
                ["html_url"] = $"https://github.com/{Payloads.Repository}/pull/{number}",
            };
        }
        var comment = payload["comment"]!;
        comment["id"] = commentId;
        comment["body"] = body;
        comment["user"]!["login"] = login;
        comment["user"]!["type"] = userType;
        if (viaApp)
        {
            comment["performed_via_github_app"] = new JsonObject { ["id"] = 9999, ["slug"] = "other-bot", ["name"] = "Other Bot" };
        }
        payload["sender"]!["login"] = sender ?? login;
        payload["sender"]!["type"] = sender is null ? userType : "User";
        if (action == "edited")
        {
            payload["changes"] = new JsonObject { ["body"] = new JsonObject { ["from"] = previousBody ?? "the comment before the edit" } };
        }
        return payload.ToJsonString();
    }
}

/// <summary>
/// Optimization issues as engineers file them, one per scenario of the process's evals.json that gate mode answers.
/// Where the engine's tests already have the body (Core.Tests/Gates/IssueBodies.cs, compiled in here too), it is that one.
/// </summary>
public static class IssueBodies
{
    /// <summary>Eval 1: "make it faster", nothing measured.</summary>
    public const string Eval1 = Core.Tests.Gates.IssueBodies.Eval1Casual;

    /// <summary>Eval 2: three techniques at once, no numbers, no profile.</summary>
    public const string Eval2 = """
        We need to add a two-level cache with Redis L2 and in-process L1, plus singleflight for stampede protection, and
        zero-serialization reads to our user feed endpoint (`GET /api/feed`).

        The feed is the first thing people see in the app, so I'd like to ship all three together in the next sprint.
        """;

    /// <summary>Eval 3: targets, traffic share and a profile pointing at an N+1 query.</summary>
    public const string Eval3 = """
        ### Targets
        | Constraint | Target | Current |
        |---|---|---|
        | Latency | p95 < 80ms | 240ms p95 |
        | Throughput | 2,500 RPS sustained | 2,500 RPS |
        | Error budget | < 0.1% | 0.05% |

        ### Hot path
        `GET /api/v1/feed` is 88% of requests (nginx access logs, last 7 days).
        p50/p95/p99: 45/240/410 ms.

        ### Profile
        Flamegraph from 10 minutes of production traffic: https://pyroscope.internal.example.com/explore?query=feed-api.cpu

        60% of p99 wall time is spent in `postsRepo.Get`: one query per post (N+1), 50 posts → 51 queries.
        """;

    /// <summary>Eval 5: a new service, nothing in production yet, asking for every technique up front.</summary>
    public const string Eval5 = Core.Tests.Gates.IssueBodies.Eval5Design;

    /// <summary>Eval 6: every gate answered; an L1 cache is the next step.</summary>
    public const string Eval6 = Core.Tests.Gates.IssueBodies.Eval6Gates;
}
