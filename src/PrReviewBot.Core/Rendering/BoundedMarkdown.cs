using System.Text;

namespace PrReviewBot.Core.Rendering;

/// <summary>
/// Markdown assembled from whole blocks that must fit GitHub's size limits. When everything does not fit, it cuts
/// gracefully: first it drops the examples, then it keeps blocks in order while they fit and says how much was left
/// out, with a link to the report page. A block is never cut in half, so no table or code fence is left open.
/// </summary>
internal sealed class BoundedMarkdown(int maxLength)
{
    /// <summary>Room kept for the note that says what was left out (and for GitHub counting some characters twice).</summary>
    private const int Reserve = 600;

    private readonly List<(string Text, bool Essential, bool Example)> _blocks = [];
    private readonly List<string> _tail = [];

    /// <summary>A block that is kept whatever happens (the headline, the table).</summary>
    public BoundedMarkdown Essential(string text) => Add(text, essential: true, example: false);

    public BoundedMarkdown Detail(string text) => Add(text, essential: false, example: false);

    /// <summary>An example: the first thing dropped when the whole does not fit.</summary>
    public BoundedMarkdown Example(string text) => Add(text, essential: false, example: true);

    /// <summary>The closing block (the footer), always last and always kept.</summary>
    public BoundedMarkdown Tail(string text)
    {
        if (text.Length > 0)
        {
            _tail.Add(text);
        }
        return this;
    }

    private BoundedMarkdown Add(string text, bool essential, bool example)
    {
        if (text.Length > 0)
        {
            _blocks.Add((text, essential, example));
        }
        return this;
    }

    public string Build(string? reportUrl)
    {
        var tail = string.Join("\n\n", _tail);
        var full = Join(_blocks.Select(b => b.Text), tail);
        if (full.Length <= maxLength)
        {
            return full;
        }

        var where = MarkdownText.Link("full report", reportUrl) is { } link
            ? $"the {link} has everything"
            : "run `prreviewbot check` on the description to see everything";
        var withoutExamples = _blocks.Where(b => !b.Example).Select(b => b.Text).ToList();
        var examplesNote = $"_Examples were left out to keep this within GitHub's size limit; {where}._";
        var shorter = Join(withoutExamples.Append(examplesNote), tail);
        if (shorter.Length <= maxLength)
        {
            return shorter;
        }

        var budget = maxLength - tail.Length - Reserve;
        var kept = new List<string>();
        var length = 0;
        var left = 0;
        foreach (var block in _blocks.Where(b => !b.Example))
        {
            var cost = block.Text.Length + 2;
            if (block.Essential || length + cost <= budget)
            {
                kept.Add(block.Text);
                length += cost;
            }
            else
            {
                left++;
            }
        }
        kept.Add($"_**{left} more {(left == 1 ? "detail was" : "details were")} left out** (and all examples) to keep this within GitHub's size limit; {where}._");
        var cut = Join(kept, tail);
        return cut.Length <= maxLength ? cut : HardCut(cut, maxLength);
    }

    private static string Join(IEnumerable<string> blocks, string tail)
    {
        var builder = new StringBuilder();
        foreach (var block in blocks)
        {
            builder.Append(block).Append("\n\n");
        }
        return builder.Append(tail).ToString().TrimEnd() + "\n";
    }

    /// <summary>Only when even the essential blocks are too long (they never should be): cut on a line boundary.</summary>
    private static string HardCut(string text, int maxLength)
    {
        const string note = "\n\n_…cut to fit GitHub's size limit._\n";
        var end = text.LastIndexOf('\n', Math.Max(0, maxLength - note.Length - 1));
        if (end <= 0)
        {
            end = Math.Max(0, maxLength - note.Length);
        }
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }
        return text[..end] + note;
    }
}
