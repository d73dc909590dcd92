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

    /// <exception cref="MalformedPayloadException">A field the decision reads has the wrong kind.</exception>
    public static CommentAuthor Read(PayloadObject payload, string action)
    {
        var comment = payload.Object("comment");
        var user = comment.OptionalObject("user");
        var sender = payload.OptionalObject("sender");
        var login = user?.OptionalString("login") ?? "";
        var senderLogin = sender?.OptionalString("login") ?? login;
        return new CommentAuthor(
            login,
            user?.OptionalString("type"),
            senderLogin,
            CommandContext.IsBot(senderLogin, sender?.OptionalString("type")),
            comment.HasObject("performed_via_github_app"),
            CommandParser.IsBotComment(comment.OptionalString("body")),
            action == "edited");
    }
}
