using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PrReviewBot.Core.Commands;
using PrReviewBot.Service;
using PrReviewBot.Storage;

namespace PrReviewBot.Work;

/// <summary>
/// A <c>/perf-review</c> command read from a stored <c>issue_comment</c> delivery: which comment, on which issue or
/// PR, by whom, and the command. <see cref="Fingerprint"/> names the command text, so the same command delivered
/// again (a redelivery, an edit elsewhere in the comment) is recognised, and an edit that changes it is not.
/// </summary>
public sealed record CommentCommand(
    string DeliveryId,
    long CommentId,
    int Number,
    CommentAuthor Author,
    PerfCommand Command)
{
    public string Fingerprint { get; } = FingerprintOf(Command);

    /// <summary>The command in a delivery, or null when it holds none the bot answers (not a comment, no command, a bot's).</summary>
    public static CommentCommand? Read(PendingDelivery delivery)
    {
        if (delivery.Event != "issue_comment" || string.IsNullOrEmpty(delivery.Body))
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(delivery.Body);
            var root = doc.RootElement;
            if (!root.TryGetProperty("comment", out var comment) || comment.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("issue", out var issue) || issue.ValueKind != JsonValueKind.Object
                || !comment.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var id)
                || !issue.TryGetProperty("number", out var numberElement) || !numberElement.TryGetInt32(out var number))
            {
                return null;
            }
            var author = CommentAuthor.Read(root);
            var body = comment.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
            if (author.IsBot || !author.WroteThisVersion || CommandParser.Parse(body) is not { } command)
            {
                return null;
            }
            return new CommentCommand(delivery.DeliveryId, id, number, author, command);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string FingerprintOf(PerfCommand command)
    {
        var text = command.Verb.ToString().ToLowerInvariant() + "\n" + command.Written.ToLowerInvariant() + "\n" + command.Argument;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public override string ToString() =>
        $"comment {CommentId.ToString(CultureInfo.InvariantCulture)} by {Author.Login}: {Command.Verb}";
}
