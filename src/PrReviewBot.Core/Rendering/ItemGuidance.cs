using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Rendering;

/// <summary>
/// For each of the five items: why the process asks for it and a short example that satisfies it, in the words of the
/// process (SKILL.md "Validation Requirements", its five gates, and quality-gates.md). One entry per item, so the
/// comment, the check and any page say the same thing.
/// </summary>
public sealed record ItemGuidance(ItemKind Kind, string Asks, string Why, string Example)
{
    public static ItemGuidance For(ItemKind kind) => kind switch
    {
        ItemKind.Constraint => Constraint,
        ItemKind.Profile => Profile,
        ItemKind.BeforeAfter => BeforeAfter,
        ItemKind.Rollback => Rollback,
        ItemKind.Monitoring => Monitoring,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static readonly ItemGuidance Constraint = new(
        ItemKind.Constraint,
        "The constraint this PR addresses: a measurable target and a link to where it is defined.",
        "Without a hard target there is no way to know when the work is done or whether it helped (Gate 1). " +
        "The target needs a metric, a comparator, a number and a unit (p95 < 80 ms, 2,500 RPS, < 0.1% errors, CPU < 65%), " +
        "and a link to the issue or document that set it, so reviewers can see the PR serves a real requirement.",
        """
        ## Constraint
        Feed p95 latency < 80 ms at 2,500 RPS sustained (target set in #412).
        """);

    private static readonly ItemGuidance Profile = new(
        ItemKind.Profile,
        "Profile evidence: a flamegraph, trace or profiler output that shows the bottleneck this PR removes.",
        "Intuition about bottlenecks is wrong about 80% of the time (Gate 3). A profile shows where the time really " +
        "goes and what kind of bottleneck it is (CPU, I/O, memory, contention, external dependency), so the change " +
        "targets the hot path rather than a guess.",
        """
        ## Profile
        CPU flamegraph of `GET /feed` at 2,500 RPS: https://pyroscope.example.com/flamegraph/feed-cpu
        `FeedRepository.LoadItems` spends 62% of wall time waiting on one query per item: I/O bound (N+1 queries).
        """);

    private static readonly ItemGuidance BeforeAfter = new(
        ItemKind.BeforeAfter,
        "Before/after numbers from a load test matching production cardinality and payload sizes.",
        "\"Works on my machine\" is not proof (quality gate: load test proof). A load test of at least 60 s sustained, " +
        "on production-like data, with p50/p95/p99 latency, throughput and error rate before and after, shows the " +
        "improvement is real and that nothing else got worse.",
        """
        ## Before/after
        k6, 5 min sustained at 2,500 RPS, production-sized dataset (2M items):

        | metric      | before | after  |
        |-------------|--------|--------|
        | p50 latency | 95 ms  | 31 ms  |
        | p95 latency | 240 ms | 78 ms  |
        | p99 latency | 410 ms | 150 ms |
        | throughput  | 2,500 RPS | 2,500 RPS |
        | error rate  | 0.05%  | 0.04%  |
        """);

    private static readonly ItemGuidance Rollback = new(
        ItemKind.Rollback,
        "The rollback mechanism: the feature flag's name, how to disable it, and what happens when it is off.",
        "Every optimization must be independently reversible without a redeploy (Gate 5). If it regresses in " +
        "production, whoever is on call must know which switch to flip, how, and what behaviour to expect after.",
        """
        ## Rollback
        Flag `feed_batch_query`. To disable: set it to `false` in the flag service (takes effect within 30 s, no deploy).
        When disabled: the feed loads items one query at a time, exactly as before this PR.
        """);

    private static readonly ItemGuidance Monitoring = new(
        ItemKind.Monitoring,
        "Dashboard and alert updates proving the improvement is monitored.",
        "A target without a dashboard is a wish, and without alerts a regression goes unnoticed (Gate 1, Gate 5). " +
        "Link the dashboard that shows the optimized metric and the alert rule that fires on a regression " +
        "(p99 breach, error-rate spike, cache hit-rate drop).",
        """
        ## Monitoring
        Dashboard: https://grafana.example.com/d/feed-latency (panel "feed p95/p99").
        Alert: `FeedLatencyP99High` in `deploy/alerts/feed.yml` fires when p99 > 180 ms for 5 min.
        """);

    // Declared after the entries: static fields initialise in order, so this must come last.
    public static IReadOnlyList<ItemGuidance> All { get; } = ItemKinds.All.Select(For).ToList();
}
