using System.Collections.Frozen;

namespace PrReviewBot.Storage;

/// <summary>
/// The one name of each <see cref="JobKind"/>: stored in the <c>jobs</c> table and used as the metrics label. The
/// handler of a kind says which kind it handles (<c>IJobHandler.Kind</c>); nothing else maps kinds.
/// </summary>
public static class JobKinds
{
    private static readonly FrozenDictionary<JobKind, string> Names = new Dictionary<JobKind, string>
    {
        [JobKind.PullRequest] = "pull_request",
        [JobKind.MergeGroup] = "merge_group",
        [JobKind.Commit] = "commit",
        [JobKind.Issue] = "issue",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, JobKind> ByName = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IEnumerable<JobKind> All => Names.Keys;

    public static string Name(JobKind kind) =>
        Names.TryGetValue(kind, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(kind), kind, "a job kind without a name");

    public static JobKind Parse(string name) =>
        ByName.TryGetValue(name, out var kind) ? kind : throw new InvalidDataException($"unknown job kind '{name}'");
}
