using System.Text.RegularExpressions;
using PrReviewBot.Core.Gates;

namespace PrReviewBot.Core.Planning;

/// <summary>A technique the issue names, the ladder step it belongs to (null for tools outside the ladder), and whether
/// it is asked for or already in place.</summary>
internal sealed record TechniqueMention(string Name, int? Step, bool InPlace);

/// <summary>
/// Reads which escalation steps an issue asks for ("add a two-level cache with Redis L2 and in-process L1, plus
/// singleflight") and which are already in place ("DB queries optimized (index-only)", "Redis cache hit rate 95%").
/// Denied mentions ("no new Redis", "instead of a cache") count as neither.
/// </summary>
internal static partial class Proposals
{
    private static readonly (string Name, int? Step, Regex Pattern)[] Catalogue =
    [
        ("query fix (batching, indexes)", 1, QueryFix()),
        ("Redis / shared cache (L2)", 2, SharedCache()),
        ("in-process L1 cache", 3, LocalCache()),
        ("singleflight / stampede protection", 4, Singleflight()),
        ("zero-serialization", 5, ZeroSerialization()),
        ("lock-free / atomic code", 6, LockFree()),
        ("circuit breakers", null, CircuitBreakers()),
        ("read replicas / sharding", null, Scaling()),
    ];

    public static IReadOnlyList<TechniqueMention> Read(IEnumerable<IssueSentence> sentences)
    {
        var found = new List<TechniqueMention>();
        foreach (var sentence in sentences)
        {
            if (sentence.In(GateKind.Rollback) || sentence.AboutAlerts)
            {
                // The rollback plan and alert rules talk about the change to come ("alert on L1 hit rate"), not about
                // what runs today or what else to build.
                continue;
            }
            if (!AnyTechnique().IsMatch(sentence.Text) && !StepOneDone().IsMatch(sentence.Text))
            {
                continue;
            }
            var profileFinding = ProfileStatements.IsFinding(sentence);
            foreach (var clause in sentence.Clauses)
            {
                var inPlace = !sentence.IsQuestion && StepOneDone().IsMatch(clause) ? [new TechniqueMention(Catalogue[0].Name, 1, true)] : new List<TechniqueMention>();
                foreach (var (name, step, pattern) in Catalogue)
                {
                    var m = pattern.Match(clause);
                    if (!m.Success || Denied().IsMatch(clause[..m.Index]))
                    {
                        continue;
                    }
                    var proposal = ProposalCue().IsMatch(sentence.Text) || sentence.IsQuestion || sentence.In(GateKind.SimplestSolution);
                    // "already", "hit rate" say it exists whatever the context; "runs", "serves" only outside a proposal.
                    var existing = StrongExisting().IsMatch(clause) || (!proposal && (WeakExisting().IsMatch(clause) || profileFinding));
                    if (step == 2 && LocalCache().IsMatch(clause) && !SharedCacheExplicit().IsMatch(clause))
                    {
                        // "in-process cache" is L1, not a Redis layer.
                        continue;
                    }
                    if (existing && !StrongProposal().IsMatch(clause) && !sentence.IsQuestion)
                    {
                        if (step is not null)
                        {
                            inPlace.Add(new TechniqueMention(name, step, true));
                        }
                    }
                    else if (proposal)
                    {
                        found.Add(new TechniqueMention(name, step, false));
                    }
                }
                found.AddRange(inPlace);
            }
        }
        return found.DistinctBy(t => (t.Name, t.InPlace)).ToList();
    }

