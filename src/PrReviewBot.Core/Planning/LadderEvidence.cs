using System.Globalization;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Planning;

/// <summary>
/// Which ladder step the profile points at, and the clauses that say so. Null <see cref="Step"/> with an
/// <see cref="OutsideLadder"/> reason when the bottleneck is real but no ladder step addresses it (a hot function in a
/// CPU profile, a slow upstream).
/// </summary>
internal sealed record LadderPick(int? Step, IReadOnlyList<string> Evidence, string? OutsideLadder, IReadOnlyList<string> Cautions)
{
    public static LadderPick None { get; } = new(null, [], null, []);
}

/// <summary>
/// Reads the profile findings clause by clause and applies the ladder's "When" conditions in the order the ladder
/// gives them weight: a stampede on cache miss, a dominant cache round-trip with a high hit rate, CPU in
/// serialization, lock contention or allocation pressure, then database queries — with the steps already in place
/// taken into account ("DB queries optimized (index-only)" means step 1 is done).
/// </summary>
internal static partial class LadderEvidence
{
    public static LadderPick Pick(IReadOnlyList<string> findings, IssueReading reading)
    {
        var clauses = findings.SelectMany(Clauses.Of).ToList();
        var inPlace = reading.StepsInPlace;
        var cautions = new List<string>();

        var stampede = clauses.Where(c => Stampede().IsMatch(c)).ToList();
        if (stampede.Count > 0)
        {
            if (!inPlace.Contains(2) && !inPlace.Contains(3))
            {
                cautions.Add("Singleflight protects a cache from a stampede on miss; the issue names no cache in place yet.");
            }
            return new LadderPick(4, stampede, null, cautions);
        }

        // "Redis hit rate is 97%, but the GET round trip is 60% of p99": the cache is named in one clause and its round
        // trip's share in the next, so the cache may come from anywhere in the same sentence.
        var roundTrip = findings.SelectMany(f => Clauses.Of(f).Where(c => (CacheTerm().IsMatch(c) || CacheTerm().IsMatch(f)) && RoundTrip().IsMatch(c) && Dominance().IsMatch(c) && !CacheMiss().IsMatch(c) && !CacheMiss().IsMatch(f))).ToList();
        if (roundTrip.Count > 0 && !inPlace.Contains(3))
        {
            var hit = reading.CacheHitRatePercent;
            if (hit is < 90)
            {
                cautions.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The cache hit rate is {hit:0.#}%, below the ladder's >90% for step 3: raise the hit rate first (key design, TTL), or L1 will mostly miss too."));
            }
            var evidence = roundTrip.ToList();
            if (hit is not null)
            {
                evidence.Insert(0, string.Create(CultureInfo.InvariantCulture, $"cache hit rate {hit:0.#}%"));
            }
            return new LadderPick(3, evidence, null, cautions);
        }

        var serialization = clauses.Where(c => Serialization().IsMatch(c) && (Dominance().IsMatch(c) || CpuWord().IsMatch(c))).ToList();
        if (serialization.Count > 0)
        {
            if (!inPlace.Contains(3))
            {
                cautions.Add("Zero-serialization serves raw bytes from the L1 cache; without an L1 in place, first remove the marshal work on the hot path where it is cheapest.");
            }
            return new LadderPick(5, serialization, null, cautions);
        }

        var contention = clauses.Where(c => Contention().IsMatch(c) || (Allocation().IsMatch(c) && Dominance().IsMatch(c))).ToList();
        if (contention.Count > 0)
        {
            if (reading.PeakRate is { } rate && rate.Value < 10_000)
            {
                cautions.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The ladder reserves step 6 for throughput above 10K req/s per instance; at {rate.Value:#,0} {rate.Unit} first shorten the critical section or remove the allocation the profile shows."));
            }
            return new LadderPick(6, contention, null, cautions);
        }

        var database = clauses.Where(c => Database().IsMatch(c) && (Dominance().IsMatch(c) || NPlusOne().IsMatch(c) || MissingIndex().IsMatch(c)) && !DatabaseFixed().IsMatch(c)).ToList();
        if (database.Count > 0 && !inPlace.Contains(1))
        {
            return new LadderPick(1, database, null, cautions);
        }

        var repeatedReads = clauses.Where(c => RepeatedReads().IsMatch(c) || (Database().IsMatch(c) && Dominance().IsMatch(c))).ToList();
        if (inPlace.Contains(1) && repeatedReads.Count > 0 && !inPlace.Contains(2))
        {
            return new LadderPick(2, repeatedReads, null, cautions);
        }

        var external = clauses.Where(c => External().IsMatch(c) && Dominance().IsMatch(c)).ToList();
        if (external.Count > 0)
        {
            return new LadderPick(null, external,
                "The profile points at an external dependency. The ladder's cache steps help only if the same reads repeat and tolerate staleness; otherwise set a strict timeout with a fallback and a circuit breaker, and take the numbers to the dependency's owners.",
                cautions);
        }

        if (reading.Bottlenecks.Contains(BottleneckClass.Io) || database.Count > 0)
        {
            if (inPlace.Contains(1) && !inPlace.Contains(2))
            {
                return new LadderPick(2, findings.Take(2).ToList(), null, cautions);
            }
            if (!inPlace.Contains(1))
            {
                return new LadderPick(1, findings.Where(f => Database().IsMatch(f) || IoWord().IsMatch(f)).DefaultIfEmpty(findings.FirstOrDefault() ?? string.Empty).Where(f => f.Length > 0).Take(2).ToList(), null, cautions);
            }
        }

        if (reading.Bottlenecks.Contains(BottleneckClass.Contention))
        {
            if (reading.PeakRate is { } peak && peak.Value < 10_000)
            {
                cautions.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The ladder reserves step 6 for throughput above 10K req/s per instance; at {peak.Value:#,0} {peak.Unit} first shorten the critical section the lock profile shows."));
            }
            return new LadderPick(6, findings.Take(2).ToList(), null, cautions);
        }
        if (reading.Bottlenecks.Contains(BottleneckClass.ExternalDependency))
        {
            return new LadderPick(null, findings.Take(2).ToList(),
                "The profile points at an external dependency. The ladder's cache steps help only if the same reads repeat and tolerate staleness; otherwise set a strict timeout with a fallback and a circuit breaker, and take the numbers to the dependency's owners.",
                cautions);
        }
        if (reading.Bottlenecks.Contains(BottleneckClass.Cpu))
        {
            return new LadderPick(null, findings.Take(2).ToList(),
                "The profile points at CPU in the application's own code, which no cache step addresses: fix the hot function the flamegraph shows (algorithm, needless work), and keep caches out of it.",
                cautions);
        }
        if (reading.Bottlenecks.Contains(BottleneckClass.Memory))
        {
            return new LadderPick(null, findings.Take(2).ToList(),
                "The profile points at memory pressure: remove the allocations the heap profile shows on the hot path first; pooling (step 6) only once GC pressure is confirmed and the allocation cannot be avoided.",
                cautions);
        }
        return LadderPick.None;
    }

    /// <summary>The cache hit rate stated anywhere in the issue ("hit rate 95%", "95% cache hit rate").</summary>
    public static double? HitRate(IEnumerable<string> sentences)
    {
        foreach (var sentence in sentences)
        {
            var m = HitRatePattern().Match(sentence);
            if (m.Success && double.TryParse(m.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 100)
            {
                return v;
            }
        }
        return null;
    }

    [GeneratedRegex(@"\d{1,3}(?:\.\d+)?\s?%|\b(?:dominat\w*|majority|most of|bottleneck|spen[dt]|accounts? for|hot ?spots?|biggest|largest|main cost|the cost|n\s?\+\s?1|slow(?:est)?|blocked|waiting)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Dominance();

    [GeneratedRegex(@"\b(?:db|database|sql|quer(?:y|ies)|postgres\w*|mysql|orm|select|n\s?\+\s?1|joins?|mongo\w*|dynamo\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Database();

    [GeneratedRegex(@"\b(?:optimi[sz]ed|index-only|already indexed|fast|fine|not the (?:problem|bottleneck|issue)|negligible)\b|\bno (?:more )?n\s?\+\s?1\b", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseFixed();

    [GeneratedRegex(@"\bn\s?\+\s?1\b|\bn plus one\b|\bone (?:query|select|call|round[- ]trip|request) per\b|\bquery per (?:item|row|post|request|record)\b|\bper[- ](?:item|row|post) quer\w*", RegexOptions.IgnoreCase)]
    private static partial Regex NPlusOne();

    [GeneratedRegex(@"\bseq(?:uential)? scans?\b|\bfull (?:table )?scans?\b|\bmissing index\w*\b|\bno index\b|\bunindexed\b", RegexOptions.IgnoreCase)]
    private static partial Regex MissingIndex();

    [GeneratedRegex(@"\b(?:redis|memcached?|valkey|cache|l2)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CacheTerm();

    [GeneratedRegex(@"\b(?:get|gets|mget|round[- ]?trips?|network|latency|calls?|lookups?|hops?)\b|\d+(?:\.\d+)?\s?ms\b", RegexOptions.IgnoreCase)]
    private static partial Regex RoundTrip();

    [GeneratedRegex(@"\bcache miss(?:es)?\b|\bmiss path\b", RegexOptions.IgnoreCase)]
    private static partial Regex CacheMiss();

    [GeneratedRegex(@"\b(?:stampede|thundering[- ]herd|dog[- ]?pile|cache miss (?:storms?|spikes?|bursts?)|concurrent (?:requests|misses|fetches) for the same key|same (?:expired )?key)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Stampede();

    [GeneratedRegex(@"\b(?:json|marshal\w*|unmarshal\w*|seriali[sz]\w*|deseriali[sz]\w*|encoding|decoding|protobuf)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Serialization();

    [GeneratedRegex(@"\bcpu\b|\bflame ?graph\b", RegexOptions.IgnoreCase)]
    private static partial Regex CpuWord();

    [GeneratedRegex(@"\b(?:mutex\w*|lock contention|contended|contention|lock profile|block profile|blocked on (?:a |the )?(?:lock|mutex))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Contention();

    [GeneratedRegex(@"\b(?:gc|garbage collect\w*|allocation\w*|allocs?|heap (?:growth|pressure)|oom)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Allocation();

    [GeneratedRegex(@"\b(?:repeated(?:ly)? reads?|same (?:rows?|data|items?|keys?) (?:is |are )?(?:read|fetched|loaded)|read(?:s)? the same|hot keys?|re-?reads?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RepeatedReads();

    [GeneratedRegex(@"\b(?:upstream|downstream|third[- ]party|external (?:api|service|call|dependency)|vendor|partner api|payment provider|remote (?:api|service))\b", RegexOptions.IgnoreCase)]
    private static partial Regex External();

    [GeneratedRegex(@"\b(?:i/o|io|network|disk|blocked|wait\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IoWord();

    [GeneratedRegex(@"hit[- ]?(?:rate|ratio)\D{0,15}?(?<n>\d{1,3}(?:\.\d+)?)\s?%|(?<n>\d{1,3}(?:\.\d+)?)\s?%\s+(?:cache\s+)?hit[- ]?(?:rate|ratio)", RegexOptions.IgnoreCase)]
    private static partial Regex HitRatePattern();
}
