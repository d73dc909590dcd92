using System.Text;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Parsing;

/// <summary>Whatever people paste, the review returns a verdict with five items and never throws.</summary>
public class HostileInputTests
{
    public static TheoryData<string, string> Bodies() => new()
    {
        { "empty", string.Empty },
        { "whitespace", "   \n\t\n   " },
        { "1 MB", string.Concat(Enumerable.Repeat("p95 240 ms → 80 ms. Rollback: set `x_y=false`, reads then go to Redis. ", 14_000)) },
        { "10,000 nested quotes", new string('>', 10_000) + " p95 < 80 ms see #1" },
        { "10,000 nested lists", string.Concat(Enumerable.Range(0, 10_000).Select(i => new string(' ', Math.Min(i, 40)) + "- item\n")) },
        { "10,000 nested list markers", string.Concat(Enumerable.Repeat("- ", 10_000)) + "x" },
        { "5,000-row table", "| | before | after |\n|---|---|---|\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"| m{i} | {i} ms | {i + 1} ms |\n")) },
        { "control characters", "\u0000\u0001\u0002p95 \u0007240 ms → 80 ms\u001b[31m" + new string('\u0008', 1000) },
        { "CRLF", "## Rollback\r\nSet `feed_x=false`; reads then go to Redis.\r\n\r\n## Monitoring\r\nhttps://grafana.example.com/d/abc123/feed\r\n" },
        { "right-to-left", "\u202eטעינה מהירה יותר: p95 240 ms → 80 ms \u202c العربية" },
        { "CJK", "# 작업 내용\n\n성능: p95 240ms → 80ms。目標は p95 < 80 ms（#12 参照）。" },
        { "lone surrogates", "p95 \ud800 240 ms → 80 ms \udfff" },
        { "emphasis storm", string.Concat(Enumerable.Repeat("*a _b ", 20_000)) },
        { "bracket storm", new string('[', 30_000) + new string(']', 30_000) },
        { "backtick ladder", string.Concat(Enumerable.Range(1, 1_500).Select(i => new string('`', i) + " ")) },
        { "html soup", string.Concat(Enumerable.Repeat("<div><img src=x alt='flamegraph'><!-- c ", 5_000)) },
        { "unclosed html table rows", "<table>\n" + string.Concat(Enumerable.Repeat("<tr><td>p99<td>1 ms\n", 20_000)) },
        { "huge single line", new string('a', 500_000) + " 240 ms → 80 ms" },
        { "20,000 wrapped lines", string.Concat(Enumerable.Repeat("the old path can be turned back on with\n", 20_000)) + "240 ms → 80 ms" },
        { "5,000 lists of versions", string.Concat(Enumerable.Range(0, 5_000).Select(i => $"- app 1.{i}.0: 9 s\n- app 1.{i}.1: 3 s\n\nOn 1.{i}.0 before and 1.{i}.1 after.\n\n")) },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void HostileBody_GetsAVerdict(string name, string body)
    {
        var verdict = Review.Of(body);
        Assert.Equal(5, verdict.Items.Count);
        Assert.True(verdict.Items.All(i => i.Present || i.Messages.Count > 0), name);
        Assert.True(verdict.IsOptimization);
    }

    [Fact]
    public void MoreThanOneMegabyte_IsReadUpToTheCap()
    {
        var body = new StringBuilder().Append('x', 2 << 20).Append("\np95 240 ms → 80 ms").ToString();
        var verdict = Review.Of(body);
        Assert.False(verdict.Item(ItemKind.BeforeAfter).Present);
    }

    [Fact]
    public void CrLfDescription_ReadsLikeLf()
    {
        const string lf = "## Rollback\nSet `feed_x=false`; reads then go straight to Redis.\n\n## Monitoring\nhttps://grafana.example.com/d/abc123/feed\n";
        var a = Review.Of(lf);
        var b = Review.Of(lf.Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.Equal(a.Items.Select(i => i.Present), b.Items.Select(i => i.Present));
        Assert.True(b.Item(ItemKind.Rollback).Present);
    }
}
