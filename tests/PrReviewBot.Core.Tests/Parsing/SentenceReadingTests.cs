using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Tests.Parsing;

public class SentenceReadingTests
{
    [Fact]
    public void OneTextGetsOneReading_SharedByEveryoneWhoAsks()
    {
        var document = DescriptionDocument.Parse("Set `search.fast_merge = false` and the old merge runs again.");
        var sentence = document.Blocks[0].Sentences[0];

        Assert.Same(document.Read(sentence), document.Read(sentence));
        Assert.Equal("= false", document.Read(sentence).DisableInstruction);
    }

    [Fact]
    public void WithSharingOff_EachQuestionGetsAFreshReading()
    {
        var document = DescriptionDocument.Parse("Turn the `pool.reuse` flag off to go back to one allocation per call.");
        document.ShareReadings = false;
        var sentence = document.Blocks[0].Sentences[0];

        Assert.NotSame(document.Read(sentence), document.Read(sentence));
        Assert.NotNull(document.Read(sentence).DisableInstruction);
    }

    [Theory]
    [InlineData("Leave the option out and requests take the old path, as before.", true, true)]
    [InlineData("The cache is off by default.", false, false)]
    // A statement about the off state, not an instruction to turn it off.
    [InlineData("When the flag is off, lookups go straight to the database.", false, true)]
    [InlineData("We measured 40 ms at p95 with the new index.", false, false)]
    public void Facts_AreTheCuesOfTurningAChangeOff(string text, bool disables, bool behaviour)
    {
        var reading = DescriptionDocument.Parse(text).Read(text);

        Assert.Equal(disables, reading.DisableInstruction is not null);
        Assert.Equal(behaviour, reading.HasBehaviour || reading.IsBehaviourStatement);
    }

    /// <summary>The switch changes how often a fact is worked out, never what it is: every labelled record reads the same.</summary>
    [Theory]
    [InlineData("validation-1")]
    [InlineData("validation-2")]
    [InlineData("validation-3")]
    public void SharingOnOrOff_GivesTheSameItems(string set)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "corpus", set);
        foreach (var file in Directory.GetFiles(dir, "*.md").Where(f => Path.GetFileName(f) is not ("README.md" or "FIRST-CONTACT.md")))
        {
            var pr = new PullRequestDescription("perf: change", File.ReadAllText(file), []);
            Assert.Equal(Items(pr, share: false), Items(pr, share: true));
        }
    }

    private static string Items(PullRequestDescription pr, bool share)
    {
        var document = DescriptionDocument.Parse(pr.Body);
        document.ShareReadings = share;
        var context = Reviewer.Default.JudgeItems(pr, document, ReviewConfig.Default);
        return string.Join("\n", ItemKinds.All.Select(k => context.Results[k]).Select(r => $"{r.Kind} {r.Status} {string.Join(" | ", r.Evidence)} {string.Join(" | ", r.Messages)}"));
    }
}
