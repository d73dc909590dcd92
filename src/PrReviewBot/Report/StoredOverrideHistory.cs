using PrReviewBot.Storage;

namespace PrReviewBot.Report;

/// <summary>The report page's override list, read from the override audit log the commands keep.</summary>
public sealed class StoredOverrideHistory(ICommandStore commands) : IOverrideHistory
{
    /// <summary>The page lists at most this many overrides and revocations, newest first.</summary>
    public const int Shown = 100;

    public async Task<IReadOnlyList<OverrideEntry>> ForPullRequestAsync(string repository, int number, CancellationToken ct)
    {
        var events = await commands.OverrideEventsAsync(repository, number, Shown, ct);
        return events.Select(e => new OverrideEntry(StoredRows.OverrideActionName(e.Action), e.Actor, e.Reason, e.At)).ToList();
    }
}
