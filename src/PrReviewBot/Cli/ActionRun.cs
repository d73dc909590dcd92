using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrReviewBot.Core;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Rendering;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Work;

namespace PrReviewBot.Cli;

/// <summary>
/// One run of the Action: read the PR (through GitHub's API with a token, else from the payload and the checkout),
/// review it with the App's config loading and rendering, write the job summary, post with a token, and answer
/// with the check's outcome as the exit code.
/// </summary>
internal static class ActionRun
{
    private static readonly string[] PullRequestEvents = ["pull_request", "pull_request_target"];

    public static async Task<int> RunAsync(CliConsole console, ActionSettings settings, CancellationToken ct)
    {
        if (settings.EventName is { } name && !PullRequestEvents.Contains(name))
        {
            await WriteSummaryAsync(console, settings, $"PrReviewBot reviews pull requests; this run is for a `{name}` event, so there is nothing to review.\n");
            await console.Out.WriteLineAsync($"::notice::PrReviewBot: nothing to review on a {name} event (only pull_request and pull_request_target)");
            return CliApp.ExitPass;
        }
        if (settings.EventPath is null)
        {
            await console.Error.WriteLineAsync("error: no event payload: GITHUB_EVENT_PATH is not set (run this inside a GitHub Actions workflow, or pass --event-path FILE)");
            return CliApp.ExitUsage;
        }
        var payload = CliInput.Read(console, settings.EventPath, "--event-path");
        if (payload is null)
        {
            return CliApp.ExitUsage;
        }
        if (ActionEvent.Parse(payload, out var problem) is not { } pr)
        {
            await console.Error.WriteLineAsync($"error: {problem}");
            return CliApp.ExitUsage;
        }
        if (!pr.IsOpen)
        {
            await WriteSummaryAsync(console, settings, $"Pull request #{pr.Number} is closed: nothing to review.\n");
            return CliApp.ExitPass;
        }

        return settings.Token is null
            ? await ReviewFromCheckoutAsync(console, settings, pr)
            : await ReviewThroughGitHubAsync(console, settings, pr, ct);
    }

    private static async Task<int> ReviewFromCheckoutAsync(CliConsole console, ActionSettings settings, ActionEvent pr)
    {
        var checkout = new ActionCheckout(settings.Workspace);
        IReadOnlyDictionary<string, string>? added = null;
        ConfigFile? config = null;
        if (checkout.ResolveBase(pr.BaseSha) is { } baseCommit)
        {
            added = checkout.AddedText(baseCommit, pr.HeadSha);
            config = checkout.BaseConfig(baseCommit);
        }
        else
        {
            // Without the base commit the base branch's config cannot be read; the checkout's own copy is the best
            // left, and the summary says which was used.
            var local = Path.Combine(settings.Workspace, PullRequestReview.DefaultConfigFile);
            if (File.Exists(local))
            {
                config = new ConfigFile($"{PullRequestReview.DefaultConfigFile} (the checkout's copy, not the base branch's)", await File.ReadAllTextAsync(local), null);
            }
        }
        var description = new PullRequestDescription(pr.Title, pr.Body, pr.Labels, added?.Keys.ToList()) { ChangedFileText = added ?? new Dictionary<string, string>() };
        var outcome = Review(description, config, null);
        return await FinishAsync(console, settings, pr, outcome, checkout.Problems, []);
    }

