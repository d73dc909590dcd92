using System.Buffers;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Findings;

/// <summary>
/// The optimization techniques a PR says it applies (cache, singleflight, serialization change, lock-free code...),
/// read from the sentences that describe the change — not from mentions of what already exists or comes next.
/// </summary>
internal static partial class Techniques
{
    // Each technique: its name, the word stems that must appear before its pattern is worth running, and the pattern.
    private static readonly (string Name, SearchValues<string> Stems, Regex Pattern)[] Catalogue =
    [
        ("cache", Stems("cach", "lru", "lfu", "l1", "l2", "ristretto", "caffeine"), CacheWords()),
        ("singleflight / stampede protection", Stems("singleflight", "single-flight", "stampede", "thundering", "coalesc"), SingleflightWords()),
        ("serialization change", Stems("msgpack", "messagepack", "protobuf", "flatbuffer", "cbor", "avro", "zero", "serializ", "json", "raw bytes"), SerializationWords()),
        ("lock-free / atomic code", Stems("lock", "atomic", "wait-free", "wait free", "cas loop", "compare-and-swap", "compare and swap"), LockFreeWords()),
        ("sharding / lock splitting", Stems("shard", "rwmutex", "striped", "split"), ShardWords()),
        ("query batching / indexes", Stems("n+1", "batch", "eager", "index", "prepared", "= any"), QueryWords()),
        ("parallelism", Stems("parallel", "concurrently", "goroutine", "worker pool", "thread pool", "pipeline"), ParallelWords()),
        ("lazy loading", Stems("lazy", "lazily", "on first use", "on use", "defer"), LazyWords()),
        ("object / buffer pooling", Stems("pool", "arena"), PoolWords()),
        ("compression change", Stems("compress", "gzip", "brotli", "zstd", "lz4", "snappy"), CompressionWords()),
    ];

    private static SearchValues<string> Stems(params string[] stems) => SearchValues.Create(stems, StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Applied(DescriptionDocument document)
    {
        var found = new List<string>();
        foreach (var block in document.Blocks)
        {
            var listItem = block.Role == BlockRole.ListItem;
            foreach (var text in block.PlainSentences)
            {
                if (!Cues.Any(text, Cues.TechniqueWords) || NotThisChange().IsMatch(text) || (!listItem && !ChangeVerb().IsMatch(text)))
                {
                    continue;
                }
                foreach (var (name, stems, pattern) in Catalogue)
                {
                    if (!found.Contains(name) && text.AsSpan().ContainsAny(stems) && pattern.IsMatch(text))
                    {
                        found.Add(name);
                    }
                }
            }
        }
        return found;
    }

    public static bool Mentions(string text, string technique) =>
        Catalogue.First(c => c.Name == technique).Pattern.IsMatch(text);

    [GeneratedRegex(@"\b(?:add(?:s|ed|ing)?|introduc(?:e|es|ed|ing)|implement(?:s|ed|ing)?|switch(?:es|ed|ing)?|replac(?:e|es|ed|ing)|us(?:e|es|ed|ing)|enabl(?:e|es|ed|ing)|mov(?:e|es|ed|ing)|wrap(?:s|ped|ping)?|put(?:s)?|now|new|built|build|convert(?:s|ed|ing)?|chang(?:e|es|ed|ing)|rewr(?:ite|ote|itten)|keep(?:s)?|store[sd]?|this pr)\b|\b(?:change|changes|what):", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeVerb();

    [GeneratedRegex(@"\b(?:already|existing|previous(?:ly)?|prior|next(?: step)?:?|later|follow[- ]?up|future|instead of|rather than|not (?:add|use|need)|no (?:cache|singleflight)|without (?:a )?(?:cache|singleflight)|don't|do not|avoid(?:ed)? (?:adding|a)|removed|before this)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotThisChange();

    // A cache this PR adds: "added an in-process LRU", "Redis cache in front of", "now cache their results", "caching".
    [GeneratedRegex(@"\b(?:add(?:s|ed|ing)?|introduc(?:e|es|ed|ing)|new|implement(?:s|ed|ing)?|put(?:s|ting)?|wrap(?:s|ped)?|us(?:e|es|ed|ing))\b[^.;]{0,40}\b(?:cache|lru|lfu|l1|l2)\b|\bcach(?:es|ed|ing)\b(?!\s+miss)|\bnow cache\b|\b(?:lru|lfu|ristretto|caffeine|l1 cache|l2 cache|in-process cache|redis cache|result cache|two-level cache)\b|\bcache (?:in front|layer|for \w+ (?:reads|lookups|results))\b", RegexOptions.IgnoreCase)]
    private static partial Regex CacheWords();

    [GeneratedRegex(@"\b(?:singleflight|single-flight|stampede|thundering herd|request coalescing|coalesc\w+ concurrent)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SingleflightWords();

    [GeneratedRegex(@"\b(?:msgpack|messagepack|protobuf|flatbuffers?|cbor|avro|zero[- ]?(?:serialization|copy|ser|alloc\w*)|serializ\w+ (?:from|to)|from json to|json to \w+|raw bytes)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SerializationWords();

    [GeneratedRegex(@"\b(?:lock[- ]?free|atomic\.\w+|atomics?|wait[- ]free|cas loop|compare[- ]and[- ]swap)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LockFreeWords();

    [GeneratedRegex(@"\b(?:shard(?:s|ed|ing)?|rwmutex|striped lock|split (?:the )?lock)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShardWords();

    [GeneratedRegex(@"\b(?:n\+1|batch(?:ed|es|ing)? (?:quer\w+|fetch\w*|reads?|lookups?)|eager[- ]?load\w*|(?:add|new|missing) (?:an? )?(?:db |database )?index(?:es)?|covering index|prepared statements?|where \w+ = any)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QueryWords();

    [GeneratedRegex(@"\b(?:parallel(?:ize[sd]?|ise[sd]?|ism|ly)?|concurrently|goroutines?|worker pool|thread pool|channel pipeline|async pipeline)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ParallelWords();

    [GeneratedRegex(@"\b(?:lazy[- ]?(?:load\w*|init\w*)|loaded lazily|load(?:ed)? on (?:first )?use|defer(?:red)? load\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LazyWords();

    [GeneratedRegex(@"\b(?:sync\.pool|object pool|buffer pool|pool(?:ed|ing) (?:buffers?|objects?|connections?)|arena)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PoolWords();

    [GeneratedRegex(@"\b(?:compress(?:ed|ion)?|uncompressed|gzip|brotli|zstd|lz4|snappy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CompressionWords();
}
