namespace PrReviewBot.Core.Planning;

/// <summary>One step of the escalation ladder: when it applies, what to do, what proves it insufficient, how to undo it.</summary>
public sealed record LadderStep(
    int Number,
    string Name,
    string When,
    IReadOnlyList<string> Actions,
    string MetricProofToEscalate,
    string Rollback,
    string TypicalThroughput,
    string Complexity,
    string FlagSuffix,
    string WhenDisabled);

/// <summary>
/// The escalation ladder of the process (escalation-ladder.md): start at step 1 and move up only when the current step
/// is insufficient AND metrics prove it. The actual trigger is always the profile, not the traffic number.
/// </summary>
public static class EscalationLadder
{
    public static IReadOnlyList<LadderStep> Steps { get; } =
    [
        new(1, "Fix the query",
            "Database queries appear in the profile as the dominant cost.",
            [
                "Add missing indexes and verify each with EXPLAIN (look for index-only scans, no sequential scans on the hot path).",
                "Replace N+1 fetch loops with one batched query (`WHERE id = ANY($1)`) or a join.",
                "Use prepared statements for hot-path queries.",
                "Add a strict query timeout on the hot path (e.g. 50 ms) with a fallback to stale data or a 503.",
                "Enable connection pooling with a bounded pool size.",
            ],
            "Queries are already optimized (index-only scans, no N+1) but the latency target is still not met. Show the EXPLAIN output and the query latency histogram.",
            "Indexes can be dropped; prepared statements can be reverted; the timeout fallback sits behind a feature flag.",
            "0–2K RPS", "Low", "batched_query",
            "The previous queries run again; added indexes can stay (or be dropped) without affecting correctness."),
        new(2, "Add a single-layer cache (Redis)",
            "Repeated reads of the same data dominate the profile, and the data tolerates staleness.",
            [
                "Cache the hot-path query results in Redis with a TTL.",
                "Add TTL jitter (base TTL ± 10%) so entries do not expire together.",
                "Define the key format up front (e.g. `item:{id}`, `feed:{user_id}:{bucket}`).",
                "Invalidate on write for critical fields only (event-driven, not TTL-only).",
                "Add cache hit-rate metrics from day one.",
            ],
            "Cache hit rate is high (>90%) but the Redis round-trip (typically 1–3 ms) still accounts for a significant part of p99. Show the hit rate and the Redis latency histogram.",
            "A feature flag bypasses the cache and reads directly from the database.",
            "2K–10K RPS", "Low–Medium", "redis_cache",
            "Reads bypass the cache and go straight to the database; only latency and database load change."),
        new(3, "Add an in-process L1 cache",
            "The Redis round-trip is the bottleneck despite a high hit rate; access is read-heavy with predictable hot keys.",
            [
                "Add an in-process LRU or LFU cache as L1 in front of Redis (e.g. Ristretto, golang-lru, Caffeine, MemoryCache with a size limit).",
                "Keep the L1 TTL short (seconds) or invalidate through pub/sub, so replicas do not serve stale data for long.",
                "Size L1 to fit the memory budget (Gate 1): bound it by entries or bytes and cache only the hot keys, not everything.",
                "Prevent stale write-back: reader nodes must not write L1 values back to Redis.",
                "Export L1 hit and miss rates next to the Redis hit rate.",
            ],
            "L1 hit rate is high but p99 still misses the target on the cache-miss path. Show the L1 hit rate, the miss rate and the latency breakdown of cache-miss requests.",
            "A feature flag disables L1 (all reads go to Redis). L1 is purely additive: disabling it only affects latency, not correctness.",
            "10K–50K RPS", "Medium", "l1_cache",
            "All reads go to Redis as before; only latency changes, not correctness."),
        new(4, "Add stampede protection (singleflight)",
            "A cache miss causes a thundering herd: many concurrent requests for the same expired key all hit the database.",
            [
                "Add a per-key singleflight group in-process, so concurrent fetches of one key within an instance share one database call.",
                "Optionally add a distributed lock with a short lease (e.g. 2 s) for deduplication across instances.",
                "Let the first requester fetch from the database while the others wait on its result.",
                "Populate the cache asynchronously, but make sure the first requester still meets p99.",
            ],
            "Singleflight resolves the stampede, but CPU is now the bottleneck (not I/O). Show a CPU flamegraph with marshal/unmarshal dominating.",
            "A feature flag disables singleflight (requests go directly to the cache/database). Singleflight is purely additive.",
            "10K–50K RPS", "Low", "singleflight",
            "Concurrent misses go directly to the cache/database again, without deduplication."),
        new(5, "Zero-serialization read path",
            "The flamegraph shows more than 10% of CPU in JSON marshal/unmarshal on the hot path, and the response format matches the storage format.",
            [
                "Pre-process data at write time or on pub/sub receive (parse once).",
                "Store raw bytes in the L1 cache and serve them directly to the HTTP response.",
                "Use callback hooks (e.g. `OnSetLocalCache`) to shape the cache entry per use case.",
                "Stop re-marshaling on every request.",
            ],
            "CPU is still the bottleneck despite zero-serialization. Show a flamegraph with the remaining hot spots (lock contention, allocation pressure).",
            "A feature flag falls back to the standard marshal/unmarshal path.",
            "50K–100K+ RPS", "Medium", "zero_serialization",
            "Responses go through the standard marshal/unmarshal path again."),
        new(6, "Lock-free patterns and advanced concurrency",
            "Mutex contention or allocation pressure appears in the profile, and the throughput target is above 10K req/s per instance.",
            [
                "Replace mutex-guarded counters with atomic increments.",
                "Use atomic references for lock-free reads of shared data.",
                "Pool objects on high-allocation hot paths (only when GC pressure is confirmed).",
                "Batch counter updates to reduce atomic contention at extreme throughput.",
                "Move heavy work off the hot path with channel-based asynchronous processing.",
            ],
            "This is the last step. If targets are still not met, revisit the architecture (horizontal scaling, read replicas, CQRS).",
            "Each pattern sits behind its own feature flag or in its own module.",
            "50K–100K+ RPS", "High", "lock_free",
            "The mutex-guarded code path runs again."),
    ];

    /// <summary>How people ask for a step: "I think we need an L1 cache".</summary>
    public static string ShortName(int number) => number switch
    {
        1 => "a query fix",
        2 => "a Redis cache",
        3 => "an L1 cache",
        4 => "singleflight",
        5 => "zero-serialization",
        6 => "lock-free code",
        _ => throw new ArgumentOutOfRangeException(nameof(number), number, "The ladder has steps 1 to 6."),
    };

    public static LadderStep Step(int number) =>
        number is >= 1 and <= 6 ? Steps[number - 1] : throw new ArgumentOutOfRangeException(nameof(number), number, "The ladder has steps 1 to 6.");
}
