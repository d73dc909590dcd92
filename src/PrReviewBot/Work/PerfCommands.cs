using Microsoft.Extensions.Logging;
using PrReviewBot.Core.Commands;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Planning;
using PrReviewBot.Core.Rendering;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>What the commands of one job ask of the rest of it.</summary>
/// <param name="Review">A command asks to evaluate the PR (override, revoke, recheck).</param>
/// <param name="Force">Post the check even if unchanged (recheck).</param>
/// <param name="Gates">Evaluate the issue's gates (gates, recheck on an issue).</param>
public sealed record CommandEffects(bool Review, bool Force, bool Gates);

/// <summary>
/// Carries out the <c>/perf-review</c> commands among a job's deliveries, in the order they came. Each command is
/// decided once and remembered with its comment (<see cref="ICommandStore"/>), together with the override it records:
/// a redelivery, a second delivery of the same comment, or an edit that leaves the command as it was does nothing
/// again. The reply is posted after the decision is stored and the command marked done after the reply, so a crash in
/// between answers again rather than never. The decision is pure (<see cref="CommandDecider"/>); this asks GitHub
/// what it needs (permission, teams, the body for a plan) and performs the outcome.
/// </summary>
public sealed class PerfCommands(
    IGitHub gitHub, ICommandStore commands, GateComments gates, TimeProvider time, ILogger<PerfCommands> log)
{
    /// <summary>At most this many configured teams are asked about per command (each is one call).</summary>
    public const int MaxTeamsAsked = 10;

    public async Task<CommandEffects> RunAsync(LazyIssueSnapshot issue, CommentTarget target, IReadOnlyList<JobDelivery> deliveries, CancellationToken ct)
    {
        var repo = issue.Repository;
        bool review = false, force = false, wantGates = false;
        foreach (var delivery in deliveries)
        {
            if (delivery.Command is not { } comment)
            {
                continue;
            }
            try
            {
                var record = await commands.GetCommandAsync(repo.FullName, comment.CommentId, comment.Fingerprint, ct);
                var retry = record is not null && record.DeliveryId == delivery.DeliveryId;
                if (record is null)
                {
                    record = await DecideAsync(issue, target, comment, delivery.DeliveryId, ct);
                }
                else if (record.DoneAt is null || retry)
                {
                    log.LogInformation("{Command} on {Repository}#{Number} was decided before; finishing it", comment, repo.FullName, issue.Number);
                }
                else
                {
                    log.LogInformation("{Command} on {Repository}#{Number} was already carried out (delivery {First}); nothing to do again",
                        comment, repo.FullName, issue.Number, record.DeliveryId);
                    continue;
                }

                var action = Enum.Parse<CommandAction>(record.Action);
                switch (action)
                {
                    case CommandAction.Recheck when target == CommentTarget.PullRequest:
                        review = force = true;
                        break;
                    case CommandAction.Recheck or CommandAction.EvaluateGates when target == CommentTarget.Issue:
                        wantGates = true;
                        break;
                    case CommandAction.EvaluateGates:
                        if (record.DoneAt is null)
                        {
                            await GatesOnPullRequestAsync(issue, ct);
                        }
                        break;
                    case CommandAction.PostPlan:
                        if (record.DoneAt is null)
                        {
                            await PostPlanAsync(issue, ct);
                        }
                        break;
                    case CommandAction.RecordOverride or CommandAction.RevokeOverride or CommandAction.RecordSkip:
                        review = true;
                        break;
                }
                if (record.DoneAt is null)
                {
                    if (record.Reply is { } reply)
                    {
                        try
                        {
                            await gitHub.CreateCommentAsync(repo, issue.Number, CommentText.Fit(reply), ct);
                        }
                        catch (GitHubAnswerUnreadableException e)
                        {
                            // Posted (only the answer was unreadable): marking the command done keeps a retry from replying twice.
                            log.LogWarning("The reply to {Command} was posted but GitHub's answer could not be read: {Reason}", comment, e.Message);
                        }
                    }
                    await commands.MarkCommandDoneAsync(record, time.GetUtcNow(), ct);
                }
                log.LogInformation("{Command} on {Repository}#{Number}: {Action}{Refused}", comment, repo.FullName, issue.Number, action,
                    record.Refused ? " (refused)" : "");
            }
            catch (Exception e) when (e is not OperationCanceledException && GitHubFaults.Classify(e, time.GetUtcNow()).Kind == FaultKind.Permanent)
            {
                // GitHub refuses this command's work for good (a reply it will not take): it costs only this command, not
                // the rest of the job, so the PR still gets its review.
                log.LogError(e, "{Command} on {Repository}#{Number} failed for good; the rest of the job runs", comment, repo.FullName, issue.Number);
            }
        }
        return new CommandEffects(review, force, wantGates);
    }

    /// <summary>Decides a command seen for the first time and stores the decision (with the override it makes).</summary>
    private async Task<CommandRecord> DecideAsync(LazyIssueSnapshot issue, CommentTarget target, CommentCommand comment, string deliveryId, CancellationToken ct)
    {
        var repo = issue.Repository;
        var actor = comment.Author.Login;
        var command = comment.Command;
        OverrideInfo? current = null;
        bool? mayOverride = null;
        var config = new OverrideConfig();
        if (target == CommentTarget.PullRequest && command.NeedsOverridePermission)
        {
            config = (await issue.ConfigAsync(ct)).Overrides;
            current = await commands.CurrentOverrideAsync(repo.FullName, issue.Number, ct) is { } o ? new OverrideInfo(o.Actor, o.Reason ?? "", o.At) : null;
            var reasonMissing = command.Verb == CommandVerb.Override && command.Argument.Trim().Length == 0;
            if (!reasonMissing)
            {
                mayOverride = await MayOverrideAsync(repo, actor, config, ct);
            }
        }
        var outcome = CommandDecider.Decide(command, new CommandContext(target, actor, comment.Author.IsBot, mayOverride, current), config);
        var now = time.GetUtcNow();
        var change = outcome.Action switch
        {
            CommandAction.RecordOverride => new OverrideEvent(repo.FullName, issue.Number, OverrideAction.Override, actor, outcome.OverrideReason, now, comment.CommentId),
            CommandAction.RevokeOverride => new OverrideEvent(repo.FullName, issue.Number, OverrideAction.Revoke, actor, null, now, comment.CommentId),
            CommandAction.RecordSkip => new OverrideEvent(repo.FullName, issue.Number, OverrideAction.Skip, actor, outcome.OverrideReason, now, comment.CommentId),
            _ => null,
        };
        var record = new CommandRecord(repo.FullName, issue.Number, comment.CommentId, comment.Fingerprint, deliveryId, actor,
            command.Verb.ToString(), outcome.Action.ToString(), outcome.Reply, outcome.Refused, now);
        if (await commands.RecordCommandAsync(record, change, ct))
        {
            if (change is not null)
            {
                log.LogInformation("Audit: {Actor} {Action} the check on {Repository}#{Number}{Reason}", actor,
                    change.Action switch
                    {
                        OverrideAction.Override => "overrode",
                        OverrideAction.Skip => "marked as not an optimization PR",
                        _ => "revoked the override of",
                    }, repo.FullName, issue.Number,
                    change.Reason is null ? "" : ": " + change.Reason);
            }
            return record;
        }
        // Recorded meanwhile by another run: its decision stands.
        return await commands.GetCommandAsync(repo.FullName, comment.CommentId, comment.Fingerprint, ct) ?? record;
    }

    /// <summary>At least the configured repository permission, or active membership in a configured team.</summary>
    private async Task<bool> MayOverrideAsync(RepositoryRef repo, string actor, OverrideConfig config, CancellationToken ct)
    {
        if (!PayloadObject.IsLogin(actor))
        {
            // Not a name GitHub gives anyone: it has no permission, and it must not go into a request path.
            log.LogWarning("{Actor} is not a GitHub login; the command is refused without asking GitHub", actor);
            return false;
        }
        var permission = await gitHub.GetPermissionAsync(repo, actor, ct);
        if (OverridePermission.Allows(permission, [], config))
        {
            return true;
        }
        foreach (var team in config.Teams.Where(t => t.Trim().Length > 0).Take(MaxTeamsAsked))
        {
            var slash = team.IndexOf('/', StringComparison.Ordinal);
            var (organization, slug) = slash > 0 ? (team[..slash].Trim(), team[(slash + 1)..].Trim()) : (repo.Owner, team.Trim());
            if (await gitHub.IsActiveTeamMemberAsync(repo, organization, slug, actor, ct))
            {
                return OverridePermission.Allows(permission, [$"{organization}/{slug}"], config);
            }
        }
        return false;
    }

    private async Task PostPlanAsync(LazyIssueSnapshot issue, CancellationToken ct)
    {
        if (await issue.GetAsync(ct) is not { } snapshot)
        {
            log.LogInformation("{Repository}#{Number} no longer exists; no plan posted", issue.Repository.FullName, issue.Number);
            return;
        }
        var plan = EscalationPlanner.Default.Plan(new IssueDescription(snapshot.Title, snapshot.Body));
        await gitHub.CreateCommentAsync(issue.Repository, issue.Number, CommentText.Fit(PlanCommentRenderer.Render(plan)), ct);
    }

    private async Task GatesOnPullRequestAsync(LazyIssueSnapshot issue, CancellationToken ct)
    {
        if (await issue.GetAsync(ct) is not { } snapshot)
        {
            return;
        }
        var config = await issue.ConfigAsync(ct);
        await gates.SyncAsync(issue.Repository, snapshot, config.Gates, requested: true, ct);
    }
}
