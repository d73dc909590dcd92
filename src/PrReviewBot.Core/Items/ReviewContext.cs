using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Items;

/// <summary>
/// Everything one review knows: the parsed description, the PR's title, labels and files, the config, and what each
/// item judge extracted. Items fill it in; finding rules read it.
/// </summary>
internal sealed class ReviewContext
{
    public ReviewContext(PullRequestDescription pr, DescriptionDocument document, ReviewConfig config)
    {
        Pr = pr;
        Document = document;
        Config = config;
    }

    public PullRequestDescription Pr { get; }

    public DescriptionDocument Document { get; }

    public ReviewConfig Config { get; }

    public Dictionary<ItemKind, ItemResult> Results { get; } = [];

    public List<Target> Targets { get; } = [];

    public List<string> ConstraintLinks { get; } = [];

    public List<ProfileArtifact> ProfileArtifacts { get; } = [];

    public List<BottleneckClass> Bottlenecks { get; } = [];

    public List<Measurement> Measurements { get; } = [];

    public LoadTestContext? LoadTest { get; set; }

    /// <summary>True when the numbers come only from microbenchmarks (benchstat, ns/op), not from a load test.</summary>
    public bool MicrobenchmarkOnly { get; set; }

    public List<RollbackSwitch> Switches { get; } = [];

    public List<MonitoringReference> Dashboards { get; } = [];

    public List<MonitoringReference> Alerts { get; } = [];

    private IReadOnlyList<string>? _techniques;

    /// <summary>The optimization techniques the description says this PR applies (read once, used by several rules).</summary>
    public IReadOnlyList<string> Techniques => _techniques ??= Findings.Techniques.Applied(Document);

    public bool Present(ItemKind kind) => Results.TryGetValue(kind, out var r) && r.Present;

    public void Set(ItemKind kind, bool present, IEnumerable<string> messages, IEnumerable<string> evidence)
    {
        Results[kind] = new ItemResult(
            kind,
            present ? ItemStatus.Pass : ItemStatus.Fail,
            Config.Item(kind).Required,
            present ? [] : messages.Distinct().ToList(),
            evidence.Distinct().Take(8).ToList());
    }
}

/// <summary>Judges one of the five items: decides present or missing, says specifically what is missing, extracts its data.</summary>
internal interface IItemJudge
{
    ItemKind Kind { get; }

    void Judge(ReviewContext context);
}
