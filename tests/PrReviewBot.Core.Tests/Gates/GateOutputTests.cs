using System.Text.Json;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Gates;

namespace PrReviewBot.Core.Tests.Gates;

/// <summary>The sticky gate comment, the terminal text and the JSON.</summary>
public class GateOutputTests
{
    private static GateVerdict Judge(string body) => GateReviewer.Default.Judge(IssueDescription.FromBody(body));

    [Fact]
    public void Comment_StartsWithTheHiddenMarkerAndListsEveryGate()
    {
        var comment = GateCommentRenderer.Render(Judge(IssueBodies.Eval1Prompt));

        Assert.StartsWith("<!-- prreviewbot:perf-gates -->\n", comment, StringComparison.Ordinal);
        Assert.True(GateCommentRenderer.IsGateComment(comment));
        Assert.Contains("5 of 5 still open", comment, StringComparison.Ordinal);
        foreach (var gate in GateKinds.All)
        {
            Assert.Contains($"{gate.Number()}. {gate.Question()}", comment, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Comment_ForAnOpenGateOne_ShowsTheGateOneTableWithWhatToDoIfMissing()
    {
        var comment = GateCommentRenderer.Render(Judge("Our search API handles 1,200 RPS and feels slow."));

        Assert.Contains("| Constraint | Stated in the issue | If missing |", comment, StringComparison.Ordinal);
        Assert.Contains("| Latency | — | Measure current baseline first |", comment, StringComparison.Ordinal);
        Assert.Contains("| Throughput | 1,200 RPS \\(current\\) |  |", comment, StringComparison.Ordinal);
        Assert.Contains("STOP. Measure the baseline first", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_WhenAllSatisfied_SaysSoAndKeepsTheFurtherQuestionsFolded()
    {
        var comment = GateCommentRenderer.Render(Judge(IssueBodies.Eval6Prompt));

        Assert.Contains("all five answered", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("STOP", comment, StringComparison.Ordinal);
        Assert.Contains("<details><summary>Answered gates: worth adding</summary>", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_UsesNoTaskListCheckboxes()
    {
        // A checkbox in the bot's comment can be ticked by anyone with write access, which edits the bot's comment.
        var comment = GateCommentRenderer.Render(Judge(IssueBodies.Eval1Prompt));

        Assert.DoesNotContain("- [ ]", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_EscapesWhatItQuotesFromTheIssue()
    {
        const string body = "The @acme/backend <!-- prreviewbot:perf-gates --> endpoint accounts for 88% of traffic. " +
                            "I think the [db](https://evil.example) is slow, probably #12.";

        var comment = GateCommentRenderer.Render(Judge(body));

        Assert.Equal(1, CountOf(comment, "<!--"));
        Assert.DoesNotContain("@acme", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("](https://evil", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("https://evil", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("#12", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_CarriesStatusQuestionsLabelAndReading()
    {
        using var json = JsonDocument.Parse(GateJson.Serialize(Judge(IssueBodies.Eval3Prompt), new GateConfig()));
        var root = json.RootElement;

        Assert.False(root.GetProperty("allSatisfied").GetBoolean());
        Assert.Equal("perf-gates: incomplete", root.GetProperty("label").GetString());
        var gates = root.GetProperty("gates").EnumerateArray().ToList();
        Assert.Equal(["hardTargets", "hotPath", "profile", "simplestSolution", "rollback"], gates.Select(g => g.GetProperty("name").GetString()));
        Assert.Equal("satisfied", gates[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, gates[0].GetProperty("stop").ValueKind);
        Assert.Equal("open", gates[4].GetProperty("status").GetString());
        Assert.NotEqual(0, gates[4].GetProperty("questions").GetArrayLength());
        var reading = root.GetProperty("reading");
        Assert.Equal(80, reading.GetProperty("targets")[0].GetProperty("value").GetDouble());
        Assert.Equal("current", reading.GetProperty("traffic")[0].GetProperty("kind").GetString());
        Assert.Equal(88, reading.GetProperty("endpoints")[0].GetProperty("sharePercent").GetDouble());
        Assert.Equal("I/O", reading.GetProperty("bottlenecks")[0].GetString());
    }

    [Fact]
    public void Text_MarksOpenAndAnsweredGates()
    {
        var text = GateTextRenderer.Render(Judge(IssueBodies.Eval3Prompt));

        Assert.StartsWith("Performance gates: 2 of 5 open.", text, StringComparison.Ordinal);
        Assert.Contains("[x] Gate 1: What are the hard targets?", text, StringComparison.Ordinal);
        Assert.Contains("[ ] Gate 5: What is the rollback plan?", text, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
