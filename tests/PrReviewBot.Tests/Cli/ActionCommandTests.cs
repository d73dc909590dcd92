using System.Diagnostics;
using System.Text.Json.Nodes;
using PrReviewBot.Cli;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Cli;

/// <summary>
/// <c>prreviewbot action</c>, the GitHub Action's entry point, run on the real <c>pull_request</c> webhook payloads in
/// the fixtures: without a token against a git checkout, with one against the fake GitHub.
/// </summary>
[Collection(ReviewRunsCollection.Name)]
public sealed class ActionCommandTests : IDisposable
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "webhooks", "pull_request", "opened.json");

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Summary => Path.Combine(_cli.Folder, "step-summary.md");

    private string ReadSummary() => File.ReadAllText(Summary);

    /// <summary>The fixture's payload, changed as a test needs (an optimization PR, commits of a local repository…).</summary>
    private string Event(Action<JsonObject>? change = null)
    {
        var payload = JsonNode.Parse(File.ReadAllText(FixturePath))!.AsObject();
        change?.Invoke(payload["pull_request"]!.AsObject());
        return _cli.File($"event-{Guid.NewGuid():N}.json", payload.ToJsonString());
    }

    private static void MakeOptimizationPr(JsonObject pr, string body)
    {
        pr["title"] = Descriptions.Title;
        pr["body"] = body;
        pr["labels"] = new JsonArray(new JsonObject { ["name"] = "performance" });
    }

    /// <summary>Every option given: the variables GitHub Actions sets on a runner must not leak into the test.</summary>
    private Task<CliResult> Action(string eventPath, string workspace, params string[] more) => CliRun.Run(null,
        ["action", "--event-name", "pull_request", "--event-path", eventPath, "--summary-path", Summary, "--workspace", workspace, .. more]);

    private Task<CliResult> ActionWithoutToken(string eventPath, string workspace) => Action(eventPath, workspace, "--token", "");

    [Fact]
    public async Task RealPayload_NotAnOptimizationPr_Passes_AndSaysSoInTheSummary()
    {
        var result = await ActionWithoutToken(FixturePath, _cli.Folder);

        Assert.True(result.ExitCode == CliApp.ExitPass, result.Out + result.Error);
        var summary = ReadSummary();
        Assert.StartsWith("## ✅ perf-review: ", summary, StringComparison.Ordinal);
        Assert.Contains("not an optimization PR", summary, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OptimizationPrMissingItems_FailsWithExitOne_TheSummaryIsTheChecksOutput()
    {
        var result = await ActionWithoutToken(Event(pr => MakeOptimizationPr(pr, Descriptions.Incomplete)), _cli.Folder);

        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        var summary = ReadSummary();
        Assert.StartsWith("## ❌ perf-review: ", summary, StringComparison.Ordinal);
        Assert.Contains("Rollback", summary, StringComparison.Ordinal);
        Assert.Contains("Monitoring", summary, StringComparison.Ordinal);
        Assert.Contains("::error title=perf-review::", result.Out, StringComparison.Ordinal);
        // No base commit in this folder: the summary says what could not be read instead of guessing.
        Assert.Contains("is not in the checkout", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAToken_TheBaseBranchsConfigAndTheDiffComeFromTheCheckout()
    {
        var repo = Path.Combine(_cli.Folder, "repo");
        Directory.CreateDirectory(repo);
        Git(repo, "init", "-q", "-b", "master");
        WriteFile(repo, ".github/perf-review.yml", "check_name: perf-gate\n");
        WriteFile(repo, "src/Feed/FeedRepository.cs", "class FeedRepository {}\n");
        Git(repo, "add", "-A");
        Git(repo, "commit", "-q", "-m", "base");
        var baseSha = Git(repo, "rev-parse", "HEAD").Trim();
        // The PR weakens the config in its own branch: the base branch's must still be the one applied.
        WriteFile(repo, ".github/perf-review.yml", "check_name: weakened\n");
        WriteFile(repo, "src/Feed/FeedRepository.cs", "class FeedRepository { bool batched = Flags.On(\"other_flag\"); }\n");
        Git(repo, "commit", "-q", "-am", "perf: batch feed item queries");
        var headSha = Git(repo, "rev-parse", "HEAD").Trim();
        var body = Descriptions.Incomplete + Descriptions.RollbackSection;

        var result = await ActionWithoutToken(Event(pr =>
        {
            MakeOptimizationPr(pr, body);
            pr["base"]!["sha"] = baseSha;
            pr["head"]!["sha"] = headSha;
        }), repo);

        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        var summary = ReadSummary();
        Assert.StartsWith("## ❌ perf-gate: ", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("weakened", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("is not in the checkout", summary, StringComparison.Ordinal);
        // The diff was read: the rollback flag the description names is not in the code the PR adds.
        Assert.Contains("feed_batch_query", summary, StringComparison.Ordinal);
        Assert.Contains("flag", summary, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithAToken_ReadsThroughTheApi_PostsTheAppsStatusAndStickyComment_OnceOnly()
    {
        using var gitHub = new FakeGitHub { PersonalToken = "ghs_action_token" };
        gitHub.AddRepository(Payloads.Repository, "master");
        gitHub.PutFile(Payloads.Repository, "master", ".github/perf-review.yml", "comment:\n  when: missing\n");
        gitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Payloads.Repository,
            Number = Payloads.Number,
            Title = Descriptions.Title,
            Body = Descriptions.Incomplete,
            HeadSha = Payloads.HeadSha,
            Labels = ["performance"],
            Files = ["src/Feed/FeedRepository.cs"],
        });
        // The payload is the real fixture: what the PR says now is read from GitHub, not from the event.
        var run = () => Action(FixturePath, _cli.Folder, "--token", "ghs_action_token", "--api-url", gitHub.Url);

        var first = await run();
        var second = await run();

        Assert.True(first.ExitCode == CliApp.ExitFail, first.Out + first.Error);
        Assert.Equal(CliApp.ExitFail, second.ExitCode);
        Assert.All(gitHub.Statuses, s =>
        {
            Assert.Equal("perf-review", s.Context);
            Assert.Equal("failure", s.State);
            Assert.Equal(Payloads.HeadSha, s.Sha);
        });
        var comment = Assert.Single(gitHub.Comments);
        Assert.StartsWith(PrReviewBot.Core.Rendering.CommentRenderer.Marker, comment.Body, StringComparison.Ordinal);
        Assert.Equal(0, comment.Edits);
        Assert.All(gitHub.Requests, r => Assert.Equal("token ghs_action_token", r.Headers["Authorization"], ignoreCase: true));
        Assert.Contains("the sticky comment (created)", ReadSummary(), StringComparison.Ordinal);
        Assert.Contains("the sticky comment (unchanged)", ReadSummary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAReadOnlyToken_TheVerdictStillDecides_AndTheSummarySaysWhatWasNotPosted()
    {
        using var gitHub = new FakeGitHub { PersonalToken = "ghs_fork_token" };
        gitHub.AddRepository(Payloads.Repository, "master");
        gitHub.AddPullRequest(new FakePullRequest
        {
            Repository = Payloads.Repository,
            Number = Payloads.Number,
            Title = Descriptions.Title,
            Body = Descriptions.Incomplete,
            HeadSha = Payloads.HeadSha,
            Labels = ["performance"],
        });
        gitHub.Fail("POST", $"/repos/{Payloads.Repository}/", 403, """{"message":"Resource not accessible by integration"}""", times: 100);

        var result = await Action(FixturePath, _cli.Folder, "--token", "ghs_fork_token", "--api-url", gitHub.Url);

        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        var summary = ReadSummary();
        Assert.StartsWith("## ❌ perf-review: ", summary, StringComparison.Ordinal);
        Assert.Contains("could not be posted", summary, StringComparison.Ordinal);
        Assert.Contains("::warning::", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherEvents_HaveNothingToReview_AndPass()
    {
        var result = await CliRun.Run(null, "action", "--event-name", "push", "--event-path", FixturePath, "--summary-path", Summary, "--token", "");

        Assert.Equal(CliApp.ExitPass, result.ExitCode);
        Assert.Contains("nothing to review", ReadSummary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoPayload_OrAPayloadWithoutAPullRequest_IsAUsageError()
    {
        var missing = await CliRun.Run(null, "action", "--event-name", "pull_request", "--event-path", _cli.Missing("event.json"), "--summary-path", Summary, "--token", "");
        var notPr = await CliRun.Run(null, "action", "--event-name", "pull_request", "--event-path", _cli.File("push.json", """{"ref":"refs/heads/main"}"""),
            "--summary-path", Summary, "--token", "");

        Assert.Equal(CliApp.ExitUsage, missing.ExitCode);
        Assert.Contains("no such file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(CliApp.ExitUsage, notPr.ExitCode);
        Assert.Contains("has no pull_request", notPr.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ActionYml_RunsThisEntryPoint_WithTheTokenInput()
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "action.yml"))));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        string Scalar(YamlDotNet.RepresentationModel.YamlNode node) => ((YamlDotNet.RepresentationModel.YamlScalarNode)node).Value!;

        Assert.Equal("composite", Scalar(root["runs"]["using"]));
        Assert.Equal("${{ github.token }}", Scalar(root["inputs"]["token"]["default"]));
        var steps = ((YamlDotNet.RepresentationModel.YamlSequenceNode)root["runs"]["steps"]).Cast<YamlDotNet.RepresentationModel.YamlMappingNode>().ToList();
        var build = steps.Single(s => s.Children.ContainsKey("run") && Scalar(s["run"]).Contains("dotnet publish", StringComparison.Ordinal));
        var review = steps.Single(s => s.Children.ContainsKey("id") && Scalar(s["id"]) == "review");
        Assert.Contains("$GITHUB_ACTION_PATH/src/PrReviewBot/PrReviewBot.csproj", Scalar(build["run"]), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "src", "PrReviewBot", "PrReviewBot.csproj")));
        Assert.Matches(@"prreviewbot\.dll"" action\b", Scalar(review["run"]));
        Assert.Equal("${{ inputs.token }}", Scalar(review["env"]["GITHUB_TOKEN"]));
        Assert.Equal("${{ steps.review.outputs.conclusion }}", Scalar(root["outputs"]["conclusion"]["value"]));
        Assert.All(ActionCommand.PublishModes, m => Assert.Contains(m, Scalar(root["inputs"]["publish"]["description"]), StringComparison.Ordinal));
    }

    private static void WriteFile(string repo, string path, string text)
    {
        var full = Path.Combine(repo, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static string Git(string repo, params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repo };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["GIT_AUTHOR_NAME"] = info.Environment["GIT_COMMITTER_NAME"] = "Test";
        info.Environment["GIT_AUTHOR_EMAIL"] = info.Environment["GIT_COMMITTER_EMAIL"] = "test@example.com";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output;
    }
}