    private static async Task<int> ReviewThroughGitHubAsync(CliConsole console, ActionSettings settings, ActionEvent pr, CancellationToken ct)
    {
        using var host = GitHubServices(settings);
        var gitHub = host.Services.GetRequiredService<IGitHub>();
        var repo = RepositoryRef.Parse(pr.Repository, null);
        PullRequestSnapshot? snapshot;
        try
        {
            snapshot = await gitHub.ReadPullRequestAsync(repo, pr.Number, pr.BaseRef, findComment: settings.PostsComment, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await console.Error.WriteLineAsync($"error: could not read {repo.FullName}#{pr.Number} from GitHub ({GitHubConnections.ApiBaseOf(settings.ApiUrl)}): {e.Message}");
            return CliApp.ExitUsage;
        }
        if (snapshot is null)
        {
            await console.Error.WriteLineAsync($"error: {repo.FullName}#{pr.Number} was not found on GitHub (does the token have pull-requests: read?)");
            return CliApp.ExitUsage;
        }

        var description = new PullRequestDescription(snapshot.Title, snapshot.Body, snapshot.Labels, snapshot.ChangedFiles);
        var outcome = Review(description, snapshot.RepositoryConfig, snapshot.OrganizationConfig);
        if (outcome.Verdict is { } verdict && outcome.Config is { } config && verdict.Switches.Count > 0
            && config.SeverityOf(FindingIds.FlagNotInDiff) != Severity.Off && snapshot.ChangedFiles.Count is > 0 and <= IssueQuery.MaxPatchPages * 100
            && await gitHub.ReadAddedLinesAsync(repo, pr.Number, ct) is { } added)
        {
            // As the App does: the flag check needs the lines the PR adds, read only when the description names a switch.
            outcome = Review(description with { ChangedFileText = added }, snapshot.RepositoryConfig, snapshot.OrganizationConfig);
        }

        var posted = new List<string>();
        var problems = new List<string>();
        if (settings.PostsStatus)
        {
            try
            {
                await gitHub.PublishCheckAsync(repo, new CheckPublication(outcome.CheckName, snapshot.HeadSha, outcome.Check, null,
                    pr.Number.ToString(CultureInfo.InvariantCulture), outcome.StatusDescription), ct);
                posted.Add($"the `{outcome.CheckName}` commit status on {snapshot.HeadSha[..Math.Min(7, snapshot.HeadSha.Length)]}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add($"the `{outcome.CheckName}` status could not be posted ({e.Message}); give the job `statuses: write`");
            }
        }
        if (settings.PostsComment && outcome.Comment is { } body)
        {
            try
            {
                if (await SyncCommentAsync(gitHub, repo, pr.Number, snapshot.Comment, body, outcome.WantsNewComment, ct) is { } action)
                {
                    posted.Add($"the sticky comment ({action})");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add($"the comment could not be posted ({e.Message}); give the job `pull-requests: write` (pull requests from forks get a read-only token)");
            }
        }
        return await FinishAsync(console, settings, pr, outcome, problems, posted);
    }

    /// <summary>The sticky comment, kept as the App keeps it: edited in place, created only when the policy wants one.</summary>
    private static async Task<string?> SyncCommentAsync(
        IGitHub gitHub, RepositoryRef repo, int number, StickyComment? existing, string body, bool wantsNew, CancellationToken ct)
    {
        if (existing is not null)
        {
            if (existing.Body == body)
            {
                return "unchanged";
            }
            if (await gitHub.UpdateCommentAsync(repo, existing.Id, body, ct))
            {
                return "updated";
            }
        }
        if (!wantsNew)
        {
            return null;
        }
        await gitHub.CreateCommentAsync(repo, number, body, ct);
        return "created";
    }

    private sealed record Outcome(
        Verdict? Verdict, ReviewConfig? Config, CheckOutput Check, string CheckName, string StatusDescription, string? Comment, bool WantsNewComment);

    /// <summary>The App's decision (see <see cref="PullRequestReview"/>) for one description and its config files.</summary>
    private static Outcome Review(PullRequestDescription description, ConfigFile? repositoryConfig, ConfigFile? organizationConfig)
    {
        var (config, errors) = PullRequestReview.LoadConfig(repositoryConfig, organizationConfig);
        if (config is null)
        {
            var invalid = ReviewRendering.ConfigError(errors);
            return new Outcome(null, null, invalid, ReviewConfig.Default.CheckName, ReviewRendering.ConfigErrorStatusDescription(errors, invalid), null, false);
        }
        var verdict = Reviewer.Default.Review(description, config);
        var context = PresentationContext.None;
        var check = ReviewRendering.Check(verdict, context);
        var wantsNew = ReviewRendering.WantsNewComment(verdict, config);
        var comment = config.Comment.When == CommentPolicy.Never ? null : ReviewRendering.Comment(verdict, context);
        return new Outcome(verdict, config, check, config.CheckName, ReviewRendering.StatusDescription(verdict, context, check), comment, wantsNew);
    }

    private static async Task<int> FinishAsync(
        CliConsole console, ActionSettings settings, ActionEvent pr, Outcome outcome, IReadOnlyList<string> problems, IReadOnlyList<string> posted)
    {
        var failed = outcome.Check.Conclusion == CheckConclusion.Failure;
        var summary = new StringBuilder()
            .Append("## ").Append(failed ? "❌ " : "✅ ").Append(outcome.CheckName).Append(": ").AppendLine(outcome.Check.Title)
            .AppendLine()
            .AppendLine(outcome.Check.Summary.TrimEnd());
        if (outcome.Check.Text.Trim().Length > 0)
        {
            summary.AppendLine().AppendLine(outcome.Check.Text.TrimEnd());
        }
        if (problems.Count > 0)
        {
            summary.AppendLine().AppendLine("**PrReviewBot could not do everything:**").AppendLine();
            foreach (var p in problems)
            {
                summary.Append("- ").AppendLine(p);
            }
        }
        if (posted.Count > 0)
        {
            summary.AppendLine().Append("Posted on #").Append(pr.Number).Append(": ").Append(string.Join(", ", posted)).AppendLine(".");
        }
        await WriteSummaryAsync(console, settings, summary.ToString());
        if (settings.OutputPath is not null)
        {
            // The step's `conclusion` output (action.yml), for later steps that want the outcome without failing.
            await File.AppendAllTextAsync(settings.OutputPath, $"conclusion={(failed ? "failure" : "success")}\n", new UTF8Encoding(false));
        }

        foreach (var p in problems)
        {
            await console.Out.WriteLineAsync($"::warning::PrReviewBot: {OneLine(p)}");
        }
        await console.Out.WriteAsync(outcome.Verdict is { } v ? TextRenderer.Render(v, PresentationContext.None, "the job summary") : outcome.Check.Title + "\n");
        if (failed)
        {
            await console.Out.WriteLineAsync($"::error title={outcome.CheckName}::{OneLine(outcome.Check.Title)}");
        }
        return failed ? CliApp.ExitFail : CliApp.ExitPass;
    }

    private static async Task WriteSummaryAsync(CliConsole console, ActionSettings settings, string markdown)
    {
        if (settings.SummaryPath is null)
        {
            await console.Out.WriteAsync(markdown);
            return;
        }
        // Appended, as GitHub expects: earlier steps of the job may have written their own part.
        await File.AppendAllTextAsync(settings.SummaryPath, markdown + "\n", new UTF8Encoding(false));
    }

    /// <summary>Workflow commands end at the line break; their data escapes %, CR and LF.</summary>
    private static string OneLine(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>The App's GitHub adapter in token mode, with its retries and conditional requests, outside a web host.</summary>
    private static IHost GitHubServices(ActionSettings settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.Configure<GitHubOptions>(o =>
        {
            o.Token = settings.Token;
            o.ApiBaseUrl = settings.ApiUrl;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GitHubTraffic>();
        // A token has no installation: the budget never paces the Action's calls, but every connection goes through it.
        builder.Services.AddSingleton<GitHubRateBudget>();
        builder.Services.AddSingleton<GitHubConnections>();
        builder.Services.AddSingleton<GitHubCallPolicy>();
        builder.Services.AddSingleton<IGitHub, OctokitGitHub>();
        return builder.Build();
    }
}
