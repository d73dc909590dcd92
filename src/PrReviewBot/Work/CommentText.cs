namespace PrReviewBot.Work;

/// <summary>Comments the bot writes for gate mode, plans and command replies, fitted to GitHub's limit.</summary>
internal static class CommentText
{
    /// <summary>Cuts a body at a line to fit 65,536 characters, saying so; the hidden marker at its start survives.</summary>
    public static string Fit(string body)
    {
        if (body.Length <= ReviewRendering.MaxCommentLength)
        {
            return body;
        }
        const string note = "\n\n---\n*This comment was cut to fit GitHub's limit of 65,536 characters.*";
        var max = ReviewRendering.MaxCommentLength - note.Length;
        var newline = body.LastIndexOf('\n', max - 1);
        var end = newline > max / 2 ? newline : max;
        if (char.IsHighSurrogate(body[end - 1]))
        {
            end--;
        }
        return body[..end] + note;
    }
}
