using Octokit.Internal;

namespace PrReviewBot.GitHub;

/// <summary>A response body kept as text, for answers Octokit has no model for (GraphQL).</summary>
public sealed record RawJson(string Text);

/// <summary>Octokit's serializer, except that <see cref="RawJson"/> is handed over untouched for System.Text.Json to read.</summary>
internal sealed class OctokitJson : IJsonSerializer
{
    private readonly SimpleJsonSerializer _inner = new();

    public string Serialize(object item) => _inner.Serialize(item);

    public T Deserialize<T>(string json) =>
        typeof(T) == typeof(RawJson) ? (T)(object)new RawJson(json) : _inner.Deserialize<T>(json);
}
