using System.Data.Common;

namespace PrReviewBot.Storage;

/// <summary>
/// Rows the SQLite and PostgreSQL stores read the same way: both schemas store the same columns with the same types
/// (times as Unix milliseconds, flags as 0/1), so one reader serves both.
/// </summary>
internal static class StoredRows
{
    internal const string PullRequestSelect =
        """
        SELECT repository, number, installation_id, base_ref, head_sha, is_optimization, conclusion, verdict_json, check_name,
               check_json, check_fingerprint, check_sha, comment_id, comment_fingerprint, evaluated_at
        FROM pull_requests
        """;

    internal static PullRequestRecord ReadPullRequest(DbDataReader r) => new()
    {
        Repository = r.GetString(0),
        Number = r.GetInt32(1),
        InstallationId = NullableLong(r, 2),
        BaseRef = NullableString(r, 3),
        HeadSha = NullableString(r, 4),
        IsOptimization = r.GetInt32(5) == 1,
        Conclusion = NullableString(r, 6),
        VerdictJson = NullableString(r, 7),
        CheckName = NullableString(r, 8),
        CheckJson = NullableString(r, 9),
        CheckFingerprint = NullableString(r, 10),
        CheckSha = NullableString(r, 11),
        CommentId = NullableLong(r, 12),
        CommentFingerprint = NullableString(r, 13),
        EvaluatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(14)),
    };

    internal static DeliveryRecord ReadDelivery(DbDataReader r) => new(r.GetString(0), r.GetString(1), NullableString(r, 2), NullableString(r, 3),
        NullableString(r, 4), ParseState(r.GetString(5)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
        r.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)), NullableString(r, 8), NullableString(r, 9));

    internal static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    internal static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    internal static long? NullableLong(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    internal static int? NullableInt(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    internal static string StateName(DeliveryState s) => s switch
    {
        DeliveryState.Pending => "pending",
        DeliveryState.Done => "done",
        DeliveryState.Ignored => "ignored",
        DeliveryState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    internal static CommandRecord ReadCommand(DbDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7),
        NullableString(r, 8), r.GetInt32(9) == 1, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
        r.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)));

    internal static DeliveryState ParseState(string s) => s switch
    {
        "pending" => DeliveryState.Pending,
        "done" => DeliveryState.Done,
        "ignored" => DeliveryState.Ignored,
        "failed" => DeliveryState.Failed,
        _ => throw new InvalidDataException($"unknown delivery state '{s}'"),
    };

    internal static string KindName(JobKind k) => JobKinds.Name(k);

    internal static JobKind ParseKind(string s) => JobKinds.Parse(s);

    internal static string OverrideActionName(OverrideAction a) => a switch
    {
        OverrideAction.Override => "override",
        OverrideAction.Revoke => "revoke",
        OverrideAction.Skip => "skip",
        _ => throw new ArgumentOutOfRangeException(nameof(a)),
    };

    internal static OverrideAction ParseOverrideAction(string s) => s switch
    {
        "override" => OverrideAction.Override,
        "revoke" => OverrideAction.Revoke,
        "skip" => OverrideAction.Skip,
        _ => throw new InvalidDataException($"unknown override action '{s}'"),
    };
}
