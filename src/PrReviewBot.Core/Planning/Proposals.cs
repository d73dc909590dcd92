using System.Text.RegularExpressions;
using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Planning;

/// <summary>A technique the issue names, the ladder step it belongs to (null for tools outside the ladder), and whether
/// it is asked for or already in place. <see cref="Firm"/> marks an in-place mention the issue states outright ("already",
/// "hit rate 95%", "index-only"), as opposed to one read from how a sentence describes running code.</summary>
internal sealed record TechniqueMention(string Name, int? Step, bool InPlace, string Family = "", string Clause = "", bool Firm = false);

/// <summary>
/// Reads which escalation steps an issue asks for ("add a two-level cache with Redis L2 and in-process L1, plus
/// singleflight") and which are already in place ("DB queries optimized (index-only)", "Redis cache hit rate 95%").
/// Denied mentions ("no new Redis", "instead of a cache") count as neither.
/// </summary>
internal static partial class Proposals
{
    public static IReadOnlyList<TechniqueMention> Read(IEnumerable<IssueSentence> sentences)
    {
        var found = new List<TechniqueMention>();
        // "Adds stampede protection to the product endpoints:" followed by a list: each item is part of the proposal.
        var leadInLine = -1;
        foreach (var sentence in sentences)
        {
            var underLeadIn = leadInLine >= 0 && sentence.InList && sentence.Line > leadInLine;
            if (!sentence.InList && sentence.Line != leadInLine)
            {
                leadInLine = -1;
            }
            if (!sentence.InList && sentence.Text.TrimEnd().EndsWith(':') && ProposalCue().IsMatch(sentence.Text))
            {
                leadInLine = sentence.Line;
            }
            if (sentence.In(GateKind.Rollback) || sentence.AboutAlerts)
            {
                // The rollback plan and alert rules talk about the change to come ("alert on L1 hit rate"), not about
                // what runs today or what else to build.
                continue;
            }
            if (!Techniques.AnyIn(sentence.Text) && !StepOneDone().IsMatch(sentence.Text))
            {
                continue;
            }
            var profileFinding = ProfileStatements.IsFinding(sentence);
            foreach (var clause in sentence.Clauses)
            {
                var queryFix = Techniques.All[0];
                var inPlace = !sentence.IsQuestion && StepOneDone().IsMatch(clause) ? [new TechniqueMention(queryFix.Name, 1, true, queryFix.Family, clause, Firm: true)] : new List<TechniqueMention>();
                foreach (var (technique, m) in Techniques.In(clause))
                {
                    var (name, step) = (technique.Name, technique.Step);
                    if (Denied().IsMatch(clause[..m.Index]))
                    {
                        continue;
                    }
                    var proposal = ProposalCue().IsMatch(sentence.Text) || sentence.IsQuestion || sentence.In(GateKind.SimplestSolution) || underLeadIn;
                    // "already", "hit rate" say it exists whatever the context; "runs", "serves" only outside a proposal.
                    var existing = StrongExisting().IsMatch(clause) || (!proposal && (WeakExisting().IsMatch(clause) || profileFinding));
                    if (existing && !StrongProposal().IsMatch(clause) && !sentence.IsQuestion)
                    {
                        if (step is not null)
                        {
                            inPlace.Add(new TechniqueMention(name, step, true, technique.Family, clause, StrongExisting().IsMatch(clause)));
                        }
                    }
                    else if (proposal)
                    {
                        found.Add(new TechniqueMention(name, step, false, technique.Family, clause));
                    }
                }
                found.AddRange(inPlace);
            }
        }
        return found.GroupBy(t => (t.Name, t.InPlace)).Select(g => g.FirstOrDefault(t => t.Firm) ?? g.First()).ToList();
    }

    [GeneratedRegex(@"\b(?:quer(?:y|ies)|db|database|sql)\b[^.;]{0,30}\b(?:already |are |is |fully )?(?:optimi[sz]ed|index-only|indexed|tuned)\b|\bindex-only\b|\bno (?:more )?n\s?\+\s?1\b|\bn\s?\+\s?1\b[^.;]{0,20}\b(?:fixed|gone|removed|resolved)\b|\bindexes (?:are )?(?:already )?in place\b", RegexOptions.IgnoreCase)]
    private static partial Regex StepOneDone();

    [GeneratedRegex(@"\b(?:add|adds|adding|introduce|introduces|introducing|implement|implements|implementing|build|building|design|designing|use|using|switch(?:ing)? to|move to|adopt|adopting|put|want|wants|wanted|need|needs|plan|planning|propose|proposing|proposed|suggest\w*|should|could|shall|would like|going to|let's|consider|considering|thinking|try|trying|evaluate|evaluating|rewrite|replace[sd]?|this (?:pr|change) \w+)\b|\b(?:fix|proposal|suggestion|plan|change|changes):", RegexOptions.IgnoreCase)]
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