    [GeneratedRegex(@"\b(?:fix(?:ing)? (?:the )?(?:n\s?\+\s?1|quer(?:y|ies))|batch(?:ed|ing)? (?:the )?(?:quer(?:y|ies)|fetch\w*|reads?|lookups?|loads?)|(?:add|adding|missing|new|create|creating) (?:an? |the )?(?:db |database |composite |covering )?index(?:es)?|eager[- ]?load\w*|prepared statements?|query timeouts?|connection pool\w*|where \w+ = any|dataloader|join instead)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QueryFix();

    [GeneratedRegex(@"\b(?:redis|memcached?|valkey|elasticache|l2(?: cache)?|(?:shared|distributed|external|remote) cache|two[- ]level cache|cach(?:e|es|ing)|cached)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SharedCache();

    [GeneratedRegex(@"\b(?:redis|memcached?|valkey|elasticache|l2|(?:shared|distributed|external|remote) cache|two[- ]level cache)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SharedCacheExplicit();

    [GeneratedRegex(@"\b(?:l1(?: cache)?|in[- ]process(?: lru| lfu)? cache|in[- ]memory cache|local cache|near cache|process[- ]local cache|lru(?: cache)?|lfu(?: cache)?|ristretto|caffeine|golang-lru|memorycache|two[- ]level cache)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LocalCache();

    [GeneratedRegex(@"\b(?:singleflight|single[- ]flight|stampede(?: protection)?|thundering[- ]herd protection|request coalescing|dog[- ]?pile protection)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Singleflight();

    [GeneratedRegex(@"\b(?:zero[- ]?(?:serialization|serialisation|ser|copy)(?: reads?)?|msgpack|messagepack|protobuf|flatbuffers?|raw bytes|skip(?:ping)? (?:json )?(?:marshal\w*|serializ\w*))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ZeroSerialization();

    [GeneratedRegex(@"\b(?:lock[- ]?free|wait[- ]free|atomics?|atomic\.\w+|compare[- ]and[- ]swap|cas loops?|sync\.pool|object pool(?:ing|s)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LockFree();

    // A cheap first look: does the sentence name any technique at all?
    [GeneratedRegex(@"\b(?:fix|batch\w*|index\w*|eager|prepared|query timeouts?|connection pool\w*|where|dataloader|join|redis|memcached?|valkey|elasticache|l[12]|cach\w*|two[- ]level|in[- ]process|in[- ]memory|local|near|process[- ]local|lru|lfu|ristretto|caffeine|golang-lru|memorycache|single[- ]?flight|stampede|thundering|request coalescing|dog[- ]?pile|zero[- ]?\w+|msgpack|messagepack|protobuf|flatbuffers?|raw bytes|skip\w*|lock[- ]?free|wait[- ]free|atomic\w*|compare[- ]and[- ]swap|cas|sync\.pool|object pool\w*|circuit[- ]breakers?|read replicas?|shard\w*|cqrs|horizontal\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnyTechnique();

    [GeneratedRegex(@"\bcircuit[- ]breakers?\b", RegexOptions.IgnoreCase)]
    private static partial Regex CircuitBreakers();

    [GeneratedRegex(@"\b(?:read replicas?|shard(?:ing|s)?|cqrs|horizontal(?:ly)? scal\w+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Scaling();

    [GeneratedRegex(@"\b(?:quer(?:y|ies)|db|database|sql)\b[^.;]{0,30}\b(?:already |are |is |fully )?(?:optimi[sz]ed|index-only|indexed|tuned)\b|\bindex-only\b|\bno (?:more )?n\s?\+\s?1\b|\bn\s?\+\s?1\b[^.;]{0,20}\b(?:fixed|gone|removed|resolved)\b|\bindexes (?:are )?(?:already )?in place\b", RegexOptions.IgnoreCase)]
    private static partial Regex StepOneDone();

    [GeneratedRegex(@"\b(?:add|adding|introduce|introducing|implement|implementing|build|building|design|designing|use|using|switch(?:ing)? to|move to|adopt|adopting|put|want|wants|wanted|need|needs|plan|planning|propose|proposing|proposed|suggest\w*|should|could|shall|would like|going to|let's|consider|considering|thinking|try|trying|evaluate|evaluating)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProposalCue();

    [GeneratedRegex(@"\b(?:add|adding|introduce|introducing|implement|implementing|should we|could we|shall we|want to|need to|would like|going to|propose|proposing|let's|plan to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StrongProposal();

    [GeneratedRegex(@"\b(?:already|existing|currently|we have|we've got|in place|today|hit[- ]?(?:rate|ratio)|is deployed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StrongExisting();

    [GeneratedRegex(@"\b(?:current|have an?|deployed|behind|runs?|running|serves?|served)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeakExisting();

    [GeneratedRegex(@"\b(?:no|not|don't|do not|doesn't|without|avoid\w*|instead of|rather than|never|skip|against|no new)\b[^.;]{0,25}$", RegexOptions.IgnoreCase)]
    private static partial Regex Denied();
}
