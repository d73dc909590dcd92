using System.Globalization;
using System.Text.Json.Nodes;
using NJsonSchema;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;
using PrReviewBot.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PrReviewBot.Tests.Config;

/// <summary>
/// The shipped JSON Schema (what editors validate with) accepts the built-in defaults and the example
/// <c>.github/perf-review.yml</c>; the parser (the authority) reads the example without an error, and the example
/// spells out exactly the defaults it claims to.
/// </summary>
public class ExampleConfigTests
{
    private static readonly string ExamplePath = Path.Combine(RepositoryRoot.Path, ".github", "perf-review.yml");

    private static Task<JsonSchema> Schema() => JsonSchema.FromJsonAsync(ConfigSchema.Json);

    /// <summary>A config as the document a file would hold, with the file's key names.</summary>
    internal static JsonObject Document(ReviewConfig c) => new()
    {
        ["detection"] = new JsonObject
        {
            ["labels"] = Strings(c.Detection.Labels),
            ["title_prefixes"] = Strings(c.Detection.TitlePrefixes),
            ["min_item_headings"] = c.Detection.MinItemHeadings,
            ["infer"] = c.Detection.Infer,
            ["opt_out_label"] = c.Detection.OptOutLabel,
        },
        ["check_name"] = c.CheckName,
        ["mode"] = c.Mode.Name(),
        ["items"] = new JsonObject(ItemKinds.All.Select(kind => KeyValuePair.Create<string, JsonNode?>(kind.ConfigName(),
            kind == ItemKind.BeforeAfter
                ? new JsonObject { ["required"] = c.Item(kind).Required, ["min_duration_seconds"] = c.Item(kind).MinDurationSeconds }
                : new JsonObject { ["required"] = c.Item(kind).Required }))),
        ["findings"] = new JsonObject(c.Findings.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => KeyValuePair.Create<string, JsonNode?>(f.Key, f.Value.Name()))),
        ["comment"] = new JsonObject { ["when"] = c.Comment.When.ToString().ToLowerInvariant() },
        ["overrides"] = new JsonObject { ["min_permission"] = c.Overrides.MinPermission, ["teams"] = Strings(c.Overrides.Teams) },
        ["gates"] = new JsonObject
        {
            ["labels"] = Strings(c.Gates.Labels),
            ["satisfied_label"] = c.Gates.SatisfiedLabel,
            ["incomplete_label"] = c.Gates.IncompleteLabel,
        },
    };

    [Fact]
    public async Task BuiltInDefaults_ValidateAgainstTheSchema()
    {
        var errors = (await Schema()).Validate(Document(ReviewConfig.Default).ToJsonString());

        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    [Fact]
    public async Task ExampleFile_ValidatesAgainstTheSchema()
    {
        var json = YamlToJson(File.ReadAllText(ExamplePath));

        var errors = (await Schema()).Validate(json.ToJsonString());

        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
        Assert.Equal(8, json.AsObject().Count);
    }

    [Fact]
    public void ExampleFile_ParsesWithoutErrors_AndIsExactlyTheDefaults()
    {
        var parsed = ConfigParser.Parse(File.ReadAllText(ExamplePath), ".github/perf-review.yml");

        Assert.Empty(parsed.Errors.Select(e => e.ToString()));
        Assert.True(parsed.IsValid);
        Assert.Equal(Document(ReviewConfig.Default).ToJsonString(), Document(parsed.Config!).ToJsonString());
    }

    [Fact]
    public async Task TheSchemaCheck_RefusesWhatTheParserRefuses()
    {
        var schema = await Schema();
        var bad = Document(ReviewConfig.Default);
        bad["mode"] = "strict";
        bad["items"]!["profile"]!["requird"] = true;

        var errors = schema.Validate(bad.ToJsonString());

        Assert.Equal(2, errors.Count);
    }

    /// <summary>YAML to JSON with YAML's plain-scalar types (true, 60, null), quoted scalars kept as strings.</summary>
    internal static JsonNode YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode)!;

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
                KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
            YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
            YamlScalarNode { Style: ScalarStyle.Plain } s when s.Value is "true" or "false" => JsonValue.Create(s.Value == "true"),
            YamlScalarNode { Style: ScalarStyle.Plain } s when s.Value is "null" or "~" or "" => null,
            YamlScalarNode { Style: ScalarStyle.Plain } s when long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            YamlScalarNode s => JsonValue.Create(s.Value),
            _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType}"),
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
