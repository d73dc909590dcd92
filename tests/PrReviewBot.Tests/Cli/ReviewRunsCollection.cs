namespace PrReviewBot.Tests.Cli;

/// <summary>
/// Tests that run whole reviews (a 1 MB description, a child process) run one at a time, not beside each other:
/// the review engine bounds its regular expressions with wall-clock timeouts, and on a loaded two-core machine
/// parallel reviews starve each other into those timeouts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReviewRunsCollection
{
    public const string Name = "review runs";
}
