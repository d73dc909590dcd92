using System.Buffers;
using System.Text.RegularExpressions;

namespace PrReviewBot.Core.Vocabulary;

/// <summary>
/// One optimization technique: its name, the family a PR finding calls it by, the escalation-ladder step it belongs to
/// (null when the ladder does not cover it: parallelism, front-end assets, a rewrite...), and how it is written.
/// </summary>
internal sealed record Technique(string Name, string Family, int? Step, string[] Words, Regex Pattern)
{
    public SearchValues<string> Stems { get; } = SearchValues.Create(Words, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the text names this technique. The stems are a cheap first look before the pattern runs.</summary>
    public bool IsIn(string text) => text.AsSpan().ContainsAny(Stems) && Pattern.IsMatch(text);

    public Match Find(string text) => text.AsSpan().ContainsAny(Stems) ? Pattern.Match(text) : Match.Empty;
}

/// <summary>
/// The one catalogue of optimization techniques. PR review (which techniques a change applies, for the bundling and
/// cache findings), gate mode (which ladder step an issue proposes) and plan mode (push-back on bundling) all read
/// techniques from here, so "a two-level cache with singleflight" names the same techniques in a PR and in an issue.
/// </summary>
internal static partial class Techniques
{
    /// <summary>
    /// How a title names the technique it applies ("Batch avatar lookups", "Precompute bitmaps", "Store results in
    /// statics"): broader than the ladder catalogue below, and only a signal when numbers or a profile back it.
    /// </summary>
    public const string TitleWords =
        "batch(?:es|ed|ing)?|cach(?:e|es|ed|ing)|precompute[sd]?|precalcul\\w+|memoi[sz]e[sd]?|shard(?:s|ed|ing)?|paralleli[sz]e[sd]?|vectori[sz]e[sd]?|simd|inline[sd]?|lazy|lazily|pool(?:s|ed|ing)?|reuse[sd]?|avoid(?:s|ed)?|skip(?:s|ped)?|without the|instancing|index(?:es)?|prefetch\\w*|stream(?:s|ed|ing)?|fast-[\\w-]+|by default|once|statics?|btree|b-tree|o\\(1\\)|in place|in-place|zero[- ]copy|stop(?:s|ped)? \\w+ing|no longer \\w+s?|react\\.memo|usememo|usecallback|" +
        // draw calls merged through a texture atlas; Nagle's algorithm turned off for small writes
        "(?:sprite|texture|glyph|image) ?atlas(?:es)?|atlas(?:es)?|sprite ?sheets?|tcp[_ -]?nodelay|nagle(?:'s)?(?: algorithm)?";

    public static IReadOnlyList<Technique> All { get; } =
    [
        new("query fix (batching, indexes)", "query batching / indexes", 1,
            Stems("n+1", "n +1", "batch", "eager", "index", "prepared", "= any", "select_related", "prefetch", "selectinload", "joinedload",
                "join", "bulk", "analyze", "autovacuum", "statistics", "timeout", "connection pool", "dataloader", "lazyload", "per-row", "one query"),
            QueryFix()),
        new("in-process L1 cache", "cache", 3,
            Stems("l1", "in-process", "in process", "in-memory", "in memory", "local cache", "near cache", "per-process", "per process",
                "per-worker", "per worker", "inside each worker", "lru", "lfu", "ristretto", "caffeine", "memorycache", "two-level", "two level"),
            LocalCache()),
        new("Redis / shared cache (L2)", "cache", 2,
            Stems("redis", "memcache", "valkey", "elasticache", "l2", "cach", "cdn"),
            SharedCache()),
        new("singleflight / stampede protection", "singleflight / stampede protection", 4,
            Stems("singleflight", "single-flight", "single flight", "stampede", "thundering", "coalesc", "dog", "distributed lock", "redis mutex", "redis lock"),
            Singleflight()),
        new("early refresh (stale-while-revalidate)", "cache refresh", null,
            Stems("early", "revalidat", "refresh-ahead", "refresh ahead", "xfetch", "background refresh"),
            EarlyRefresh()),
        new("zero-serialization", "serialization change", 5,
            Stems("msgpack", "messagepack", "protobuf", "flatbuffer", "cbor", "avro", "zero", "serializ", "marshal", "json", "raw bytes"),
            Serialization()),
        new("lock-free / atomic code", "lock-free / atomic code", 6,
            Stems("lock", "atomic", "wait-free", "wait free", "cas loop", "compare-and-swap", "compare and swap", "contention", "mutex", "pool", "arena", "shard", "rwmutex", "striped"),
            LockFree()),
        new("parallelism", "parallelism", null,
            Stems("parallel", "concurrently", "worker pool", "thread pool", "pipeline"),
            Parallelism()),
        new("lazy loading", "lazy loading", null,
            Stems("lazy", "lazily", "on first use", "on use", "defer", "code-split", "code split", "dynamic import"),
            LazyLoading()),
        new("front-end asset optimization", "front-end assets", null,
            Stems("preload", "critical css", "inline critical", "image", "avif", "webp", "minif", "tree-shak", "tree shak", "font"),
            FrontEndAssets()),
        new("compression change", "compression change", null,
            Stems("compress", "gzip", "brotli", "zstd", "lz4", "snappy"),
            Compression()),
        new("algorithm change", "algorithm change", null,
            Stems("o(", "algorithm", "bfs", "dfs", "fixed-point", "fixed point"),
            Algorithm()),
        new("rewrite in another language", "rewrite", null,
            Stems("rewrit", "port"),
            Rewrite()),
        new("write buffering", "write buffering", null,
            Stems("buffer"),
            WriteBuffering()),
        new("circuit breakers", "circuit breakers", null,
            Stems("circuit", "breaker"),
            CircuitBreakers()),
        new("read replicas / sharding", "read replicas / sharding", null,
            Stems("replica", "shard", "cqrs", "horizontal"),
            Scaling()),
    ];

