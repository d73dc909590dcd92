namespace PrReviewBot.Core.Model;

/// <summary>The five validation items every optimization PR description must carry, in the process's order.</summary>
public enum ItemKind
{
    Constraint,
    Profile,
    BeforeAfter,
    Rollback,
    Monitoring,
}

public static class ItemKinds
{
    public static IReadOnlyList<ItemKind> All { get; } =
        [ItemKind.Constraint, ItemKind.Profile, ItemKind.BeforeAfter, ItemKind.Rollback, ItemKind.Monitoring];

    /// <summary>The name used in the JSON contract (see VerdictJson).</summary>
    public static string JsonName(this ItemKind kind) => kind switch
    {
        ItemKind.Constraint => "constraint",
        ItemKind.Profile => "profile",
        ItemKind.BeforeAfter => "beforeAfter",
        ItemKind.Rollback => "rollback",
        ItemKind.Monitoring => "monitoring",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The key used in <c>.github/perf-review.yml</c>.</summary>
    public static string ConfigName(this ItemKind kind) => kind switch
    {
        ItemKind.BeforeAfter => "before_after",
        _ => kind.JsonName(),
    };

    /// <summary>The heading people see in the comment and the check.</summary>
    public static string DisplayName(this ItemKind kind) => kind switch
    {
        ItemKind.Constraint => "Constraint",
        ItemKind.Profile => "Profile evidence",
        ItemKind.BeforeAfter => "Before/after numbers",
        ItemKind.Rollback => "Rollback",
        ItemKind.Monitoring => "Monitoring",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
