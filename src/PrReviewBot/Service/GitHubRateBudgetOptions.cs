namespace PrReviewBot.Service;

/// <summary>
/// <c>GitHub:RateBudget:*</c>: what GitHub allows one installation, spent deliberately instead of discovered by
/// refusals. GitHub documents a primary limit (<c>x-ratelimit-remaining</c> until <c>x-ratelimit-reset</c>) and
/// secondary limits, among them at most 80 content-creating requests a minute and 500 an hour; exceeding them
/// repeatedly can get an integration banned.
/// </summary>
public sealed class GitHubRateBudgetOptions
{
    /// <summary>False: no pacing and no shared pause; each job finds out about a limit on its own call (the old behaviour).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Writes (POST, PATCH, PUT, DELETE on a repository) one installation makes in any 60 seconds. 0 = unlimited.</summary>
    public int ContentCreatingPerMinute { get; set; } = 80;

    /// <summary>Writes one installation makes in any hour. 0 = unlimited.</summary>
    public int ContentCreatingPerHour { get; set; } = 500;

    /// <summary>
    /// When GitHub reports this many requests or fewer left of an installation's primary limit, its calls wait for
    /// <c>x-ratelimit-reset</c> (requests already under way use up the rest).
    /// </summary>
    public int PrimaryReserve { get; set; } = 10;
}
