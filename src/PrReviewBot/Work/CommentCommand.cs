using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PrReviewBot.Core.Commands;
using PrReviewBot.Service;

namespace PrReviewBot.Work;

/// <summary>
/// A <c>/perf-review</c> command in an <c>issue_comment</c> delivery (read by <see cref="IssueCommentRoute"/>, which
/// alone decides which comments are commands): which comment, on which issue or PR, by whom, and the command.
/// <see cref="Fingerprint"/> names the command text, so the same command delivered again (a redelivery, an edit
/// elsewhere in the comment) is recognised, and an edit that changes it is not.
/// </summary>
public sealed record CommentCommand(
    long CommentId,
    int Number,
    CommentAuthor Author,
    PerfCommand Command)
{
    public string Fingerprint { get; } = FingerprintOf(Command);

    private static string FingerprintOf(PerfCommand command)
    {
        var text = command.Verb.ToString().ToLowerInvariant() + "\n" + command.Written.ToLowerInvariant() + "\n" + command.Argument;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public override string ToString() =>
        $"comment {CommentId.ToString(CultureInfo.InvariantCulture)} by {Author.Login}: {Command.Verb}";
}
