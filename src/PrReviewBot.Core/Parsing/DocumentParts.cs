using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Parsing;

/// <summary>What a text block is in the description's structure.</summary>
internal enum BlockRole
{
    Heading,
    Paragraph,
    ListItem,
    TableCell,
}

/// <summary>
/// A run of prose from the description: a heading, a paragraph, a list item's own text, or a table cell.
/// Inline code keeps its backticks so names stay recognisable; links keep their text.
/// </summary>
internal sealed record TextBlock(
    int Index,
    BlockRole Role,
    string Text,
    int Line,
    DescriptionSection? Section,
    IReadOnlyList<LinkReference> Links)
{
    /// <summary>The item kinds of the section this block belongs to (empty when outside any item section).</summary>
    public IReadOnlyList<ItemKind> Kinds => Section?.Kinds ?? [];

    private IReadOnlyList<string>? _sentences;
    private IReadOnlyList<string>? _plainSentences;

    public bool In(ItemKind kind) => Section is not null && Section.Kinds.Contains(kind);

    /// <summary>The block's sentences, split once and shared by every item.</summary>
    public IReadOnlyList<string> Sentences => _sentences ??= Parsing.Sentences.Of(Text).ToList();

    /// <summary>The sentences without code-span backticks and bold markers.</summary>
    public IReadOnlyList<string> PlainSentences => _plainSentences ??= Sentences.Select(Parsing.Sentences.Plain).ToList();
}

/// <summary>A fenced or indented code block, with the prose just before it (often "Before:" or "Profile:").</summary>
internal sealed record CodeSnippet(
    int Index,
    string Info,
    string Content,
    int Line,
    DescriptionSection? Section,
    string LeadIn)
{
    private string? _leadSentence;

    public IReadOnlyList<ItemKind> Kinds => Section?.Kinds ?? [];

    /// <summary>The last sentence of the lead-in ("switch back with one line in config.toml:"), read once.</summary>
    public string LeadSentence => _leadSentence ??= Sentences.Of(LeadIn).LastOrDefault() ?? string.Empty;
}

/// <summary>A Markdown table: header cells and body rows, as plain text.</summary>
internal sealed record TableData(
    int Index,
    IReadOnlyList<string> Header,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    int Line,
    DescriptionSection? Section,
    string LeadIn);

/// <summary>A link, image, autolink, bare URL or HTML <c>&lt;img&gt;</c> found in the description.</summary>
internal sealed record LinkReference(
    string Url,
    string Text,
    bool IsImage,
    int BlockIndex,
    DescriptionSection? Section)
{
    private LinkKind? _kind;

    /// <summary>What the URL points at, classified once per link.</summary>
    public LinkKind Kind => _kind ??= LinkKinds.Classify(Url);
}

/// <summary>
/// A part of the description that speaks for one or more items: under a heading ("## Rollback"), after a bold
/// label ("**Rollback:** ..."), or in a list item that starts with a label ("- Rollback: ...").
/// </summary>
internal sealed class DescriptionSection
{
    public DescriptionSection(string title, IReadOnlyList<ItemKind> kinds, int line, SectionStyle style)
    {
        Title = title;
        Kinds = kinds;
        Line = line;
        Style = style;
    }

    public string Title { get; }

    public IReadOnlyList<ItemKind> Kinds { get; }

    public int Line { get; }

    public SectionStyle Style { get; }

    /// <summary>The section's own text (label remainder plus following blocks), leftovers removed.</summary>
    public System.Text.StringBuilder Content { get; } = new();

    /// <summary>True when the section holds nothing but template leftovers (N/A, TODO, a template comment...).</summary>
    public bool IsEmpty { get; set; }

    /// <summary>True when the author said outright that nothing applies ("N/A", "none", "not set").</summary>
    public bool DeclaredNotApplicable { get; set; }
}

internal enum SectionStyle
{
    Heading,
    BoldLabel,
    ListLabel,

    /// <summary>A table row whose first cell names an item, in a table that is a filled-in template.</summary>
    TableLabel,
}
