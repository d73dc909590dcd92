namespace PrReviewBot.Core.Model;

/// <summary>
/// The whole judgement of one PR description: whether it is an optimization PR, the five items, what was
/// extracted from it and the findings. Renderers turn it into the comment, the check and the JSON contract.
/// </summary>
public sealed record Verdict
{
    public required bool IsOptimization { get; init; }

    /// <summary>Why the PR was (or was not) treated as an optimization PR, e.g. "label `performance`".</summary>
    public required string DetectionReason { get; init; }

    public required Conclusion Conclusion { get; init; }

    public required ReviewMode Mode { get; init; }

    /// <summary>The five items in <see cref="ItemKinds.All"/> order.</summary>
    public required IReadOnlyList<ItemResult> Items { get; init; }

    public IReadOnlyList<Target> Targets { get; init; } = [];

    /// <summary>Where the targets are defined: URLs, <c>#123</c>, <c>org/repo#123</c>.</summary>
    public IReadOnlyList<string> ConstraintLinks { get; init; } = [];

    public IReadOnlyList<ProfileArtifact> ProfileArtifacts { get; init; } = [];

    public IReadOnlyList<BottleneckClass> Bottlenecks { get; init; } = [];

    public IReadOnlyList<Measurement> Measurements { get; init; } = [];

    public LoadTestContext? LoadTest { get; init; }

    public IReadOnlyList<RollbackSwitch> Switches { get; init; } = [];

    /// <summary>Flag names, as the JSON contract's <c>flags</c>.</summary>
    public IReadOnlyList<string> Flags => Switches.Select(s => s.Name).ToList();

    public IReadOnlyList<MonitoringReference> Dashboards { get; init; } = [];

    public IReadOnlyList<MonitoringReference> Alerts { get; init; } = [];

    /// <summary>Findings whose severity is not <see cref="Severity.Off"/>, most severe first.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    public ItemResult Item(ItemKind kind) => Items.First(i => i.Kind == kind);

    public IEnumerable<ItemResult> MissingRequired => Items.Where(i => i.Required && !i.Present);
}
