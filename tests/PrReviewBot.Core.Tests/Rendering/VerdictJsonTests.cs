using System.Text.Json;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Rendering;
using static PrReviewBot.Core.Tests.Rendering.SampleVerdicts;

namespace PrReviewBot.Core.Tests.Rendering;

/// <summary>The verdict JSON is a contract: these tests pin every name and type.</summary>
public class VerdictJsonTests
{
    private static JsonElement Parse(Verdict verdict, bool indented = true) =>
        JsonDocument.Parse(VerdictJson.Serialize(verdict, indented)).RootElement.Clone();

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void TopLevel_HasExactlyTheContractsKeys_InOrder()
    {
        Assert.Equal(["isOptimization", "conclusion", "items", "targets", "measurements", "flags", "findings"], Names(Parse(TwoMissing())));
    }

    [Fact]
    public void Items_HaveTheFiveContractNames_EachWithStatusMessagesEvidence()
    {
        var items = Parse(TwoMissing()).GetProperty("items");
        Assert.Equal(["constraint", "profile", "beforeAfter", "rollback", "monitoring"], Names(items));
        foreach (var item in items.EnumerateObject())
        {
            Assert.Equal(["status", "messages", "evidence"], Names(item.Value));
            Assert.Equal(JsonValueKind.Array, item.Value.GetProperty("messages").ValueKind);
            Assert.Equal(JsonValueKind.Array, item.Value.GetProperty("evidence").ValueKind);
        }
        Assert.Equal("pass", items.GetProperty("constraint").GetProperty("status").GetString());
        Assert.Equal("fail", items.GetProperty("profile").GetProperty("status").GetString());
        Assert.Equal("no flamegraph, trace or profiler output found", items.GetProperty("profile").GetProperty("messages")[0].GetString());
        Assert.Equal(["p95 < 80ms", "#412"], items.GetProperty("constraint").GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Items_AreWrittenInContractOrder_WhateverTheVerdictsOrder()
    {
        var verdict = TwoMissing() with { Items = TwoMissing().Items.Reverse().ToList() };
        Assert.Equal(["constraint", "profile", "beforeAfter", "rollback", "monitoring"], Names(Parse(verdict).GetProperty("items")));
        Assert.Equal("pass", Parse(verdict).GetProperty("items").GetProperty("constraint").GetProperty("status").GetString());
    }

    [Fact]
    public void Targets_HaveMetricPercentileComparatorValueUnit_WithNumbersAsNumbers()
    {
        var verdict = TwoMissing() with { Targets = [new Target("latency", "p95", "<", 80, "ms"), new Target("throughput", null, ">=", 2500, "RPS")] };
        var targets = Parse(verdict).GetProperty("targets");

        Assert.Equal(["metric", "percentile", "comparator", "value", "unit"], Names(targets[0]));
        Assert.Equal("latency", targets[0].GetProperty("metric").GetString());
        Assert.Equal("p95", targets[0].GetProperty("percentile").GetString());
        Assert.Equal("<", targets[0].GetProperty("comparator").GetString());
        Assert.Equal(JsonValueKind.Number, targets[0].GetProperty("value").ValueKind);
        Assert.Equal(80, targets[0].GetProperty("value").GetDouble());
        Assert.Equal("ms", targets[0].GetProperty("unit").GetString());
        Assert.Equal(JsonValueKind.Null, targets[1].GetProperty("percentile").ValueKind);
        Assert.Equal(2500, targets[1].GetProperty("value").GetDouble());
    }

    [Fact]
    public void Measurements_HaveTheContractKeys_ChangeRoundedToOneDecimal()
    {
        var measurement = Parse(TwoMissing()).GetProperty("measurements")[0];
        Assert.Equal(["metric", "before", "after", "unit", "changePercent"], Names(measurement));
        Assert.Equal("p95 latency", measurement.GetProperty("metric").GetString());
        Assert.Equal(240, measurement.GetProperty("before").GetDouble());
        Assert.Equal(80, measurement.GetProperty("after").GetDouble());
        Assert.Equal("ms", measurement.GetProperty("unit").GetString());
        Assert.Equal(-66.7, measurement.GetProperty("changePercent").GetDouble());
        Assert.Contains("\"changePercent\": -66.7", VerdictJson.Serialize(TwoMissing()));
    }

    [Fact]
    public void NonFiniteNumbers_AreNull_AndTheJsonStaysValid()
    {
        var verdict = TwoMissing() with
        {
            Targets = [new Target("latency", "p99", "<", double.NaN, "ms")],
            Measurements =
            [
                new Measurement("errors", 0, 5, "%", double.PositiveInfinity),
                new Measurement("cpu", double.NegativeInfinity, double.NaN, "%", null),
            ],
        };
        var json = Parse(verdict);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("targets")[0].GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("measurements")[0].GetProperty("changePercent").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("measurements")[1].GetProperty("before").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("measurements")[1].GetProperty("changePercent").ValueKind);
    }

    [Fact]
    public void FlagsAndFindings_FollowTheContract_OffFindingsLeftOut()
    {
        var verdict = TwoMissing().With(
            Finding(FindingIds.BundledOptimizations, Severity.Warning, "two flags"),
            Finding(FindingIds.NoBenchmarkInDiff, Severity.Off, "hidden"));
        var json = Parse(verdict);

        Assert.Equal(["feed_l1_cache"], json.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        var finding = Assert.Single(json.GetProperty("findings").EnumerateArray());
        Assert.Equal(["rule", "severity", "message"], Names(finding));
        Assert.Equal("bundled_optimizations", finding.GetProperty("rule").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("two flags", finding.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(Conclusion.Success, "success")]
    [InlineData(Conclusion.Failure, "failure")]
    [InlineData(Conclusion.Skipped, "skipped")]
    public void Conclusion_IsTheContractsWord(Conclusion conclusion, string expected)
    {
        var json = Parse(TwoMissing() with { Conclusion = conclusion });
        Assert.Equal(expected, json.GetProperty("conclusion").GetString());
        Assert.Equal(JsonValueKind.True, json.GetProperty("isOptimization").ValueKind);
    }

    [Fact]
    public void NotOptimization_IsFalse()
    {
        Assert.Equal(JsonValueKind.False, Parse(NotOptimization()).GetProperty("isOptimization").ValueKind);
    }

    [Fact]
    public void EmptyVerdict_HasEveryKeyWithEmptyArrays()
    {
        var verdict = new Verdict { IsOptimization = true, DetectionReason = "", Conclusion = Conclusion.Failure, Mode = ReviewMode.Enforce, Items = [] };
        var json = Parse(verdict);
        Assert.Equal(["constraint", "profile", "beforeAfter", "rollback", "monitoring"], Names(json.GetProperty("items")));
        Assert.All(json.GetProperty("items").EnumerateObject(), i => Assert.Equal("fail", i.Value.GetProperty("status").GetString()));
        Assert.Equal(0, json.GetProperty("targets").GetArrayLength());
        Assert.Equal(0, json.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void NonAsciiText_IsKeptAsIs_ControlCharactersEscaped()
    {
        var verdict = TwoMissing() with { Items = ItemKinds.All.Select(k => Pass(k, "性能 < 80ms", "زمن الاستجابة", "tab\there", "bell\u0007", "quote \" and \\")).ToList() };

        var text = VerdictJson.Serialize(verdict);
        var evidence = JsonDocument.Parse(text).RootElement.GetProperty("items").GetProperty("constraint").GetProperty("evidence");

        Assert.Contains("\"性能 < 80ms\"", text);
        Assert.Contains("\"زمن الاستجابة\"", text);
        Assert.Contains("\"tab\\there\"", text);
        Assert.Contains("\"bell\\u0007\"", text);
        Assert.Equal("quote \" and \\", evidence[4].GetString());
        Assert.Equal("bell\u0007", evidence[3].GetString());
    }

    [Fact]
    public void LoneSurrogate_BecomesReplacementCharacter_NotAnException()
    {
        var verdict = TwoMissing() with { Items = ItemKinds.All.Select(k => Pass(k, "bad \uD800 text", "emoji 😀 fine")).ToList() };
        var evidence = Parse(verdict).GetProperty("items").GetProperty("profile").GetProperty("evidence");
        Assert.Equal("bad \uFFFD text", evidence[0].GetString());
        Assert.Equal("emoji 😀 fine", evidence[1].GetString());
    }

    [Fact]
    public void CompactAndIndented_CarryTheSameJson()
    {
        var compact = VerdictJson.Serialize(TwoMissing(), indented: false);
        Assert.DoesNotContain('\n', compact);
        Assert.Equal(
            JsonSerializer.Serialize(JsonDocument.Parse(VerdictJson.Serialize(TwoMissing())).RootElement),
            JsonSerializer.Serialize(JsonDocument.Parse(compact).RootElement));
    }
}
