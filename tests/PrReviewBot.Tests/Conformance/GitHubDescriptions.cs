using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using NJsonSchema;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Conformance;

/// <summary>
/// GitHub's own published descriptions, as npm packages pinned in tests/package.json and installed into
/// tests/node_modules by scripts/test.sh (<c>npm ci</c>): the GraphQL schema (<c>@octokit/graphql-schema</c>), the REST
/// OpenAPI description (<c>@octokit/openapi</c>) and the example webhook payloads (<c>@octokit/webhooks-examples</c>).
/// A missing package fails the test that needs it, naming the command that installs it; it is never skipped.
/// </summary>
public static class GitHubDescriptions
{
    public static string Package(string name)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tests", "node_modules", "@octokit", name);
        if (!Directory.Exists(folder))
        {
            Assert.Fail($"GitHub's published description @octokit/{name} is not installed ({folder} is missing). "
                + "Install the versions pinned in tests/package.json with `npm ci --prefix tests` (scripts/test.sh does this when they are missing).");
        }
        return folder;
    }

    private static readonly Lazy<Schema> LazyGraphQL = new(LoadGraphQL);
    private static readonly Lazy<RestDescription> LazyRest = new(() => new RestDescription(Path.Combine(Package("openapi"), "generated", "api.github.com.deref.json")));

    public static Schema GraphQL => LazyGraphQL.Value;

    public static RestDescription Rest => LazyRest.Value;

    /// <summary>The example payloads of one event, as GitHub documents them for api.github.com.</summary>
    public static IReadOnlyList<JsonNode> WebhookExamples(string eventName)
    {
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(Package("webhooks-examples"), "api.github.com", "index.json")))!.AsArray();
        var entry = index.FirstOrDefault(e => (string?)e!["name"] == eventName)
            ?? throw new InvalidOperationException($"@octokit/webhooks-examples has no event '{eventName}'");
        return entry!["examples"]!.AsArray().Select(e => e!).ToList();
    }

    private static Schema LoadGraphQL()
    {
        var sdl = WithoutRepeatedFields(File.ReadAllText(Path.Combine(Package("graphql-schema"), "schema.graphql")));
        var schema = Schema.For(sdl, builder =>
        {
            // Nothing is executed, so no value ever needs its concrete type; GraphQL.NET still asks for a resolver.
            foreach (Match m in Regex.Matches(sdl, @"^(?:union|interface) (\w+)", RegexOptions.Multiline))
            {
                builder.Types.For(m.Groups[1].Value).ResolveType = _ => null!;
            }
        });
        // GitHub's custom scalars (DateTime, URI, GitObjectID, …) carry no definition GraphQL.NET could know; for
        // validating documents only their names matter.
        foreach (Match m in Regex.Matches(sdl, @"^scalar (\w+)", RegexOptions.Multiline))
        {
            schema.RegisterType(new OpaqueScalar { Name = m.Groups[1].Value });
        }
        schema.Initialize();
        return schema;
    }

    /// <summary>
    /// The published schema lists a few fields twice, identically (15.26.1: <c>EnterpriseOwnerInfo.repositoryDeployKeySetting</c>);
    /// GraphQL.NET refuses a type with a repeated field, so one of each identical pair is kept. A repeated field whose
    /// two definitions differ is left in, for the schema to be refused with GraphQL.NET's message.
    /// </summary>
    private static string WithoutRepeatedFields(string sdl)
    {
        var document = GraphQLParser.Parser.Parse(sdl);
        foreach (var type in document.Definitions)
        {
            var fields = type switch
            {
                GraphQLObjectTypeDefinition o => o.Fields,
                GraphQLInterfaceTypeDefinition i => i.Fields,
                _ => null,
            };
            if (fields is null)
            {
                continue;
            }
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            fields.Items.RemoveAll(f =>
            {
                var text = Printed(f);
                if (seen.TryGetValue(f.Name.StringValue, out var first))
                {
                    return first == text;
                }
                seen[f.Name.StringValue] = text;
                return false;
            });
        }
        var writer = new StringWriter();
        new SDLPrinter().PrintAsync(document, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString();
    }

    private static string Printed(ASTNode node)
    {
        var writer = new StringWriter();
        new SDLPrinter(new SDLPrinterOptions { PrintComments = false, PrintDescriptions = false }).PrintAsync(node, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString();
    }

    /// <summary>Errors of a GraphQL document against GitHub's schema (GraphQL.NET's validation rules), none when valid.</summary>
    public static async Task<IReadOnlyList<string>> ValidateGraphQLAsync(string query, JsonObject? variables)
    {
        var document = GraphQLParser.Parser.Parse(query);
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single();
        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = GraphQL,
            Document = document,
            Operation = operation,
            Rules = DocumentValidator.CoreRules,
            Variables = variables is null ? global::GraphQL.Inputs.Empty : new global::GraphQL.Inputs(variables.ToDictionary(v => v.Key, v => Plain(v.Value))),
        });
        return result.Errors.Select(e => e.Message).ToList();
    }

    /// <summary>A value of the declared type for each variable of a document (for documents the run does not send).</summary>
    public static JsonObject SampleVariables(string query)
    {
        var operation = GraphQLParser.Parser.Parse(query).Definitions.OfType<GraphQLOperationDefinition>().Single();
        var variables = new JsonObject();
        foreach (var definition in operation.Variables?.Items ?? [])
        {
            variables[definition.Variable.Name.StringValue] = Sample(definition.Type);
        }
        return variables;
    }

    private static JsonNode? Sample(GraphQLType type) => type switch
    {
        GraphQLNonNullType n => Sample(n.Type),
        GraphQLListType l => new JsonArray(Sample(l.Type)),
        GraphQLNamedType { Name.StringValue: "Int" } => JsonValue.Create(1),
        GraphQLNamedType { Name.StringValue: "Float" } => JsonValue.Create(1.5),
        GraphQLNamedType { Name.StringValue: "Boolean" } => JsonValue.Create(true),
        _ => JsonValue.Create("x"),
    };

    /// <summary>A JSON value as GraphQL.NET reads variables: strings, whole numbers, booleans, lists and maps.</summary>
    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonArray a => a.Select(Plain).ToList(),
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        _ => node.GetValue<double>(),
    };

    public sealed class OpaqueScalar : ScalarGraphType
    {
        public override object? ParseLiteral(GraphQLValue value) => value;

        public override object? ParseValue(object? value) => value;
    }
}

