using System.Text.Json;

namespace PrReviewBot.Cli;

/// <summary>The parts of a <c>pull_request</c> webhook payload (the file at <c>GITHUB_EVENT_PATH</c>) the review needs.</summary>
public sealed record ActionEvent(
    string Repository, int Number, string Title, string Body, IReadOnlyList<string> Labels, string HeadSha, string BaseRef, string? BaseSha,
    bool IsOpen)
{
    /// <summary>The PR the payload describes, or null with the reason when it describes none.</summary>
    public static ActionEvent? Parse(string json, out string? problem)
    {
        problem = null;
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 128 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("pull_request", out var pr) || pr.ValueKind != JsonValueKind.Object)
            {
                problem = "the event payload has no pull_request: run the action on pull_request (or pull_request_target) events";
                return null;
            }
            var repository = root.TryGetProperty("repository", out var repo) && repo.TryGetProperty("full_name", out var name) ? name.GetString() : null;
            repository ??= pr.TryGetProperty("base", out var b) && b.TryGetProperty("repo", out var baseRepo) && baseRepo.TryGetProperty("full_name", out var n2)
                ? n2.GetString()
                : null;
            if (string.IsNullOrEmpty(repository) || !pr.TryGetProperty("number", out var number) || number.ValueKind != JsonValueKind.Number)
            {
                problem = "the event payload's pull_request has no number or repository";
                return null;
            }
            var labels = pr.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Array
                ? l.EnumerateArray().Select(x => x.TryGetProperty("name", out var ln) ? ln.GetString() ?? "" : "").Where(x => x.Length > 0).ToList()
                : [];
            return new ActionEvent(
                repository,
                number.GetInt32(),
                String(pr, "title"),
                String(pr, "body"),
                labels,
                pr.TryGetProperty("head", out var head) ? String(head, "sha") : "",
                pr.TryGetProperty("base", out var @base) ? String(@base, "ref") : "",
                pr.TryGetProperty("base", out var base2) && String(base2, "sha") is { Length: > 0 } sha ? sha : null,
                String(pr, "state") != "closed");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            problem = $"the event payload is not valid JSON of a webhook ({e.Message})";
            return null;
        }
    }

    private static string String(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
