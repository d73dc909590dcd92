using System.Text.Json;
using PrReviewBot.Cli;

namespace PrReviewBot.Tests.Cli;

/// <summary>`check --format json` answers every hostile input with the JSON contract, never a crash.</summary>
[Collection(ReviewRunsCollection.Name)]
public sealed class CheckJsonContractTests : IDisposable
{
    private static readonly string[] ItemNames = ["constraint", "profile", "beforeAfter", "rollback", "monitoring"];

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string, string> Inputs() => new()
    {
        { "empty", string.Empty },
        { "whitespace", "  \n\t \n" },
        { "1 MB", string.Concat(Enumerable.Repeat("p95 240 ms → 80 ms. Rollback: set `x_y=false`, reads then go to Redis.\n", 14_000)) },
        { "10,000 nested quotes", new string('>', 10_000) + " p95 < 80 ms see #1" },
        { "10,000 nested lists", string.Concat(Enumerable.Range(0, 10_000).Select(i => new string(' ', Math.Min(i, 40)) + "- item\n")) },
        { "5,000-row table", "| | before | after |\n|---|---|---|\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"| m{i} | {i} ms | {i + 1} ms |\n")) },
        { "control characters", "\u0000\u0001p95 \u0007240 ms → 80 ms\u001b[31m" + new string('\u0008', 200) },
        { "CRLF", "## Rollback\r\nSet `feed_x=false`; reads then go to Redis.\r\n" },
        { "right-to-left", "\u202eטעינה מהירה יותר: p95 240 ms → 80 ms \u202c العربية" },
        { "CJK", "# 작업 내용\n\n성능: p95 240ms → 80ms。目標は p95 < 80 ms（#12 参照）。" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task HostileInput_GetsTheJsonContract(string name, string body)
    {
        var file = _cli.File("pr.md", body);
        var result = await CliRun.Run(null, "check", "--format", "json", "--body-file", file, "--labels", "performance");
        Assert.True(result.ExitCode is CliApp.ExitPass or CliApp.ExitFail, $"{name}: exit {result.ExitCode}: {result.Error}");
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("isOptimization").GetBoolean(), name);
        Assert.Contains(root.GetProperty("conclusion").GetString(), new[] { "success", "failure" });
        var items = root.GetProperty("items");
        Assert.Equal(ItemNames, items.EnumerateObject().Select(p => p.Name));
        foreach (var item in items.EnumerateObject())
        {
            Assert.Contains(item.Value.GetProperty("status").GetString(), new[] { "pass", "fail" });
            Assert.Equal(JsonValueKind.Array, item.Value.GetProperty("messages").ValueKind);
            Assert.Equal(JsonValueKind.Array, item.Value.GetProperty("evidence").ValueKind);
        }
        foreach (var key in new[] { "targets", "measurements", "flags", "findings" })
        {
            Assert.Equal(JsonValueKind.Array, root.GetProperty(key).ValueKind);
        }
        Assert.Equal(CliApp.ExitFail == result.ExitCode, root.GetProperty("conclusion").GetString() == "failure");
    }
}
