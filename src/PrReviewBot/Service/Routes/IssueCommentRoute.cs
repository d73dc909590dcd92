using PrReviewBot.Core.Commands;
using PrReviewBot.Storage;
using PrReviewBot.Work;

namespace PrReviewBot.Service;

/// <summary>
/// <c>issue_comment</c>: the one place that says which comments are commands. A comment written or edited by a
/// person (not a bot, and edited by its own author) whose text holds a <c>/perf-review</c> command is work for its
/// PR or issue; the command travels with the delivery as a <see cref="CommentCommand"/>.
/// </summary>
public sealed class IssueCommentRoute : IEventRoute
{
    /// <summary>The actions that may carry a command: written, or edited to add one.</summary>
    public static readonly IReadOnlySet<string> CommentActions = new HashSet<string>(StringComparer.Ordinal) { "created", "edited" };

    public string Event => "issue_comment";

    public Routing Route(PayloadObject payload, IntakeContext context)
    {
        var seen = Envelope.ReadLeniently(payload);
        if (seen.Action is not { } action || !CommentActions.Contains(action))
        {
            return seen.Ignore($"issue_comment.{seen.Action} carries no command");
        }
        var envelope = Envelope.Read(payload);
        var issue = payload.Object("issue");
        var number = issue.PositiveInt("number");
        var author = CommentAuthor.Read(payload, action);
        if (author.IsBot)
        {
            return envelope.Ignore($"comment by a bot ({author.Login}): never answered", number);
        }
        if (!author.WroteThisVersion)
        {
            return envelope.Ignore($"comment by {author.Login} edited by {author.Sender}: a command runs only as its author wrote it", number);
        }
        var comment = payload.Object("comment");
        if (CommandParser.Parse(comment.OptionalString("body")) is not { } command)
        {
            return envelope.Ignore("comment without a /perf-review command", number);
        }
        var detail = new CommentCommand(comment.PositiveLong("id"), number, author, command);
        var repository = envelope.RequireRepository();
        return issue.HasObject("pull_request")
            ? envelope.Accept(WorkRequest.PullRequestSubject(repository, number), JobKind.PullRequest, number, null, null, context.Now, false, false, detail)
            : envelope.Accept(WorkRequest.IssueSubject(repository, number), JobKind.Issue, number, null, null, context.Now, false, false, detail);
    }
}
