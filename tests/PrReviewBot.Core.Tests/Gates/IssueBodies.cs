namespace PrReviewBot.Core.Tests.Gates;

/// <summary>
/// Optimization issues written the way engineers file them, one group per scenario of the process's evals.json
/// (1: "make it faster", 2: the bundled cache request, 3: the N+1 with numbers, 5: the new low-traffic service,
/// 6: everything answered, L1 next). Each scenario has the eval's own wording and at least two realistic variants.
/// </summary>
internal static class IssueBodies
{
    // Eval 1 ---------------------------------------------------------------------------------------------------

    public const string Eval1Prompt = "Make my Go API faster. It's handling blog posts and feels slow.";

    public const string Eval1Casual = """
        Our Go API serves the blog (post list, single post, comments). Since the redesign people say the site feels slow,
        especially the front page. Can we speed it up? Maybe add some caching in front of Postgres?

        Thanks!
        """;

    public const string Eval1EmptyTemplate = """
        ## Hard targets
        <!-- Fill in the Gate 1 table: latency, throughput, error budget, CPU, memory, infra constraint -->
        TBD

        ## Hot path
        <!-- Which endpoints account for >80% of traffic? -->

        ## Profile
        N/A

        ## Proposed change
        Make the blog API faster.

        ## Rollback plan
        TBD
        """;

    // Eval 2 ---------------------------------------------------------------------------------------------------

    public const string Eval2Prompt =
        "We need to add a two-level cache with Redis L2 and in-process L1, plus singleflight for stampede protection, and zero-serialization reads to our user feed endpoint.";

    public const string Eval2Proposal = """
        The user feed should feel instant. Proposal, the way the big players do it:

        ## Proposal
        - L2: Redis in front of Postgres, 60 s TTL
        - L1: in-process LRU (ristretto) in front of Redis
        - singleflight around the DB fetch so a cold key is fetched once
        - serve raw bytes straight from L1 (zero-serialization), no JSON marshal per request

        I'd like to ship all of it in one PR next sprint.
        """;

    // Eval 3 ---------------------------------------------------------------------------------------------------

    public const string Eval3Prompt =
        "Our API handles 2,500 RPS. p95 is 240ms, target is under 80ms. Profiling shows 60% of p99 time is in database queries (N+1 pattern in feed endpoint). The feed endpoint accounts for 88% of traffic. We need to fix this.";

    public const string Eval3Template = """
        ### Targets
        | Constraint | Target | Current |
        |---|---|---|
        | Latency | p95 < 80ms | 240ms p95 |
        | Throughput | 2,500 RPS sustained | 2,500 RPS |
        | Error budget | < 0.1% | 0.05% |
        | CPU | TBD | |

        ### Hot path
        `GET /api/v1/feed` is 88% of requests (nginx access logs, last 7 days).
        p50/p95/p99: 45/240/410 ms.

        ### Profile
        Flamegraph from 10 minutes of production traffic: https://pyroscope.internal.example.com/explore?query=feed-api.cpu

        60% of p99 wall time is spent in `postsRepo.Get`: one query per post (N+1), 50 posts → 51 queries.
        """;

    public const string Eval3Apm = """
        **Problem:** the feed is too slow for the new mobile app.

        We need p95 under 80 ms (today it is 240ms) at our current load of ~2,500 req/s.
        The feed endpoint accounts for 88% of all API traffic.

        We looked at Datadog APM traces for /feed: the span breakdown shows 60% of p99 in Postgres, one SELECT per post
        — the classic N+1 pattern.

        How should we fix this?
        """;

    // Eval 5 ---------------------------------------------------------------------------------------------------

    public const string Eval5Prompt =
        "We're building a new microservice for product catalog. Expected traffic is around 200 RPS initially, growing to maybe 1,000 RPS in 6 months. Should we design it with L1+L2 cache, singleflight, and circuit breakers from the start?";

    public const string Eval5Design = """
        ## Context
        New product-catalog service (Go, Postgres), split out of the monolith. It is not in production yet.

        ## Expected load
        Around 200 RPS at launch, maybe 1,000 RPS within 6 months.

        ## Question
        Should we build in L1 + L2 caching, singleflight and circuit breakers from day one, so we don't have to retrofit
        them later?
        """;

    // Eval 6 ---------------------------------------------------------------------------------------------------

    public const string Eval6Prompt =
        "Our product listing endpoint handles 15K RPS (85% of traffic). Target: p99 < 50ms. Current p99 is 120ms. Profiling shows: DB queries optimized (index-only, 8ms), Redis cache hit rate 95% but Redis GET is 3ms and accounts for 70% of remaining p99. We already have feature flags and load test scripts. Should we add L1 in-process cache?";

    public const string Eval6Gates = """
        ## Gate 1: Hard targets
        - Latency: p99 < 50ms for GET /products (currently 120ms)
        - Throughput: 15K RPS sustained
        - Memory: L1 may use at most 512 MB per pod (pods have 4 GB; steady state is 55%)
        - Infra: no new paid infrastructure

        ## Gate 2: Hot path
        `GET /products` is 85% of traffic. p50/p95/p99: 18/64/120 ms.
        Product data can be up to 30 seconds stale. The read/write ratio is about 200:1.

        ## Gate 3: Profile
        Trace: https://jaeger.example.com/trace/4bf92f3577b34da6a3ce929d0e0e4736

        DB queries are optimized (index-only, 8ms). Redis cache hit rate is 95%, but the Redis GET (3ms) accounts for 70% of the remaining p99.

        ## Gate 4: Simplest sufficient solution
        Step 3 of the ladder: add an in-process L1 cache in front of Redis.

        ## Gate 5: Rollback plan
        Feature flag `products_l1_cache` (LaunchDarkly); turning it off sends all reads to Redis as today.
        k6 load-test script in `loadtest/products.js`, 10 minutes at 15K RPS.
        Alert rules on p99 > 50ms and on L1 hit rate < 80%.
        """;
}
