namespace PrReviewBot.Report;

/// <summary>One <c>/perf-review override</c> or <c>revoke</c> on a PR, as the report page lists them.</summary>
public sealed record OverrideEntry(string Action, string User, string? Reason, DateTimeOffset At);

/// <summary>
/// Where the report page reads a PR's overrides. The <c>/perf-review</c> commands (issue 4) record them; until
/// they register their store here, <see cref="NoOverrideHistory"/> answers that there are none.
/// </summary>
public interface IOverrideHistory
{
    Task<IReadOnlyList<OverrideEntry>> ForPullRequestAsync(string repository, int number, CancellationToken ct);
}

/// <summary>No override store in this build: no overrides to show.</summary>
public sealed class NoOverrideHistory : IOverrideHistory
{
    public Task<IReadOnlyList<OverrideEntry>> ForPullRequestAsync(string repository, int number, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OverrideEntry>>([]);
}
