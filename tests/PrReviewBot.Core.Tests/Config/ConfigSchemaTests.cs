using System.Text.Json;
using PrReviewBot.Core.Config;

namespace PrReviewBot.Core.Tests.Config;

/// <summary>The shipped JSON Schema must allow exactly what the parser allows.</summary>
public class ConfigSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(ConfigSchema.Json).RootElement;

    private static JsonElement At(string path)
    {
        var node = Schema;
        foreach (var key in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.GetProperty("properties").GetProperty(key);
        }
        return node;
    }

    private static string[] Keys(JsonElement node) => node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Paths => new(ConfigWalk.Keys.Keys.Where(k => k != "items.*"));

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryMapping_AllowsTheParsersKeys_AndNoOthers(string path)
    {
        var node = At(path);
        Assert.Equal(ConfigWalk.Keys[path].Order(StringComparer.Ordinal), Keys(node));
        Assert.False(node.GetProperty("additionalProperties").GetBoolean());
    }

    [Theory]
    [InlineData("items.constraint")]
    [InlineData("items.profile")]
    [InlineData("items.rollback")]
    [InlineData("items.monitoring")]
    public void PlainItems_AllowOnlyRequired(string path)
    {
        Assert.Equal(ConfigWalk.Keys["items.*"], Keys(At(path)));
    }

    [Theory]
    [InlineData("mode", new[] { "enforce", "shadow" })]
    [InlineData("comment.when", new[] { "missing", "always", "never" })]
    [InlineData("overrides.min_permission", new[] { "write", "maintain", "admin" })]
    [InlineData("findings.bundled_optimizations", new[] { "off", "notice", "warning", "error" })]
    public void Enums_MatchTheParser(string path, string[] values)
    {
        Assert.Equal(values, At(path).GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void NumberRanges_MatchTheParser()
    {
        Assert.Equal(0, At("detection.min_item_headings").GetProperty("minimum").GetInt32());
        Assert.Equal(ConfigWalk.MaxItemHeadings, At("detection.min_item_headings").GetProperty("maximum").GetInt32());
        Assert.Equal(1, At("items.before_after.min_duration_seconds").GetProperty("minimum").GetInt32());
        Assert.Equal(ConfigWalk.MaxDurationSeconds, At("items.before_after.min_duration_seconds").GetProperty("maximum").GetInt32());
    }
}
