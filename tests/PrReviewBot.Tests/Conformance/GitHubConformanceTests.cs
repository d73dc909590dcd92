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
    [Theory]
    [InlineData("POST", "/app/installations/1/access_tokens")]
    [InlineData("POST", "/repos/Codertocat/Hello-World/check-runs")]
    [InlineData("GET", "/repos/Codertocat/Hello-World/commits/ec26c3e57ca3a959ca5aad62de7213c562f8c821/check-runs")]
    [InlineData("GET", "/repos/Codertocat/Hello-World/commits/0123456789abcdef0123456789abcdef01234567/pulls")]
    [InlineData("POST", "/repos/Codertocat/Hello-World/statuses/0123456789abcdef0123456789abcdef01234567")]
    [InlineData("GET", "/repos/Codertocat/Hello-World/commits/0123456789abcdef0123456789abcdef01234567/statuses")]
    [InlineData("POST", "/repos/Codertocat/Hello-World/issues/2/comments")]
    [InlineData("PATCH", "/repos/Codertocat/Hello-World/issues/comments/")]
    [InlineData("POST", "/repos/Codertocat/Hello-World/issues/41/labels")]
    [InlineData("DELETE", "/repos/Codertocat/Hello-World/issues/41/labels/")]
    [InlineData("GET", "/repos/Codertocat/Hello-World/issues/41")]
    [InlineData("GET", "/repos/Codertocat/Hello-World/pulls/2/files")]
    [InlineData("GET", "/repos/Codertocat/Hello-World/collaborators/octo-lead/permission")]
    [InlineData("GET", "/orgs/Codertocat/teams/perf-leads/memberships/octo-lead")]
    [InlineData("GET", "/app/hook/deliveries")]
    [InlineData("POST", "/app/hook/deliveries/")]
    public void TheRun_MakesEachKindOfCallTheBotMakes(string method, string pathPrefix)
    {
        Assert.True(run.Rest.Any(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)),
            $"no {method} {pathPrefix}… among:\n" + string.Join("\n", run.Rest.Select(r => $"{r.Method} {r.Path}").Distinct()));
    }

    [Fact]
    public void TheRun_SendsTheSnapshotAndFilesQueries()
    {
        var sent = run.GraphQLRequests.Select(r => r.Query).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(PrReviewBot.GitHub.PullRequestQuery.Snapshot, sent);
        Assert.Contains(PrReviewBot.GitHub.PullRequestQuery.FilesPage, sent);
        Assert.Contains(PrReviewBot.GitHub.IssueQuery.Snapshot, sent);
    }

    /// <summary>
    /// Every document the bot can send, including those the run does not reach (comment pages of long threads, the
    /// config of a retargeted PR), with a value of the declared type for each variable.
    /// </summary>
    [Fact]
    public async Task EveryGraphQLDocumentOfTheBot_ValidatesAgainstGitHubsPublishedSchema()
    {
        var documents = typeof(PrReviewBot.GitHub.PullRequestQuery).Assembly.GetTypes()
            .Where(t => t.Namespace == "PrReviewBot.GitHub")
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (Name: $"{f.DeclaringType!.Name}.{f.Name}", Query: (string)f.GetRawConstantValue()!))
            .Where(d => d.Query.StartsWith("query ", StringComparison.Ordinal))
            .ToList();
        Assert.True(documents.Count >= 6, $"only {documents.Count} GraphQL documents found");
        var problems = new List<string>();
        foreach (var (name, query) in documents)
        {
            problems.AddRange((await GitHubDescriptions.ValidateGraphQLAsync(query, GitHubDescriptions.SampleVariables(query))).Select(e => $"{name}: {e}"));
        }
        Assert.True(problems.Count == 0, "GraphQL documents GitHub's schema refuses:\n" + string.Join("\n", problems));
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
