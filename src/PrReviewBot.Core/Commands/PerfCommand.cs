namespace PrReviewBot.Core.Commands;

/// <summary>The sub-commands of <c>/perf-review</c>.</summary>
public enum CommandVerb
{
    Recheck,
    Plan,
    Gates,
    Override,
    Revoke,

    /// <summary>"Not an optimization PR": takes the PR out of review, with a reason, until revoked.</summary>
    Skip,
    Help,

    /// <summary>A sub-command the bot does not know; it answers with help.</summary>
    Unknown,
}

/// <summary>
/// One <c>/perf-review</c> command found in a comment. <see cref="Argument"/> is the rest of the line (the override
/// reason), cleaned of control characters and capped at <see cref="CommandParser.MaxReasonLength"/>;
/// <see cref="Written"/> is the sub-command as typed (for "unknown command" answers), also cleaned and capped.
/// </summary>
public sealed record PerfCommand(CommandVerb Verb, string Argument, string Written, bool ArgumentTruncated = false)
{
    /// <summary>Override, skip and revoke change the check for everyone: only users with enough permission may use them.</summary>
    public bool NeedsOverridePermission => Verb is CommandVerb.Override or CommandVerb.Revoke or CommandVerb.Skip;

    /// <summary>Override and skip carry a reason on the same line.</summary>
    public bool TakesReason => Verb is CommandVerb.Override or CommandVerb.Skip;
}