    public static Technique Named(string name) => All.First(t => t.Name == name);

    /// <summary>
    /// The techniques a clause names. A plain "cache" is the ladder's shared cache unless the clause says the cache is
    /// in-process, and a "Redis mutex" is stampede protection, not a Redis cache.
    /// </summary>
    public static IEnumerable<(Technique Technique, Match Match)> In(string clause)
    {
        var local = false;
        foreach (var technique in All)
        {
            var m = technique.Find(clause);
            if (!m.Success)
            {
                continue;
            }
            if (technique.Step == 3)
            {
                local = true;
            }
            if (technique.Step == 2 && (local && !ExplicitSharedCache().IsMatch(clause) || LockNotCache().IsMatch(clause) && !CacheWord().IsMatch(clause)))
            {
                continue;
            }
            yield return (technique, m);
        }
    }

    /// <summary>Stems of every technique, for a cheap "does this sentence name any technique?" look.</summary>
    public static SearchValues<string> AnyStem { get; } = SearchValues.Create(
        All.SelectMany(t => t.Words).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase);

    public static bool AnyIn(string text) => text.AsSpan().ContainsAny(AnyStem);

    private static string[] Stems(params string[] stems) => stems;

    [GeneratedRegex(@"\b(?:(?:fix(?:es|ed|ing)?|remov(?:e|es|ed|ing)|eliminat(?:e|es|ed|ing)|avoid(?:s|ed|ing)?|kill(?:s|ed)?) (?:the |an? |these |those )?(?:n\s?\+\s?1|quer(?:y|ies))|batch(?:ed|es|ing)? (?:the )?(?:quer\w+|fetch\w*|reads?|lookups?|loads?|inserts?)|in batches|eager(?:ly)?[- ]?load\w*|load\w* (?:\w+ )?eagerly|select_related|prefetch_related|selectinload|joinedload|lazyload\(|bulk_create|bulk (?:insert|load)\w*|(?:add|adding|added|missing|new|create[ds]?|creating|rebuil[dt]|rebuilding|composite|covering|partial) (?:an? |the )?(?:\w+ )?(?:db |database |composite |covering |partial )?index(?:es)?\b|index(?:es)? on\b|index every column|prepared statements?|query timeouts?|connection pool\w*|where \w+ = any|dataloader|(?:one|a single) join(?:ed)? query|join instead|analyze\b|autovacuum|planner statistics)", RegexOptions.IgnoreCase)]
    private static partial Regex QueryFix();

