using PrReviewBot.Core.Config;

namespace PrReviewBot.Core.Commands;

/// <summary>
/// Who may <c>/perf-review override</c> and <c>revoke</c>: a user whose repository permission is at least the configured
/// minimum (<c>write</c> by default), or a member of a team the config names. The App asks GitHub for the permission
/// and the teams; this decides.
/// </summary>
public static class OverridePermission
{
    /// <summary>
    /// <paramref name="permission"/> is GitHub's answer for the user on the repository: <c>admin</c>, <c>maintain</c>,
    /// <c>write</c>, <c>triage</c>, <c>read</c> or <c>none</c> (the permission or the role name). <paramref name="teams"/>
    /// are the user's teams as <c>org/team-slug</c>.
    /// </summary>
    public static bool Allows(string? permission, IEnumerable<string>? teams, OverrideConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (Rank(permission) >= Math.Max(Rank(config.MinPermission), Rank("write")))
        {
            return true;
        }
        var mine = (teams ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).ToList();
        foreach (var allowed in config.Teams.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0))
        {
            // "org/team" must match exactly; a bare "team" matches that slug in any organization.
            if (mine.Any(t => t == allowed || (!allowed.Contains('/', StringComparison.Ordinal) && t.EndsWith("/" + allowed, StringComparison.Ordinal))))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The role to rank, from GitHub's answer for a user on a repository. Its <c>permission</c> field knows only admin,
    /// write, read and none (a maintainer shows as write, a triager as read); <c>role_name</c> has the finer role. A
    /// custom role's name is not on the ladder: then the permission it is based on counts.
    /// </summary>
    public static string Role(string? permission, string? roleName) =>
        Rank(roleName) > 0 ? roleName!.Trim().ToLowerInvariant()
        : string.IsNullOrWhiteSpace(permission) ? "none" : permission.Trim().ToLowerInvariant();

    /// <summary>GitHub's permission ladder (read &lt; triage &lt; write &lt; maintain &lt; admin); unknown text ranks lowest.</summary>
    public static int Rank(string? permission) => permission?.Trim().ToLowerInvariant() switch
    {
        "admin" => 5,
        "maintain" => 4,
        "write" or "push" => 3,
        "triage" => 2,
        "read" or "pull" => 1,
        _ => 0,
    };
}