/// <summary>
/// GitHub's REST API as its OpenAPI description (the dereferenced one: request schemas hold no <c>$ref</c>). Finds the
/// operation a request is, and checks a request body against the operation's JSON schema.
/// </summary>
public sealed class RestDescription
{
    private readonly JsonDocument _document;
    private readonly List<(Regex Pattern, string Template, int Literals)> _paths = [];

    public RestDescription(string file)
    {
        using (var stream = File.OpenRead(file))
        {
            _document = JsonDocument.Parse(stream);
        }
        foreach (var path in _document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(path.Name), @"\\\{[^}]+}", "[^/]+") + "$";
            _paths.Add((new Regex(pattern), path.Name, Regex.Replace(path.Name, @"\{[^}]+}", "").Length));
        }
    }

    /// <summary>The documented operation for a method and path, as <c>METHOD /template</c>, or null when GitHub documents none.</summary>
    public (string Template, JsonElement Operation)? Find(string method, string path)
    {
        var verb = method.ToLowerInvariant();
        foreach (var (pattern, template, _) in _paths.OrderByDescending(p => p.Literals))
        {
            if (pattern.IsMatch(path) && _document.RootElement.GetProperty("paths").GetProperty(template).TryGetProperty(verb, out var operation))
            {
                return (template, operation);
            }
        }
        return null;
    }

    /// <summary>The JSON schema of an operation's request body.</summary>
    public static JsonElement RequestSchema(JsonElement operation) =>
        operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");

    /// <summary>What is wrong with a request's body for the operation: a body where none is taken, or schema errors.</summary>
    public IReadOnlyList<string> BodyErrors(JsonElement operation, string body)
    {
        if (!operation.TryGetProperty("requestBody", out var requestBody))
        {
            return string.IsNullOrEmpty(body) ? [] : [$"a body is sent but the operation takes none: {body}"];
        }
        if (string.IsNullOrEmpty(body))
        {
            return requestBody.TryGetProperty("required", out var required) && required.GetBoolean() ? ["the operation requires a body, none is sent"] : [];
        }
        var schemaJson = RequestSchema(operation).GetRawText();
        var schema = JsonSchema.FromJsonAsync(OpenApiToJsonSchema(JsonNode.Parse(schemaJson)!).ToJsonString()).GetAwaiter().GetResult();
        return schema.Validate(body).Select(e => $"{e.Path}: {e.Kind}").ToList();
    }

    /// <summary>OpenAPI 3.0's <c>nullable: true</c> is JSON Schema's <c>type: [t, "null"]</c>.</summary>
    private static JsonNode OpenApiToJsonSchema(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["nullable"] is JsonValue n && n.GetValue<bool>())
                {
                    if (o["type"] is JsonValue t)
                    {
                        o["type"] = new JsonArray(t.GetValue<string>(), "null");
                    }
                    if (o["enum"] is JsonArray e && !e.Any(v => v is null))
                    {
                        e.Add(null);
                    }
                }
                o.Remove("nullable");
                foreach (var (_, child) in o.ToList())
                {
                    if (child is not null)
                    {
                        OpenApiToJsonSchema(child);
                    }
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        OpenApiToJsonSchema(child);
                    }
                }
                break;
        }
        return node;
    }
}
