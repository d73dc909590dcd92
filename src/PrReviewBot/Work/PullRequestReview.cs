using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrReviewBot.Core;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Rendering;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// Reviews one PR as it is now: one read of GitHub, one verdict, then only the writes that change something
/// (compare-before-write against what was last posted): the check on the head SHA, the sticky comment.
/// </summary>
public sealed class PullRequestReview(
    IGitHub gitHub, IWorkStore store, ReportLinks links, TimeProvider time, ILogger<PullRequestReview> log,
    ICommandStore commands, ReviewEvidence evidence, GateComments gates, GateIssueLinks gateLinks, IOptionsMonitor<QueueOptions> queue)
{
    public const string DefaultConfigFile = ".github/perf-review.yml";

    /// <summary>Raised after an evaluation is saved, with the deliveries it answered (metrics watch it).</summary>
    public event Action<EvaluationRecord, IReadOnlyList<JobDelivery>>? Evaluated;

    public async Task<PullRequestRecord?> RunAsync(LeasedJob job, IReadOnlyList<JobDelivery> deliveries, CancellationToken ct)
    {
        var number = job.Number ?? throw new InvalidOperationException($"job {job.Subject} names no PR number");
        var stored = await store.GetPullRequestAsync(job.Repository, number, ct);
        var repo = RepositoryRef.Parse(job.Repository, job.InstallationId ?? stored?.InstallationId);
        var started = Stopwatch.GetTimestamp();

        var snapshot = await gitHub.ReadPullRequestAsync(repo, number, job.BaseRef ?? stored?.BaseRef, findComment: stored?.CommentId is null, ct);
        if (snapshot is null)
        {
            log.LogInformation("{Repository}#{PullRequest} no longer exists on GitHub; nothing to post", repo.FullName, number);
            await gateLinks.ForgetAsync(repo, number, ct);
            return stored;
        }
        if (snapshot.State != PullRequestState.Open)
        {
            log.LogInformation("{Repository}#{PullRequest} is {State}; nothing to post", repo.FullName, number, snapshot.State);
            // A closed PR's finding no longer matters: a gate issue it linked stops re-evaluating it.
            await gateLinks.ForgetAsync(repo, number, ct);
            return stored;
        }

        var reportUrl = links.For(repo.FullName, number);
        // An override lasts until revoked, across new pushes too: it names the PR, not a commit.
        var standing = await commands.CurrentOverrideAsync(repo.FullName, number, ct);
        var overridden = standing is { Action: OverrideAction.Override } o ? new OverrideInfo(o.Actor, o.Reason ?? "", o.At) : null;
        var skipped = standing is { Action: OverrideAction.Skip } s ? new OverrideInfo(s.Actor, s.Reason ?? "", s.At) : null;
        var decision = await DecideAsync(repo, snapshot, reportUrl, stored?.CheckName, overridden, skipped, ct);
        var record = (stored ?? new PullRequestRecord { Repository = repo.FullName, Number = number }) with
        {
            InstallationId = repo.InstallationId,
            BaseRef = snapshot.BaseRef,
            HeadSha = snapshot.HeadSha,
            IsOptimization = decision.Verdict?.IsOptimization ?? stored?.IsOptimization ?? false,
            Conclusion = decision.ConclusionName,
            VerdictJson = decision.Verdict is { } v ? VerdictJson.Serialize(v, indented: false) : stored?.VerdictJson,
            EvaluatedAt = time.GetUtcNow(),
        };
        if (stored?.CommentId is null && snapshot.Comment is { } found)
        {
            // Found by its marker: remember it, and what it says, so an unchanged verdict writes nothing.
            record = record with { CommentId = found.Id, CommentFingerprint = ReviewRendering.Fingerprint(found.Body) };
        }

        var comment = () => SyncCommentAsync(repo, number, decision, record, ct);
        var check = () => SyncCheckAsync(repo, number, snapshot.HeadSha, decision, record, job.Force, job.Interrupted, reportUrl, ct);
        var (written, commentAction, checkAction) = queue.CurrentValue.ConcurrentWrites
            ? await WriteConcurrentlyAsync(record, comment, check)
            : await WriteInTurnAsync(record, comment, check, ct);
        record = written;

        var ids = deliveries.Select(d => d.DeliveryId).ToList();
        var evaluation = new EvaluationRecord(
            repo.FullName, number, snapshot.HeadSha, decision.ConclusionName, decision.Check.Title, checkAction, commentAction, ids,
            record.EvaluatedAt, Stopwatch.GetElapsedTime(started), record.VerdictJson);
        await store.SaveEvaluationAsync(record, evaluation, ct);
        Evaluated?.Invoke(evaluation, deliveries);
        await gates.RefreshOnPullRequestAsync(repo, number, snapshot.Title, snapshot.Body, ct);
        log.LogInformation(
            "Reviewed {Repository}#{PullRequest} at {HeadSha}: {Conclusion} \"{Title}\"; check {CheckAction}, comment {CommentAction}, {DeliveryCount} deliveries",
            repo.FullName, number, snapshot.HeadSha, decision.ConclusionName, decision.Check.Title, checkAction, commentAction, ids.Count);
        return record;
    }

    /// <summary>
    /// Comment and check at once: they touch different things on GitHub and different fields of the record. What one
    /// of them posted is saved even when the other failed, so the retry does not post it again.
    /// </summary>
    private async Task<(PullRequestRecord, string, string)> WriteConcurrentlyAsync(PullRequestRecord record, Func<Task<Written>> comment, Func<Task<Written>> check)
    {
        var commentTask = comment();
        var checkTask = check();
        try
        {
            await Task.WhenAll(commentTask, checkTask);
        }
        catch
        {
            var posted = record;
            foreach (var done in new[] { commentTask, checkTask }.Where(t => t.IsCompletedSuccessfully && t.Result.Changed))
            {
                posted = done.Result.Apply(posted);
            }
            if (!ReferenceEquals(posted, record))
            {
                await store.SavePullRequestAsync(posted, CancellationToken.None);
            }
            throw;
        }
        // Saved with the evaluation, in one transaction.
        return (checkTask.Result.Apply(commentTask.Result.Apply(record)), commentTask.Result.Action, checkTask.Result.Action);
    }

    /// <summary>Comment, then check, each saved as soon as it is posted (<c>Queue:ConcurrentWrites=false</c>).</summary>
    private async Task<(PullRequestRecord, string, string)> WriteInTurnAsync(
        PullRequestRecord record, Func<Task<Written>> comment, Func<Task<Written>> check, CancellationToken ct)
    {
        var commented = await comment();
        if (commented.Changed)
        {
            record = commented.Apply(record);
            await store.SavePullRequestAsync(record, ct);
        }
        var checkedRun = await check();
        if (checkedRun.Changed)
        {
            record = checkedRun.Apply(record);
            await store.SavePullRequestAsync(record, ct);
        }
        return (record, commented.Action, checkedRun.Action);
    }

    /// <summary>What one write did, and the record fields it changes (<see cref="Changed"/>: worth saving).</summary>
    private sealed record Written(string Action, bool Changed, Func<PullRequestRecord, PullRequestRecord> Apply)
    {
        public static Written Nothing(string action) => new(action, false, r => r);
    }

    private async Task<Written> SyncCheckAsync(
        RepositoryRef repo, int number, string headSha, Decision decision, PullRequestRecord record, bool force, bool interrupted, string? reportUrl,
        CancellationToken ct)
    {
        var fingerprint = ReviewRendering.Fingerprint(decision.CheckName, ReviewRendering.Name(decision.Check.Conclusion),
            decision.Check.Title, decision.Check.Summary, decision.Check.Text, reportUrl);
        if (!force && record.CheckSha == headSha && record.CheckFingerprint == fingerprint && record.CheckName == decision.CheckName)
        {
            return Written.Nothing("unchanged");
        }
        var publication = new CheckPublication(decision.CheckName, headSha, decision.Check, reportUrl,
            number.ToString(CultureInfo.InvariantCulture), decision.StatusDescription);
        // A run that died after posting but before recording it: GitHub already shows this check, so do not post it twice.
        var alreadyPosted = !force && interrupted && await gitHub.IsCheckPostedAsync(repo, publication, ct);
        if (!alreadyPosted)
        {
            try
            {
                await gitHub.PublishCheckAsync(repo, publication, ct);
            }
            catch (GitHubAnswerUnreadableException e)
            {
                // Posted: only GitHub's answer could not be read. Record it as posted so no retry posts it again.
                log.LogWarning("The check on {Repository}#{PullRequest} was posted but GitHub's answer could not be read: {Reason}", repo.FullName, number, e.Message);
            }
        }
        var checkJson = JsonSerializer.Serialize(new PostedCheck(decision.Check, decision.StatusDescription));
        return new Written(alreadyPosted ? "already posted" : "posted", true, r => r with
        {
            CheckName = decision.CheckName,
            CheckJson = checkJson,
            CheckFingerprint = fingerprint,
            CheckSha = headSha,
        });
    }

    private async Task<Written> SyncCommentAsync(
        RepositoryRef repo, int number, Decision decision, PullRequestRecord record, CancellationToken ct)
    {
        if (decision.Comment is not { } body || decision.Policy == CommentPolicy.Never)
        {
            return Written.Nothing("none");
        }
        var fingerprint = ReviewRendering.Fingerprint(body);
        var deleted = false;
        if (record.CommentId is { } id)
        {
            if (record.CommentFingerprint == fingerprint)
            {
                return Written.Nothing("unchanged");
            }
            if (await gitHub.UpdateCommentAsync(repo, id, body, ct))
            {
                return new Written("updated", true, r => r with { CommentFingerprint = fingerprint });
            }
            log.LogInformation("The sticky comment {CommentId} on {Repository}#{PullRequest} was deleted", id, repo.FullName, number);
            deleted = true;
        }
        if (!decision.WantsNewComment)
        {
            return deleted ? new Written("none", true, r => r with { CommentId = null, CommentFingerprint = null }) : Written.Nothing("none");
        }
        var created = await gitHub.CreateCommentAsync(repo, number, body, ct);
        return new Written("created", true, r => r with { CommentId = created, CommentFingerprint = fingerprint });
    }

    private async Task<Decision> DecideAsync(
        RepositoryRef repo, PullRequestSnapshot pr, string? reportUrl, string? lastCheckName, OverrideInfo? overridden, OverrideInfo? skipped,
        CancellationToken ct)
    {
        var (repository, number) = (repo.FullName, pr.Number);
        var (config, errors) = LoadConfig(pr);
        if (config is null)
        {
            log.LogWarning("Configuration of {Repository}#{PullRequest} is invalid: {Errors}", repository, number, string.Join("; ", errors));
            // The broken file cannot say what the check is called: keep the name last used, so the required check is the one that fails.
            var invalid = ReviewRendering.ConfigError(errors);
            return new Decision(invalid, ReviewRendering.ConfigErrorStatusDescription(errors, invalid), lastCheckName ?? ReviewConfig.Default.CheckName,
                null, null, CommentPolicy.Never, false, "config_error");
        }
        var description = new PullRequestDescription(pr.Title, pr.Body, pr.Labels, pr.ChangedFiles);
        Verdict verdict;
        try
        {
            verdict = Reviewer.Default.Review(description, config);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in the review must not leave a required check missing: say so in the check, loudly in the log.
            log.LogError(e, "Reviewing {Repository}#{PullRequest} failed", repository, number);
            var output = new CheckOutput("PrReviewBot could not review this description",
                "The review failed with an internal error, logged by the bot. Re-run this check; if it fails again, tell the bot's operators.",
                "", CheckConclusion.Failure);
            return new Decision(output, ReviewRendering.StatusDescription(output), config.CheckName, null, null, CommentPolicy.Never, false, "error");
        }
        // Outside the catch above: a GitHub failure here is retried like any other, not reported as a review bug.
        verdict = await evidence.CompleteAsync(repo, number, description, verdict, config, ct);
        if (skipped is not null)
        {
            // "/perf-review skip": someone allowed to said this is not an optimization PR.
            verdict = Reviewer.Skipped(verdict, skipped.User, skipped.Reason);
        }
        var context = new PresentationContext(reportUrl, overridden);
        var check = ReviewRendering.Check(verdict, context);
        var wantsNew = ReviewRendering.WantsNewComment(verdict, config);
        return new Decision(check, ReviewRendering.StatusDescription(verdict, context, check), config.CheckName, verdict,
            ReviewRendering.Comment(verdict, context), config.Comment.When, wantsNew, verdict.Conclusion.Name());
    }

    /// <summary>The base branch's file, else the owner's <c>.github</c> repository's, else the defaults.</summary>
    internal static (ReviewConfig? Config, IReadOnlyList<ConfigError> Errors) LoadConfig(PullRequestSnapshot pr) =>
        LoadConfig(pr.RepositoryConfig, pr.OrganizationConfig);

    internal static (ReviewConfig? Config, IReadOnlyList<ConfigError> Errors) LoadConfig(ConfigFile? repositoryConfig, ConfigFile? organizationConfig)
    {
        var file = repositoryConfig ?? organizationConfig;
        if (file is null)
        {
            return (ReviewConfig.Default, []);
        }
        if (file.Text is null)
        {
            return (null, [new ConfigError(file.Location, 0, 0, file.Problem ?? "cannot be read")]);
        }
        var parsed = ConfigParser.Parse(file.Text, file.Location);
        return parsed.IsValid ? (parsed.Config, []) : (null, parsed.Errors.Count > 0 ? parsed.Errors : [new ConfigError(file.Location, 0, 0, "is invalid")]);
    }

    private sealed record Decision(
        CheckOutput Check,
        string StatusDescription,
        string CheckName,
        Verdict? Verdict,
        string? Comment,
        CommentPolicy Policy,
        bool WantsNewComment,
        string ConclusionName);
}

/// <summary>What was posted as the check, kept so a merge group gets exactly the same.</summary>
public sealed record PostedCheck(CheckOutput Output, string StatusDescription);
