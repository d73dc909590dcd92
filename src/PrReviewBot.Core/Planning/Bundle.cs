namespace PrReviewBot.Core.Planning;

/// <summary>A technique the issue proposes, counted as one change: a ladder step, or a technique the ladder does not cover.</summary>
internal sealed record ProposedUnit(string Name, int? Step);

/// <summary>
/// Which separate changes an issue proposes. Techniques of one ladder step are one change (indexes and batched queries
/// are both "fix the query"; singleflight and a distributed lock are both stampede protection); every other technique
/// is its own change. Circuit breakers and read replicas are resilience and capacity, not optimizations of the request
/// path, so they never make a bundle.
/// </summary>
internal static class Bundle
{
    private static readonly HashSet<string> NotOptimizations = ["circuit breakers", "read replicas / sharding"];

    public static IReadOnlyList<ProposedUnit> Units(IEnumerable<TechniqueMention> techniques)
    {
        var list = techniques.ToList();
        // A step already in place ("Redis cache hit rate 95%") is not proposed again by a question that names it.
        var inPlace = list.Where(t => t.InPlace && t.Firm && t.Step is not null).Select(t => t.Step).ToHashSet();
        var units = new List<ProposedUnit>();
        foreach (var t in list.Where(t => !t.InPlace && !NotOptimizations.Contains(t.Family) && !(t.Step is not null && inPlace.Contains(t.Step))))
        {
            var exists = t.Step is { } step ? units.Any(u => u.Step == step) : units.Any(u => u.Step is null && u.Name == t.Name);
            if (!exists)
            {
                units.Add(new ProposedUnit(t.Name, t.Step));
            }
        }
        return units.OrderBy(u => u.Step ?? 99).ToList();
    }
}
