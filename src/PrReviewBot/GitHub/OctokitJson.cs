using System.Runtime.Serialization;
using Octokit.Internal;

namespace PrReviewBot.GitHub;

/// <summary>A response body kept as text, for answers Octokit has no model for (GraphQL).</summary>
public sealed record RawJson(string Text);

/// <summary>Octokit's serializer, except that <see cref="RawJson"/> is handed over untouched for System.Text.Json to read.</summary>
internal sealed class OctokitJson : IJsonSerializer
{
    private readonly SimpleJsonSerializer _inner = new();

    public string Serialize(object item) => _inner.Serialize(item);

    public T Deserialize<T>(string json)
    {
        if (typeof(T) == typeof(RawJson))
        {
            return (T)(object)new RawJson(json);
        }
        try
        {
            return _inner.Deserialize<T>(json);
        }
        catch (Exception e) when (IsJson(json))
        {
            // Octokit only reads the body of a successful answer: GitHub did what was asked, only the mapping failed.
            throw new GitHubAnswerUnreadableException($"GitHub's answer was valid JSON that could not be read as {typeof(T).Name}: {e.GetType().Name}: {e.Message}", e);
        }
        catch (Exception e) when (e is not SerializationException)
        {
            // Not JSON at all, yet Octokit's reader got partway: garbage that starts with a digit reads as a number, and
            // casting that number to the model throws InvalidCastException. It is the same garbled answer as any other
            // and is retried as one (GitHubFaults: SerializationException), never taken for a bug in the bot.
            throw new SerializationException($"GitHub's answer is not JSON ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON at all (a proxy's page, a cut answer): the request may never have reached GitHub.
            return false;
        }
    }
}
