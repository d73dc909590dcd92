using System.Text.RegularExpressions;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Rendering;

namespace PrReviewBot.Core.Commands;

/// <summary>
/// The bot's answers to commands. Each starts with a hidden marker so the bot never reads its own reply as a command.
/// The actor is addressed by login (a real GitHub login is safe to mention); everything the user typed is escaped.
/// </summary>
public static partial class CommandReplies
{
    /// <summary>Hidden marker on every command reply.</summary>
    public const string Marker = "<!-- prreviewbot:perf-command -->";

    public static string OverrideRecorded(string actor, string reason, bool truncated, OverrideInfo? replaced) =>
        Reply($"✅ The `perf-review` check is **overridden by {Mention(actor)}**: {MarkdownText.Escape(reason, CommandParser.MaxReasonLength)}" +
              (truncated ? $"\n\n_The reason was cut to {CommandParser.MaxReasonLength} characters._" : string.Empty) +
              (replaced is not null ? $"\n\nThis replaces the override by {Mention(replaced.User)}." : string.Empty) +
              "\n\nThe override is recorded and lasts until someone with the same permission comments `/perf-review revoke`.");

    public static string SkipRecorded(string actor, string reason, bool truncated) =>
        Reply($"✅ {Mention(actor)} marked this pull request as **not an optimization PR**: {MarkdownText.Escape(reason, CommandParser.MaxReasonLength)}" +
              (truncated ? $"\n\n_The reason was cut to {CommandParser.MaxReasonLength} characters._" : string.Empty) +
              "\n\nThe `perf-review` check passes as \"Not an optimization PR\". This is recorded and lasts until someone with the same permission comments `/perf-review revoke`.");

    public static string OverrideRevoked(string actor, OverrideInfo revoked) =>
        Reply($"↩️ {Mention(actor)} revoked the override by {Mention(revoked.User)}. The `perf-review` check is evaluated again on its merits.");

    public static string NothingToRevoke(string actor) =>
        Reply($"{Mention(actor)}, there is no override on this pull request to revoke. Nothing changed.");

    public static string ReasonRequired(string actor, CommandVerb verb = CommandVerb.Override) => verb == CommandVerb.Skip
        ? Reply($"{Mention(actor)}, `skip` needs a reason, written on the same line: `/perf-review skip <reason>`, e.g. " +
                "`/perf-review skip renames the benchmark job, no code path changes`. The reason is recorded and shown on the check. Nothing changed.")
        : Reply($"{Mention(actor)}, an override needs a reason, written on the same line: `/perf-review override <reason>`, e.g. " +
                "`/perf-review override hotfix for incident 4711, load test follows in the next PR`. The reason is recorded and shown on the check. Nothing changed.");

    public static string NotPermitted(string actor, CommandVerb verb, OverrideConfig config)
    {
        var who = config.Teams.Count > 0
            ? $"at least `{MarkdownText.Escape(config.MinPermission, 20)}` permission on this repository, or membership in {string.Join(", ", config.Teams.Take(5).Select(t => "`" + MarkdownText.Plain(t, 80).Replace("`", string.Empty, StringComparison.Ordinal) + "`"))}"
            : $"at least `{MarkdownText.Escape(config.MinPermission, 20)}` permission on this repository";
        var what = verb switch
        {
            CommandVerb.Revoke => "revoke an override",
            CommandVerb.Skip => "mark a pull request as not an optimization PR",
            _ => "override the check",
        };
        return Reply($"Sorry {Mention(actor)}, to {what} you need {who}. Nothing changed. " +
                     "If the check is wrong, a maintainer can override it; if the description is missing something, the check comment says what.");
    }

    public static string PermissionUnknown(string actor) =>
        Reply($"Sorry {Mention(actor)}, your permission on this repository could not be checked just now, so nothing changed. Please try again in a minute.");

    public static string OnlyOnPullRequests(string actor, CommandVerb verb) =>
        Reply($"{Mention(actor)}, `/perf-review {verb.ToString().ToLowerInvariant()}` applies to a pull request's `perf-review` check. " +
              "On an issue, answer the open gates instead (`/perf-review gates` shows them). Nothing changed.");

    public static string Unknown(string actor, string written, CommentTarget target) =>
        Reply($"{Mention(actor)}, I don't know the command `{MarkdownText.Plain(written, 40).Replace("`", string.Empty, StringComparison.Ordinal)}`.\n\n" + HelpText.Body(target));

    public static string Help(CommentTarget target) => Reply(HelpText.Body(target));

    /// <summary>"overridden by @user: reason", for the check and the sticky comment (the reason escaped).</summary>
    public static string OverriddenBy(OverrideInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return $"overridden by {Mention(info.User)}: {MarkdownText.Escape(info.Reason, CommandParser.MaxReasonLength)}";
    }

    /// <summary>"@octocat" for a real GitHub login; anything else is escaped so it cannot ping.</summary>
    public static string Mention(string? login)
    {
        var l = login ?? string.Empty;
        return Login().IsMatch(l) ? "@" + l : MarkdownText.Escape(l.Length > 0 ? l : "someone", 60);
    }

    private static string Reply(string text) => Marker + "\n" + text + "\n";

    // GitHub logins: letters, digits and single hyphens, at most 39 characters; Apps add "[bot]".
    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?$")]
    private static partial Regex Login();
}
