using System.Text;
using System.Text.Json;
using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Planning;

namespace PrReviewBot.Core.Tests.Gates;

/// <summary>Whatever the body, gate and plan mode give a verdict and valid output: never an exception.</summary>
public class HostileIssueTests
{
    public static TheoryData<string, string> Bodies()
    {
        var data = new TheoryData<string, string>
        {
            { "empty", string.Empty },
            { "whitespace", " \n\t\r\n  " },
            { "deep quotes", new string('>', 50_000) + " p95 is 240ms" },
            { "deep lists", string.Concat(Enumerable.Range(0, 1_000).Select(i => new string(' ', i * 2) + "- item\n")) },
            { "deep emphasis and brackets", new string('[', 20_000) + new string('*', 20_000) + "x" + new string(']', 20_000) },
            { "backtick runs", string.Concat(Enumerable.Repeat("`` ` ``` ", 10_000)) },
            { "html soup", string.Concat(Enumerable.Repeat("<div><!-- <img src=x onerror=alert(1)> --></div>\n", 2_000)) },
            { "cjk", "我们的 API 每秒处理 2,500 RPS。p95 是 240ms,目标低于 80ms。性能分析显示 60% 的时间在数据库查询。" },
            { "rtl", "واجهة البرمجة بطيئة جدا. p95 is 240ms \u202Etarget is under 80ms\u202C at 2,500 RPS." },
            { "control characters", "p95\u0000 is\u0007 240ms\u001b[31m, target\u0008 < 80ms\uFEFF at 2,500 RPS\u0085." },
            { "lone surrogates", "p95 is 240ms \uD800 target < 80ms \uDC00 at 2,500 RPS" },
            { "numbers everywhere", string.Concat(Enumerable.Repeat("p95 p99 1,000,000,000,000 RPS 99999999999999999999ms 1e308% ", 2_000)) },
            { "table storm", "| a | b |\n|---|---|\n" + string.Concat(Enumerable.Repeat("| Latency | p95 < 80ms |\n", 5_000)) },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void AnyBody_GivesAVerdictAPlanAndValidOutput(string name, string body)
    {
        var verdict = GateReviewer.Default.Judge(IssueDescription.FromBody(body));
        var plan = EscalationPlanner.Default.Plan(new IssueDescription(body, body));

        Assert.Equal(5, verdict.Gates.Count);
        Assert.False(string.IsNullOrEmpty(name));
        Assert.StartsWith(GateCommentRenderer.Marker, GateCommentRenderer.Render(verdict), StringComparison.Ordinal);
        Assert.StartsWith(PlanCommentRenderer.Marker, PlanCommentRenderer.Render(plan), StringComparison.Ordinal);
        Assert.NotEmpty(GateTextRenderer.Render(verdict));
        Assert.NotEmpty(PlanTextRenderer.Render(plan));
        using var gatesJson = JsonDocument.Parse(GateJson.Serialize(verdict));
        using var planJson = JsonDocument.Parse(PlanJson.Serialize(plan));
        Assert.Equal(5, gatesJson.RootElement.GetProperty("gates").GetArrayLength());
        Assert.True(planJson.RootElement.TryGetProperty("kind", out _));
    }

    [Fact]
    public void OneMegabyteBody_IsJudgedAndTheCommentStaysWithinGitHubsLimit()
    {
        var sb = new StringBuilder();
        var paragraph = "Our feed endpoint handles 2,500 RPS (88% of traffic) and p95 is 240ms. We think the database is slow. " +
                        "Profiling shows 60% of p99 time is in database queries (N+1 pattern). @someone please look. ";
        while (sb.Length < 1_048_576)
        {
            sb.Append(paragraph).Append('\n').Append('\n');
        }
        var body = sb.ToString();

        var verdict = GateReviewer.Default.Judge(IssueDescription.FromBody(body));
        var comment = GateCommentRenderer.Render(verdict);
        var plan = PlanCommentRenderer.Render(EscalationPlanner.Default.Plan(IssueDescription.FromBody(body)));

        Assert.True(verdict.Gate(GateKind.Profile).Satisfied);
        Assert.True(comment.Length <= GateCommentRenderer.MaxLength);
        Assert.True(plan.Length <= GateCommentRenderer.MaxLength);
    }

    [Fact]
    public void RightToLeftOverride_DoesNotReachTheComment()
    {
        var verdict = GateReviewer.Default.Judge(IssueDescription.FromBody("\u202Eoiftrr 88% of traffic\u202C goes to the /feed endpoint; p95 is 240ms."));

        var comment = GateCommentRenderer.Render(verdict);

        Assert.DoesNotContain('\u202E', comment);
        Assert.DoesNotContain('\u202C', comment);
    }

    [Fact]
    public void CjkIssue_KeepsItsNumbers()
    {
        var r = GateReviewer.Default.Judge(IssueDescription.FromBody("目标: p95 < 80ms。当前 p95 is 240ms,流量 2,500 RPS。")).Reading;

        Assert.Contains(r.Targets, t => t.Value == 80);
        Assert.Contains(r.Traffic, t => t.Value == 2500);
    }
}
