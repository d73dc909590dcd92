namespace PrReviewBot.Tests.Cli;

/// <summary>
/// Tests that run whole reviews (a 1 MB description, a child process) run one at a time, not beside each other, so
/// the heavy ones do not pile up on a two-core machine next to the end-to-end tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReviewRunsCollection
{
    public const string Name = "review runs";
}
