using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PrReviewBot.Tests.Support;

/// <summary>Real webhook payloads from Fixtures/, with the fields a test is about changed in memory.</summary>
public static class Payloads
{
    /// <summary>A payload with one change made to its JSON (a field set, removed or of the wrong type).</summary>
    public static string Changed(string json, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(json)!;
        change(node);
        return node.ToJsonString();
    }

    public const string Repository = "Codertocat/Hello-World";
    public const int Number = 2;
    public const long Installation = 1;
    public const string HeadSha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

    public static JsonNode Load(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "webhooks", relativePath)))!;

    /// <summary>A <c>pull_request</c> delivery from opened.json with <paramref name="action"/> (edited gets a <c>changes</c> object).</summary>
    public static string PullRequest(string action, string? headSha = null, int number = Number)
    {
        var payload = Load(action == "synchronize" ? "pull_request/synchronize.json" : "pull_request/opened.json");
        payload["action"] = action;
        payload["number"] = number;
        payload["pull_request"]!["number"] = number;
        if (headSha is not null)
        {
            payload["pull_request"]!["head"]!["sha"] = headSha;
        }
        if (action == "edited")
        {
            payload["changes"] = new JsonObject { ["body"] = new JsonObject { ["from"] = "the previous description" } };
        }
        return payload.ToJsonString();
    }

    public static string CheckRunRerequested(string externalId)
    {
        var payload = Load("check_run/rerequested.json");
        payload["check_run"]!["external_id"] = externalId;
        payload["repository"] = Load("pull_request/opened.json")["repository"]!.DeepClone();
        return payload.ToJsonString();
    }

    /// <summary>check_suite.rerequested; <paramref name="fork"/> empties pull_requests, as GitHub does for fork branches.</summary>
    public static string CheckSuiteRerequested(bool fork)
    {
        var payload = Load("check_suite/rerequested.json");
        if (fork)
        {
            payload["check_suite"]!["pull_requests"] = new JsonArray();
            payload["check_suite"]!["head_branch"] = null;
        }
        return payload.ToJsonString();
    }

    public static string MergeGroup() => Load("merge_group/checks_requested.json").ToJsonString();

    /// <summary>A webhook delivery as GitHub sends it, signed with <paramref name="secret"/>.</summary>
    public static HttpRequestMessage SignedDelivery(string eventName, string body, string id, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhooks")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", id);
        request.Headers.Add("X-Hub-Signature-256", Signature(body, secret));
        return request;
    }

    public static string Signature(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}

/// <summary>PR descriptions as people write them: one missing rollback and monitoring, one complete.</summary>
public static class Descriptions
{
    public const string Title = "perf: batch feed item queries";

    public const string Incomplete = """
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

    public const string RollbackSection = """


        ## Rollback
        Behind the `feed_batch_query` flag. To disable it, set `feed_batch_query=false` in the flags service (applies within 30 s);
        when disabled, the feed falls back to the previous per-item queries.
        """;

    public const string Complete = Incomplete + RollbackSection + """


        ## Monitoring
        Dashboard: https://grafana.example.com/d/feed-api/feed-api-latency
        Alert: `FeedApiP95High` fires when p95 > 80ms for 10 minutes (alerts/feed-api.yml).
        """;

    /// <summary>The fixture PR's own description: not an optimization PR at all.</summary>
    public const string ReadmeTitle = "Update the README with new information.";

    public const string Readme = "This is a pretty simple change that we need to pull into master.";
}
