using PrReviewBot.Core.Config;

namespace PrReviewBot.Core.Commands;

/// <summary>
/// Decides what a <c>/perf-review</c> command does, from what the App knows about the comment: bots are ignored,
/// help and unknown commands get the help text, override and revoke need permission, a reason and a pull request.
/// Pure: the App performs the action.
/// </summary>
public static class CommandDecider
{
    public static CommandOutcome Decide(PerfCommand? command, CommandContext context, OverrideConfig? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (command is null || context.ActorIsBot)
        {
            return CommandOutcome.Ignore;
        }
        var config = overrides ?? new OverrideConfig();
        var actor = context.ActorLogin;
        switch (command.Verb)
        {
            case CommandVerb.Help:
                return new CommandOutcome(CommandAction.Reply, CommandReplies.Help(context.Target));
            case CommandVerb.Unknown:
                return new CommandOutcome(CommandAction.Reply, CommandReplies.Unknown(actor, command.Written, context.Target));
            case CommandVerb.Recheck:
                return new CommandOutcome(CommandAction.Recheck, null);
            case CommandVerb.Plan:
                return new CommandOutcome(CommandAction.PostPlan, null);
            case CommandVerb.Gates:
                return new CommandOutcome(CommandAction.EvaluateGates, null);
        }

        // Override and revoke: the order of refusals goes from what the user can fix alone to what they cannot.
        if (context.Target != CommentTarget.PullRequest)
        {
            return Refuse(CommandReplies.OnlyOnPullRequests(actor, command.Verb));
        }
        if (command.TakesReason && command.Argument.Trim().Length == 0)
        {
            return Refuse(CommandReplies.ReasonRequired(actor, command.Verb));
        }
        switch (context.ActorMayOverride)
        {
            case null:
                return Refuse(CommandReplies.PermissionUnknown(actor));
            case false:
                return Refuse(CommandReplies.NotPermitted(actor, command.Verb, config));
        }
        if (command.Verb == CommandVerb.Override)
        {
            return new CommandOutcome(CommandAction.RecordOverride,
                CommandReplies.OverrideRecorded(actor, command.Argument, command.ArgumentTruncated, context.CurrentOverride),
                OverrideReason: command.Argument);
        }
        if (command.Verb == CommandVerb.Skip)
        {
            return new CommandOutcome(CommandAction.RecordSkip,
                CommandReplies.SkipRecorded(actor, command.Argument, command.ArgumentTruncated),
                OverrideReason: command.Argument);
        }
        return context.CurrentOverride is { } current
            ? new CommandOutcome(CommandAction.RevokeOverride, CommandReplies.OverrideRevoked(actor, current))
            : new CommandOutcome(CommandAction.Reply, CommandReplies.NothingToRevoke(actor));
    }

    private static CommandOutcome Refuse(string reply) => new(CommandAction.Reply, reply, Refused: true);
}
