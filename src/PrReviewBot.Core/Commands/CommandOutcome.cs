namespace PrReviewBot.Core.Commands;

/// <summary>What the App does for a command.</summary>
public enum CommandAction
{
    /// <summary>Nothing: no command, or the author is a bot (the bot included).</summary>
    Ignore,

    /// <summary>Evaluate again: the PR's check, or the gates.</summary>
    Recheck,

    /// <summary>Post an escalation plan built from the issue or PR body (<see cref="Planning.EscalationPlanner"/>).</summary>
    PostPlan,

    /// <summary>Judge the body against the five gates and update the sticky gate comment (<see cref="Gates.GateReviewer"/>).</summary>
    EvaluateGates,

    /// <summary>Store the override (who, why, when), record it in the audit log, and re-run the check so it passes.</summary>
    RecordOverride,

    /// <summary>Remove the override (or the skip) and re-run the check.</summary>
    RevokeOverride,

    /// <summary>Store "not an optimization PR" (who, why, when), record it in the audit log, and re-run the check.</summary>
    RecordSkip,

    /// <summary>Only post <see cref="CommandOutcome.Reply"/>: help, an unknown command, a refusal. Nothing else changes.</summary>
    Reply,
}

/// <summary>
/// The decision for one command. <see cref="Reply"/> is Markdown ready to post (user text in it is escaped), or null
/// when the action speaks for itself. <see cref="Refused"/> marks a polite refusal: nothing changes.
/// <see cref="OverrideReason"/> is the cleaned reason to store (plain text; escape it when rendering).
/// </summary>
public sealed record CommandOutcome(CommandAction Action, string? Reply, bool Refused = false, string? OverrideReason = null)
{
    public static CommandOutcome Ignore { get; } = new(CommandAction.Ignore, null);
}
