using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

/// <summary>Goals without the usual comparator: a limit "of" a value in other languages, "an hour", "the aim of".</summary>
public class ConstraintGoalFormsTests
{
    [Theory]
    // German "limit of"
    [InlineData("Fixes #812: der Container hat ein Limit von 512MiB und wird ständig beendet.", "<", 512.0, "MiB")]
    // an article as one unit of time, after a word that approximates or bounds it, with the aim as the goal
    [InlineData("This batches the writes, with the aim of bringing the nightly export down to about an hour. Closes #451", "<", 1.0, "h")]
    [InlineData("The report has to finish in roughly a minute on the smallest plan (#451).", "<", 1.0, "min")]
    // bringing a cost down to a value, as what should happen
    [InlineData("Saving a draft takes about 900 ms today. We need to bring the save time down to ~150 ms. Closes #77", "<=", 150.0, "ms")]
    [InlineData("**Goal**\nCold start back down to 80 ms. Fixes #88", "<=", 80.0, "ms")]
    // a limit written after its value, an adjective allowed between them
    [InlineData("We keep brushing against the 2 GB memory limit of the runner (#64), so the fixtures are streamed now.", "<=", 2.0, "GB")]
    // a bound the change is done for, in its purpose clause
    [InlineData("Fixes #5. The parser is now built once, so the editor gets back under 300 ms on open.", "<", 300.0, "ms")]
    public void GoalsWithoutAComparatorWord_AreTargets(string body, string comparator, double value, string unit)
    {
        var verdict = Review.Of(body);
        var target = Assert.Single(verdict.Targets);
        Assert.Equal((comparator, value, unit), (target.Comparator, target.Value, target.Unit));
        Assert.True(verdict.Item(ItemKind.Constraint).Present, string.Join(" | ", verdict.Item(ItemKind.Constraint).Messages));
    }

    [Theory]
    // a rate: "once a minute" is not one minute
    [InlineData("The poller wakes once a minute with the aim of keeping the cache warm (#9).")]
    // what a task is expected to cost is not a goal
    [InlineData("On a normal laptop a query like this should take about 40 ms; here it takes 9 s. See #12.")]
    // a result: brought down to a value, or under a bound, with no goal word
    [InlineData("This brings the cold start down to 1.2 s on the test phone (#9).")]
    [InlineData("With the cache the editor opens in under 300 ms (#9).")]
    public void RatesAndExpectations_AreNotTargets(string body) =>
        Assert.Empty(Review.Of(body).Targets);
}
