using PrReviewBot.GitHub;

namespace PrReviewBot.Tests.Conformance;

/// <summary>
/// What the bot sends to GitHub, held against GitHub's own published descriptions rather than against our idea of
/// them: every GraphQL document validates against GitHub's schema, every REST request is an operation of GitHub's
/// OpenAPI description with a body its schema accepts (and none where it takes none), and every REST request carries
/// the headers GitHub documents.
/// </summary>
public sealed class GitHubConformanceTests(ConformanceRun run) : IClassFixture<ConformanceRun>
{
    [Fact]
    public void TheRun_CoversEveryKindOfCallTheBotMakes()
    {
        var calls = run.Rest.Select(r => r.Method).ToHashSet();
        Assert.Superset(new HashSet<string> { "GET", "POST", "PATCH", "DELETE" }, calls);
        Assert.Contains(run.Rest, r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal));
        Assert.Contains(run.Rest, r => r.Method == "POST" && r.Path.Contains("/statuses/", StringComparison.Ordinal));
        Assert.Contains(run.Rest, r => r.Method == "DELETE" && r.Path.Contains("/labels/", StringComparison.Ordinal));
        Assert.Contains(run.Rest, r => r.Method == "GET" && r.Path.Contains("/collaborators/", StringComparison.Ordinal));
        Assert.True(run.GraphQLRequests.Select(r => r.Query).Distinct().Count() >= 2, "the run sent fewer than two GraphQL documents");
    }

    [Fact]
    public async Task EveryGraphQLDocument_ValidatesAgainstGitHubsPublishedSchema()
    {
        var problems = new List<string>();
        foreach (var (query, variables) in run.GraphQLRequests)
        {
            foreach (var error in await GitHubDescriptions.ValidateGraphQLAsync(query, variables))
            {
                problems.Add($"{error}\n  variables: {variables?.ToJsonString()}\n  in: {query}");
            }
        }
        Assert.True(problems.Count == 0, "GraphQL documents GitHub's schema refuses:\n" + string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void EveryRestRequest_IsADocumentedOperationWithADocumentedBody()
    {
        var problems = new List<string>();
        foreach (var request in run.Rest)
        {
            var found = GitHubDescriptions.Rest.Find(request.Method, request.Path);
            if (found is not { } operation)
            {
                problems.Add($"{request.Method} {request.Path}: GitHub's OpenAPI description has no such operation");
                continue;
            }
            problems.AddRange(GitHubDescriptions.Rest.BodyErrors(operation.Operation, request.Body)
                .Select(e => $"{request.Method} {request.Path} ({operation.Template}): {e}"));
        }
        Assert.True(problems.Count == 0, "REST requests GitHub's OpenAPI description does not accept:\n" + string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void EveryRestRequest_CarriesTheHeadersGitHubDocuments()
    {
        Assert.All(run.Rest, r =>
        {
            Assert.Equal(GitHubHttpHandler.ApiVersion, r.Headers.GetValueOrDefault("X-GitHub-Api-Version"));
            Assert.Equal(GitHubHttpHandler.RestMediaType, r.Headers.GetValueOrDefault("Accept"));
        });
    }

    [Fact]
    public void RestWritesAreJson_AndLabelRemovalSendsNoBody()
    {
        var writes = run.Rest.Where(r => r.Method is "POST" or "PATCH" or "PUT" && r.Body.Length > 0).ToList();
        Assert.NotEmpty(writes);
        Assert.All(writes, r => Assert.StartsWith("application/json", r.Headers.GetValueOrDefault("Content-Type") ?? "(none)", StringComparison.Ordinal));
        var removals = run.Rest.Where(r => r.Method == "DELETE").ToList();
        Assert.NotEmpty(removals);
        Assert.All(removals, r =>
        {
            Assert.Equal("", r.Body);
            Assert.False(r.Headers.ContainsKey("Content-Type"), $"DELETE {r.Path} sent a Content-Type");
        });
    }

    [Fact]
    public async Task TheSchemaCheck_RefusesAFieldGitHubDoesNotHave()
    {
        var errors = await GitHubDescriptions.ValidateGraphQLAsync(
            "query Q($owner: String!) { repository(owner: $owner, name: \"x\") { pullRequest(number: 1) { headSha } } }",
            new System.Text.Json.Nodes.JsonObject { ["owner"] = "o" });
        Assert.Contains(errors, e => e.Contains("headSha", StringComparison.Ordinal));
    }

    [Fact]
    public void TheBodyCheck_RefusesTheBareLabelArrayOctokitSends()
    {
        var (_, operation) = GitHubDescriptions.Rest.Find("POST", "/repos/o/r/issues/7/labels")!.Value;
        Assert.NotEmpty(GitHubDescriptions.Rest.BodyErrors(operation, "[\"perf-gates: incomplete\"]"));
        Assert.Empty(GitHubDescriptions.Rest.BodyErrors(operation, "{\"labels\":[\"perf-gates: incomplete\"]}"));
        var (_, removal) = GitHubDescriptions.Rest.Find("DELETE", "/repos/o/r/issues/7/labels/x")!.Value;
        Assert.NotEmpty(GitHubDescriptions.Rest.BodyErrors(removal, "{}"));
    }
}
