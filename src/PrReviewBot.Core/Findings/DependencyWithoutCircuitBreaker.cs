using System.Text.RegularExpressions;
using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Findings;

/// <summary>A new external dependency (Redis, a queue, a remote service) without a circuit breaker.</summary>
internal sealed partial class DependencyWithoutCircuitBreaker : IFindingRule
{
    public string Id => FindingIds.DependencyWithoutCircuitBreaker;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        var prose = context.Document.AllPlainSentences.Where(s => Cues.Any(s, Cues.DependencyWords)).ToList();
        if (prose.Any(s => Breaker().IsMatch(s)))
        {
            yield break;
        }
        var dependency = prose.Select(s => NewDependency().Match(s)).FirstOrDefault(m => m.Success);
        if (dependency is null)
        {
            yield break;
        }
        var name = dependency.Groups["dep"].Value;
        yield return FindingFactory.Make(Id,
            $"The change adds a dependency on {name} but says nothing about a circuit breaker.",
            "Gate 5 asks for a circuit breaker around every new external dependency: when it is slow or down, requests must fail fast or fall back instead of piling up.",
            $"\"Calls to {name} go through a circuit breaker (opens after 50% failures in 10 s, half-opens after 30 s); when open, reads fall back to the database.\"");
    }

    // The shared resilience vocabulary: "a Polly policy that opens after 5 failures" is a breaker here as in gate mode.
    [GeneratedRegex(@"\b(?:" + Vocabulary.Resilience.CircuitBreakers + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex Breaker();

    [GeneratedRegex(@"\b(?:add(?:s|ed|ing)?|introduc(?:e|es|ed|ing)|new|in front of|switch(?:es|ed)? to|mov(?:e|es|ed) to|backed by|through)\b[^.;]{0,40}?\b(?<dep>redis|memcached?|kafka|rabbitmq|nats|sqs|pub/?sub|elasticsearch|opensearch|dynamodb|cassandra|an? external (?:service|api)|a third[- ]party (?:service|api)|a remote cache|clickhouse)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NewDependency();
}