    [GeneratedRegex(@"\b(?:l1(?: cache)?|in[- ]process(?: lru| lfu)?(?: \w+)? cache|per[- ]process l1|in[- ]memory cache|local (?:memory )?cache|near cache|process[- ]local cache|per[- ](?:worker|process) cache|cache \w+(?: \w+)? inside each worker|lru(?: cache)?|lfu(?: cache)?|ristretto|caffeine|golang-lru|memorycache|two[- ]level cache)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LocalCache();

    [GeneratedRegex(@"\b(?:redis(?! (?:mutex|lock))|memcached?|valkey|elasticache|l2(?: cache)?|(?:shared|distributed|external|remote|response|page|cdn) cache|cdn|read[- ]through|two[- ]level cache|cach(?:e|es|ing)|cached)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SharedCache();

    [GeneratedRegex(@"\b(?:redis|memcached?|valkey|elasticache|l2|(?:shared|distributed|external|remote) cache|two[- ]level cache)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitSharedCache();

    [GeneratedRegex(@"\b(?:mutex|lock)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LockNotCache();

    [GeneratedRegex(@"\bcach(?:e|es|ing|ed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CacheWord();

    [GeneratedRegex(@"\b(?:single[- ]?flight|stampede(?: protection)?|thundering[- ]herd(?: protection)?|request coalescing|coalesc\w+ concurrent \w+|dog[- ]?pile protection|distributed lock|redis (?:mutex|lock))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Singleflight();

    [GeneratedRegex(@"\b(?:(?:probabilistic )?early (?:re)?(?:computation|recomputation|refresh|expiration)|xfetch|stale[- ]while[- ]revalidate|refresh[- ]ahead|background (?:refresh|revalidation))\b", RegexOptions.IgnoreCase)]
    private static partial Regex EarlyRefresh();

    [GeneratedRegex(@"\b(?:zero[- ]?(?:serialization|serialisation|ser|copy|alloc\w*)(?: reads?)?|msgpack|messagepack|protobuf|flatbuffers?|cbor|avro|serializ\w+ (?:from|to)|from json to|json to \w+|raw bytes|skip(?:ping)? (?:json )?(?:marshal\w*|serializ\w*))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Serialization();

    [GeneratedRegex(@"\b(?:lock[- ]?free|wait[- ]free|atomics?|atomic\.\w+|atomic (?:\w+ )?counters?|compare[- ]and[- ]swap|cas loops?|sync\.pool|object pool(?:ing|s)?|buffer pool(?:ing|s)?|(?:fixed[- ]length|bounded) (?:\w+ )?pool|pool(?:ed|ing) (?:buffers?|objects?)|arena|shard(?:ed|ing)? (?:the )?(?:\w+ )?(?:locks?|mutex\w*|map)|rwmutex|striped locks?|split (?:the )?lock|reduce (?:the )?(?:lock )?contention)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LockFree();

    [GeneratedRegex(@"\b(?:parallel(?:ize[sd]?|ise[sd]?|ism|ly)?|in parallel|concurrently|worker pool|thread pool|channel pipeline|async pipeline)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Parallelism();

    [GeneratedRegex(@"\b(?:lazy[- ]?(?:load\w*|init\w*)(?! the)|loaded lazily|load(?:ed)? on (?:first )?use|defer(?:red)? load\w*|code[- ]splitting|split (?:it |the bundle )?into (?:smaller )?chunks|dynamic imports?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LazyLoading();

    [GeneratedRegex(@"\b(?:preload(?:ing)? (?:\w+ )?fonts?|(?:inline|inlining) critical css|critical css|image optimi[sz]ation|optimi[sz]e (?:the )?images|avif|webp|minif(?:y|ication)|tree[- ]shak\w+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrontEndAssets();

    [GeneratedRegex(@"\b(?:compress(?:ed|ion)?|uncompressed|gzip|brotli|zstd|lz4|snappy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Compression();

    [GeneratedRegex(@"(?:\bo\([^)]{1,12}\) (?:\w+ )?(?:bfs|dfs|algorithm|pass|loop|search|walk)|\b(?:bfs|dfs) instead of\b|\binstead of the (?:fixed[- ]point|nested|quadratic) loop|\b(?:new|better|different) algorithm\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Algorithm();

    [GeneratedRegex(@"\b(?:rewrit(?:e|ing|ten)|port(?:ing|ed)?) (?:(?:of )?(?:the|this|it|our)? ?(?:\w+ )?(?:service|server|library|code|app|it|this)? ?)?(?:in|to|into) (?:go|golang|rust|c\+\+|zig|java|kotlin|c#|typescript)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Rewrite();

    [GeneratedRegex(@"\b(?:replaced by buffering|write buffering|buffer(?:s|ed)? (?:the )?writes|a buffer (?:now )?controls)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WriteBuffering();

    [GeneratedRegex(@"\bcircuit[- ]breakers?\b", RegexOptions.IgnoreCase)]
    private static partial Regex CircuitBreakers();

    [GeneratedRegex(@"\b(?:read replicas?|shard(?:ing|s)?|cqrs|horizontal(?:ly)? scal\w+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Scaling();
}
