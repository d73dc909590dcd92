using System.Text.Json.Nodes;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Rendering;

namespace PrReviewBot.Core.Tests.Parsing;

/// <summary>The switch flips a process-wide setting, so these tests run alone.</summary>
[CollectionDefinition(nameof(FastPathsTests), DisableParallelization = true)]
public sealed class FastPathsCollection;

[Collection(nameof(FastPathsTests))]
public class FastPathsTests
{
    /// <summary>
    /// The shortcuts change how much work a review does, never its answer: every labelled record, with its own title and
    /// labels, gets the same verdict with <c>PRREVIEWBOT_FAST_PATHS</c> on or off.
    /// </summary>
    public static TheoryData<string> ValidationSets()
    {
        var sets = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "corpus"), "validation-*").Order(StringComparer.Ordinal))
        {
            sets.Add(Path.GetFileName(dir));
        }
        return sets;
    }

    [Theory]
    [MemberData(nameof(ValidationSets))]
    public void OnOrOff_GivesTheSameVerdict(string set)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "corpus", set);
        var records = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "labels.json")))!.AsArray();
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            var id = record!["id"]!.GetValue<string>();
            var labels = (record["labels_text"]?.GetValue<string>() ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var pr = new PullRequestDescription(record["title"]?.GetValue<string>() ?? string.Empty, File.ReadAllText(Path.Combine(dir, id + ".md")), labels);
            Assert.True(Review(pr, fast: false) == Review(pr, fast: true), $"{set}/{id}: the verdict differs with the fast paths on");
        }
    }

    private static string Review(PullRequestDescription pr, bool fast)
    {
        var was = FastPaths.On;
        FastPaths.On = fast;
        try
        {
            return VerdictJson.Serialize(Reviewer.Default.Review(pr, ReviewConfig.Default));
        }
        finally
        {
            FastPaths.On = was;
        }
    }
}
