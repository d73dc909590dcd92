namespace PrReviewBot.Core.Commands;

/// <summary>The sub-commands of <c>/perf-review</c>.</summary>
public enum CommandVerb
{
    Recheck,
    Plan,
    Gates,
    Override,
    Revoke,
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
    /// <summary>Override and revoke change the check for everyone: only users with enough permission may use them.</summary>
    public bool NeedsOverridePermission => Verb is CommandVerb.Override or CommandVerb.Revoke;
}
