namespace PrReviewBot.Core.Commands;

/// <summary>The <c>/perf-review help</c> answer.</summary>
public static class HelpText
{
    public static string Body(CommentTarget target)
    {
        var here = target == CommentTarget.PullRequest ? "this pull request" : "this issue";
        return $$"""
            **PrReviewBot commands** — write one at the start of a line in a comment on {{here}}:

            | Command | What it does |
            |---|---|
            | `/perf-review recheck` | Evaluate again now: the `perf-review` check on a pull request, the five gates on an issue. |
            | `/perf-review gates` | Judge the description against the five gates (targets, hot path, profile, simplest solution, rollback) and update the gate comment. |
            | `/perf-review plan` | Post an escalation plan built from the targets, traffic, measurements and profile in the description. |
            | `/perf-review override <reason>` | Pull requests only: make the check pass, recorded with your name and the reason. Needs the repository role the config asks for (`write` unless `overrides.min_permission` says otherwise) or membership in a team it names. |
            | `/perf-review skip <reason>` | Pull requests only: not an optimization PR — the check passes as "Not an optimization PR", recorded with your name and the reason. Same permission as override. |
            | `/perf-review revoke` | Remove the override or the skip; the check is evaluated on its merits again. Same permission as override. |
            | `/perf-review help` | This list. |

            Commands inside code blocks, quotes or lists are ignored, so quoting a command never runs it.
            """;
    }
}
