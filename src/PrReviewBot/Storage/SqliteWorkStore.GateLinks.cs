using Microsoft.Data.Sqlite;
using static PrReviewBot.Storage.StoredRows;

namespace PrReviewBot.Storage;

/// <summary>Which PRs link which gate issues, in SQLite (migration 4).</summary>
public sealed partial class SqliteWorkStore
{
    public Task LinkPullRequestAsync(string repository, int pullRequest, IReadOnlyCollection<int> issues, DateTimeOffset at, CancellationToken ct) =>
        WithConnection(async c =>
        {
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(ct);
            var linked = new HashSet<int>();
            await using (var cmd = Command(c, "SELECT issue FROM gate_links WHERE repository = $r AND pull_request = $pr", tx,
                             ("$r", repository), ("$pr", pullRequest)))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    linked.Add(r.GetInt32(0));
                }
            }
            foreach (var gone in linked.Except(issues))
            {
                await Exec(c, "DELETE FROM gate_links WHERE repository = $r AND issue = $i AND pull_request = $pr", ct, tx,
                    ("$r", repository), ("$i", gone), ("$pr", pullRequest));
            }
            foreach (var added in issues.Distinct().Except(linked))
            {
                await Exec(c, "INSERT INTO gate_links (repository, issue, pull_request, linked_at) VALUES ($r, $i, $pr, $at) ON CONFLICT DO NOTHING", ct, tx,
                    ("$r", repository), ("$i", added), ("$pr", pullRequest), ("$at", Ms(at)));
            }
            await tx.CommitAsync(ct);
            return 0;
        }, ct);

    public Task<IReadOnlyList<int>> LinkingPullRequestsAsync(string repository, int issue, CancellationToken ct) => WithConnection(async c =>
    {
        await using var cmd = Command(c, "SELECT pull_request FROM gate_links WHERE repository = $r AND issue = $i ORDER BY pull_request", null,
            ("$r", repository), ("$i", issue));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<int>();
        while (await r.ReadAsync(ct))
        {
            list.Add(r.GetInt32(0));
        }
        return (IReadOnlyList<int>)list;
    }, ct);
}
