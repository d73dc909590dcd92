namespace PrReviewBot.Core.Vocabulary;

/// <summary>
/// What counts as a circuit breaker: the words, and the libraries whose policies are breakers. "A Polly policy that opens
/// after 5 failures" is a breaker in a PR, an issue and a plan alike.
/// </summary>
internal static class Resilience
{
    public const string CircuitBreakers =
        "circuit[- ]?breakers?|breakers?|bulkheads?|polly|resilience4j|hystrix|gobreaker|sony/gobreaker|opossum|pybreaker|" +
        "failsafe|semian|envoy outlier detection|outlier detection|istio circuit breaking|circuit breaking|" +
        "fail[- ]fast policy|trips? (?:open )?after \\d+|opens? after \\d+ (?:failures|errors|timeouts)";

    /// <summary>External dependencies a change may bring in.</summary>
    public const string Dependencies =
        "redis|valkey|memcached?|kafka|rabbitmq|nats|sqs|sns|pub/?sub|elasticsearch|opensearch|dynamodb|cassandra|scylla|" +
        "clickhouse|mongodb|an? external (?:service|api)|a third[- ]party (?:service|api)|a remote cache|a new (?:service|microservice)";
}
