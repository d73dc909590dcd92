using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Detection;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Tests.Parsing;

/// <summary>
/// The cue patterns asked in parts (so the JIT optimizes their matchers) give the match the whole pattern gives: same
/// place, same text, on every title, sentence, paragraph and code line of every labelled record.
/// </summary>
public class AlternationTests
{
    public static TheoryData<string> Splits() => ["DisableVerb", "NotOptimizationWords", "TitleOnlyClaim", "DecreaseCost", "Claim", "LessWork"];

    private static (Regex Whole, Regex[] Parts) Split(string name) => name switch
    {
        "DisableVerb" => (SwitchCues.DisableVerb(), [SwitchCues.DisableVerbTurnOff(), SwitchCues.DisableVerbLeaveOut()]),
        "NotOptimizationWords" => (OptimizationDetector.NotOptimizationWords(),
            [OptimizationDetector.NotOptimizationAddsTooling(), OptimizationDetector.NotOptimizationBudgetsAndTools(), OptimizationDetector.NotOptimizationToolChanges(),
             OptimizationDetector.NotOptimizationOther(), OptimizationDetector.NotOptimizationForeign()]),
        "TitleOnlyClaim" => (OptimizationDetector.TitleOnlyClaim(),
            [OptimizationDetector.TitleOnlyClaimWords(), OptimizationDetector.TitleOnlyClaimBounds(), OptimizationDetector.TitleOnlyClaimLimits(), OptimizationDetector.TitleOnlyClaimBuild()]),
        "DecreaseCost" => (OptimizationDetector.DecreaseCost(), [OptimizationDetector.DecreaseCostEnglish(), OptimizationDetector.DecreaseCostForeign()]),
        "Claim" => (OptimizationDetector.Claim(), [OptimizationDetector.ClaimWords(), OptimizationDetector.ClaimResults(), OptimizationDetector.ClaimForeign()]),
        _ => (OptimizationDetector.LessWork(), [OptimizationDetector.LessWorkSaved(), OptimizationDetector.LessWorkAvoided()]),
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Parts_MatchAsTheWhole_OnEveryCorpusText(string name)
    {
        var (whole, parts) = Split(name);
        Assert.True(parts.All(p => p.Options == whole.Options), "the parts take the whole pattern's options");
        var texts = CorpusTexts().ToList();
        Assert.True(texts.Count > 10_000, $"only {texts.Count} texts");
        var matched = 0;
        foreach (var text in texts)
        {
            var expected = whole.Match(text);
            var actual = Alternation.Match(text, parts);
            Assert.True(expected.Success == actual.Success && expected.Index == actual.Index && expected.Value == actual.Value,
                $"{name} on \"{text}\": whole {expected.Success} {expected.Index} \"{expected.Value}\", parts {actual.Success} {actual.Index} \"{actual.Value}\"");
            Assert.Equal(whole.IsMatch(text), Alternation.IsMatch(text, parts));
            matched += expected.Success ? 1 : 0;
        }
        Assert.True(matched > 0, $"{name} matched nothing in the corpus: the comparison proves little");
    }

    [Fact]
    public void TheLeftmostPartWins_AndTheEarlierPartOnATie()
    {
        Regex[] parts = [new("b|ab"), new("a")];
        Assert.Equal("ab", Alternation.Match("xab", parts).Value);           // same place: the earlier part, as in "b|ab|a"
        Assert.Equal(new Regex("b|ab|a").Match("xab").Value, Alternation.Match("xab", parts).Value);
        Assert.Equal("a", Alternation.Match("xa b", parts).Value);            // the later part starts first
        Assert.False(Alternation.Match("xyz", parts).Success);
        Assert.False(Alternation.IsMatch("xyz", parts));
        Assert.True(Alternation.IsMatch("zzb", parts));
    }

    private static IEnumerable<string> CorpusTexts()
    {
        foreach (var dir in Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "corpus"), "validation-*"))
        {
            foreach (var record in JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "labels.json")))!.AsArray())
            {
                yield return record!["title"]?.GetValue<string>() ?? string.Empty;
                var document = DescriptionDocument.Parse(File.ReadAllText(Path.Combine(dir, record["id"]!.GetValue<string>() + ".md")));
                foreach (var text in document.AllSentences.Concat(document.Prose))
                {
                    yield return text;
                    yield return Sentences.Plain(text);
                }
                foreach (var code in document.CodeBlocks)
                {
                    foreach (var line in code.Content.Split('\n'))
                    {
                        yield return line;
                    }
                }
            }
        }
    }
}
