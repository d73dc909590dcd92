using System.Text.Json;
using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Planning;
using PrReviewBot.Core.Tests.Gates;

namespace PrReviewBot.Core.Tests.Planning;

/// <summary>The plan as Markdown comment, terminal text and JSON.</summary>
public class PlanOutputTests
{
    private static EscalationPlan Plan(string body) => EscalationPlanner.Default.Plan(IssueDescription.FromBody(body));

    [Fact]
    public void StepPlanComment_HasEverySection()
    {
        var comment = PlanCommentRenderer.Render(Plan(IssueBodies.Eval3Prompt));

        Assert.StartsWith(PlanCommentRenderer.Marker + "\n### Escalation plan: Step 1: Fix the query", comment, StringComparison.Ordinal);
        foreach (var section in new[] { "#### Evidence that points here", "#### Actions", "#### Metric proof before escalating further", "#### Rollback", "#### Load test", "#### Steps deliberately skipped" })
        {
            Assert.Contains(section, comment, StringComparison.Ordinal);
        }
        Assert.Contains("`WHERE id = ANY($1)`", comment, StringComparison.Ordinal);
        Assert.Contains("- Flag: `feed_batched_query` (suggested name)", comment, StringComparison.Ordinal);
        Assert.Contains("| 2. Add a single\\-layer cache \\(Redis\\) | No cache:", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void MeasureFirstComment_SaysMeasureNotCode()
    {
        var comment = PlanCommentRenderer.Render(Plan(IssueBodies.Eval1Casual));

        Assert.Contains("Escalation plan: Measure first", comment, StringComparison.Ordinal);
        Assert.Contains("**measure, not to code**", comment, StringComparison.Ordinal);
        Assert.Contains("#### What to measure", comment, StringComparison.Ordinal);
        Assert.Contains("#### Pushback", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("#### Actions", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void PushBackComment_SplitsTheChangeThenSaysWhatToMeasure()
    {
        var comment = PlanCommentRenderer.Render(Plan(IssueBodies.Eval2Prompt));

        Assert.Contains("### Escalation plan: Measure first, and not all at once", comment, StringComparison.Ordinal);
        Assert.Contains("**Split the change.**", comment, StringComparison.Ordinal);
        Assert.True(comment.IndexOf("#### Pushback", StringComparison.Ordinal) < comment.IndexOf("#### What to measure", StringComparison.Ordinal));
        Assert.DoesNotContain("#### Actions", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_EscapesQuotedIssueText()
    {
        const string body = "The @acme/ops endpoint accounts for 90% of traffic, p95 is 300ms, target p95 < 100ms at 2,000 RPS. " +
                            "Profiling shows 70% of p99 in database queries <!-- prreviewbot:perf-plan --> (N+1, see [x](https://evil.example)).";

        var comment = PlanCommentRenderer.Render(Plan(body));

        Assert.Equal(1, comment.Split("<!--").Length - 1);
        Assert.DoesNotContain("@acme", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("https://evil", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_CarriesKindStepActionsLoadTestAndSkipped()
    {
        using var json = JsonDocument.Parse(PlanJson.Serialize(Plan(IssueBodies.Eval6Prompt)));
        var root = json.RootElement;

        Assert.Equal("ladderStep", root.GetProperty("kind").GetString());
        Assert.Equal(3, root.GetProperty("step").GetProperty("number").GetInt32());
        Assert.Equal(0, root.GetProperty("openGates").GetArrayLength());
        Assert.NotEqual(0, root.GetProperty("actions").GetArrayLength());
        Assert.Equal(60, root.GetProperty("loadTest").GetProperty("minimumSeconds").GetInt32());
        Assert.Equal("product_listing_l1_cache", root.GetProperty("rollback").GetProperty("flag").GetString());
        Assert.Equal(5, root.GetProperty("skipped").GetArrayLength());
        Assert.True(root.GetProperty("gates").GetProperty("allSatisfied").GetBoolean());
    }

    [Fact]
    public void MeasureFirstJson_HasNoStepAndListsOpenGates()
    {
        using var json = JsonDocument.Parse(PlanJson.Serialize(Plan(IssueBodies.Eval1Prompt)));
        var root = json.RootElement;

        Assert.Equal("measureFirst", root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("step").ValueKind);
        Assert.Equal([1, 2, 3, 4, 5], root.GetProperty("openGates").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Text_ListsActionsAndSkippedSteps()
    {
        var text = PlanTextRenderer.Render(Plan(IssueBodies.Eval3Prompt));

        Assert.StartsWith("Escalation plan: Step 1: Fix the query", text, StringComparison.Ordinal);
        Assert.Contains("\nActions:\n", text, StringComparison.Ordinal);
        Assert.Contains("step 2 (Add a single-layer cache (Redis)): No cache", text, StringComparison.Ordinal);
    }
}
