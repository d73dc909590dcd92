using static PrReviewBot.Storage.StoredRows;

namespace PrReviewBot.Storage;

/// <summary>Which PRs link which gate issues, in PostgreSQL (migration 4, as in SQLite).</summary>
public sealed partial class PostgresWorkStore
{
    public async Task LinkPullRequestAsync(string repository, int pullRequest, IReadOnlyCollection<int> issues, DateTimeOffset at, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var linked = new HashSet<int>();
        await using (var cmd = Command(c, "SELECT issue FROM gate_links WHERE repository = @r AND pull_request = @pr", tx,
                         P("r", repository), P("pr", pullRequest)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                linked.Add(r.GetInt32(0));
            }
        }
        foreach (var gone in linked.Except(issues))
        {
            await Exec(c, "DELETE FROM gate_links WHERE repository = @r AND issue = @i AND pull_request = @pr", ct, tx,
                P("r", repository), P("i", gone), P("pr", pullRequest));
        }
        foreach (var added in issues.Distinct().Except(linked))
        {
            await Exec(c, "INSERT INTO gate_links (repository, issue, pull_request, linked_at) VALUES (@r, @i, @pr, @at) ON CONFLICT DO NOTHING", ct, tx,
                P("r", repository), P("i", added), P("pr", pullRequest), P("at", Ms(at)));
        }
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<int>> LinkingPullRequestsAsync(string repository, int issue, CancellationToken ct)
    {
        await using var c = await _data.OpenConnectionAsync(ct);
        await using var cmd = Command(c, "SELECT pull_request FROM gate_links WHERE repository = @r AND issue = @i ORDER BY pull_request", null,
            P("r", repository), P("i", issue));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<int>();
        while (await r.ReadAsync(ct))
        {
            list.Add(r.GetInt32(0));
        }
        return list;
    }
}
