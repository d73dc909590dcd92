using System.Text.Json;
using PrReviewBot.Core.Commands;

namespace PrReviewBot.Service;

/// <summary>
/// Who wrote an <c>issue_comment</c> and who sent the event, read from the payload. A comment by a bot (type
/// <c>Bot</c>, a <c>[bot]</c> login, posted through a GitHub App, or carrying the bot's hidden marker) is never
/// answered; neither is a comment edited by someone other than its author, since a command runs as its author.
/// </summary>
public sealed record CommentAuthor(string Login, string? Type, string Sender, bool SenderIsBot, bool ViaApp, bool HasBotMarker, bool Edited)
{
    public bool IsBot => ViaApp || HasBotMarker || SenderIsBot || CommandContext.IsBot(Login, Type);

    /// <summary>False when the event is an edit made by someone other than the comment's author.</summary>
    public bool WroteThisVersion => !Edited || string.Equals(Login, Sender, StringComparison.OrdinalIgnoreCase);

    public static CommentAuthor Read(JsonElement root)
    {
        var comment = root.TryGetProperty("comment", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var user = comment.ValueKind == JsonValueKind.Object && comment.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        var sender = root.TryGetProperty("sender", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var login = String(user, "login") ?? "";
        var senderLogin = String(sender, "login") ?? login;
        var viaApp = comment.ValueKind == JsonValueKind.Object && comment.TryGetProperty("performed_via_github_app", out var app)
            && app.ValueKind == JsonValueKind.Object;
        return new CommentAuthor(
            login,
            String(user, "type"),
            senderLogin,
            CommandContext.IsBot(senderLogin, String(sender, "type")),
            viaApp,
            CommandParser.IsBotComment(String(comment, "body")),
            String(root, "action") == "edited");
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
