using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Config;

/// <summary>
/// Everything <c>.github/perf-review.yml</c> can set. <see cref="Default"/> is the zero-configuration behaviour;
/// a file only overrides what it names.
/// </summary>
public sealed record ReviewConfig
{
    public static ReviewConfig Default { get; } = new();

    public DetectionConfig Detection { get; init; } = new();

    /// <summary>The check run name (or commit status context). Branch protection requires it by this name.</summary>
    public string CheckName { get; init; } = "perf-review";

    public ReviewMode Mode { get; init; } = ReviewMode.Enforce;

    public IReadOnlyDictionary<ItemKind, ItemConfig> Items { get; init; } =
        ItemKinds.All.ToDictionary(k => k, _ => new ItemConfig());

    /// <summary>Severity per finding rule id (see <see cref="FindingIds"/>).</summary>
    public IReadOnlyDictionary<string, Severity> Findings { get; init; } = FindingIds.DefaultSeverities;

    public CommentConfig Comment { get; init; } = new();

    public OverrideConfig Overrides { get; init; } = new();

    public GateConfig Gates { get; init; } = new();

    public ItemConfig Item(ItemKind kind) => Items.TryGetValue(kind, out var c) ? c : new ItemConfig();

    public Severity SeverityOf(string rule) =>
        Findings.TryGetValue(rule, out var s) ? s
        : FindingIds.DefaultSeverities.TryGetValue(rule, out var d) ? d
        : Severity.Warning;
}

/// <summary>Which PRs are optimization PRs.</summary>
public sealed record DetectionConfig
{
    public IReadOnlyList<string> Labels { get; init; } = ["performance", "perf", "optimization"];

    public IReadOnlyList<string> TitlePrefixes { get; init; } = ["perf:", "perf("];

    /// <summary>A body using at least this many of the five item headings is an optimization PR. 0 disables the rule.</summary>
    public int MinItemHeadings { get; init; } = 2;

    /// <summary>
    /// Also treat a PR as an optimization PR when its content says so: the title claims a speed-up or less work
    /// ("Reduce allocations in…", "Speed up…"), or the body does, backed by before/after numbers or a profile.
    /// </summary>
    public bool Infer { get; init; } = true;

    /// <summary>A label that takes a PR out of review whatever else it says. Empty turns the opt-out off.</summary>
    public string OptOutLabel { get; init; } = "not-optimization";
}

public sealed record ItemConfig
{
    public bool Required { get; init; } = true;

    /// <summary>before_after only: a load test shorter than this is reported (the process asks for 60 s sustained).</summary>
    public int MinDurationSeconds { get; init; } = 60;
}

public enum CommentPolicy
{
    /// <summary>Create the comment only when something is missing; always keep an existing one up to date.</summary>
    Missing,

    /// <summary>Comment on every optimization PR.</summary>
    Always,

    /// <summary>Never comment; the check carries everything.</summary>
    Never,
}

public sealed record CommentConfig
{
    public CommentPolicy When { get; init; } = CommentPolicy.Missing;
}

/// <summary>Who may <c>/perf-review override</c> and <c>revoke</c>.</summary>
public sealed record OverrideConfig
{
    /// <summary>Lowest repository permission that may override: <c>write</c>, <c>maintain</c> or <c>admin</c>.</summary>
    public string MinPermission { get; init; } = "write";

    /// <summary>Team slugs (<c>org/team</c> or <c>team</c>) whose members may override regardless of permission.</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];
}

/// <summary>Gate mode on issues.</summary>
public sealed record GateConfig
{
    public IReadOnlyList<string> Labels { get; init; } = ["performance", "perf", "optimization"];

    public string SatisfiedLabel { get; init; } = "perf-gates: satisfied";

    public string IncompleteLabel { get; init; } = "perf-gates: incomplete";
}
