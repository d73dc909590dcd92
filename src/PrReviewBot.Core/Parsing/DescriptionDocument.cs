using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Parsing;

/// <summary>
/// A PR description parsed once with Markdig and flattened into what the items read: prose blocks, code blocks,
/// tables, links and the item sections they sit in. Every item and finding reads this one structure.
/// </summary>
internal sealed partial class DescriptionDocument
{
    /// <summary>Descriptions longer than this are reviewed on their first part only (GitHub caps bodies at 65,536).</summary>
    public const int MaxAnalysedLength = 1 << 20;

    // Deeper nesting than this carries no meaning in a PR description; flattening it keeps parsing linear.
    private const int MaxContainerMarkers = 8;
    private const int MaxDelimitersPerLine = 200;
    private const int MaxIndent = 24;
    private const int MaxBacktickRun = 16;

    // Bare URLs are found in literal text by one cheap scan; Markdig's autolink extension costs more than the
    // rest of the parse together (measured in benchmarks/, see docs/PERFORMANCE.md).
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .Build();

    private readonly List<TextBlock> _blocks = [];
    private readonly List<CodeSnippet> _code = [];
    private readonly List<TableData> _tables = [];
    private readonly List<LinkReference> _links = [];
    private readonly List<DescriptionSection> _sections = [];
    private readonly Dictionary<string, SentenceReading> _readings = new(StringComparer.Ordinal);

    // Section scopes while walking: headings by level, and the label section that extends until the next label.
    private readonly List<(int Level, DescriptionSection? Section)> _headingScopes = [];
    private DescriptionSection? _labelSection;
    private int _labelSectionContainerDepth = -1;
    private string _lastText = string.Empty;
    private int _index;

    private DescriptionDocument(string text, bool truncated)
    {
        Text = text;
        Truncated = truncated;
    }

    /// <summary>The normalised description: LF line ends, no control characters, HTML comments kept out of blocks.</summary>
    public string Text { get; }

    /// <summary>True when the body was longer than <see cref="MaxAnalysedLength"/> and only its start was read.</summary>
    public bool Truncated { get; }

    /// <summary>True when Markdown could not be parsed (absurd nesting) and the body was read as plain lines.</summary>
    public bool ReadAsPlainText { get; private set; }

    public IReadOnlyList<TextBlock> Blocks => _blocks;

    public IReadOnlyList<CodeSnippet> CodeBlocks => _code;

    public IReadOnlyList<TableData> Tables => _tables;

    public IReadOnlyList<LinkReference> Links => _links;

    public IReadOnlyList<DescriptionSection> Sections => _sections;

    /// <summary>Item sections that carry something besides template leftovers.</summary>
    public IEnumerable<DescriptionSection> SectionsFor(ItemKind kind) => _sections.Where(s => s.Kinds.Contains(kind));

    /// <summary>The distinct items that have a heading or label of their own (for optimization-PR detection).</summary>
    public IReadOnlySet<ItemKind> HeadedItems => _sections.SelectMany(s => s.Kinds).ToHashSet();

    /// <summary>All prose of the description, block by block, for searches that do not care about structure.</summary>
    public IEnumerable<string> Prose => _blocks.Select(b => b.Text);

    /// <summary>Every sentence of the prose, in order.</summary>
    public IEnumerable<string> AllSentences => _blocks.SelectMany(b => b.Sentences);

    /// <summary>Every sentence of the prose without code-span backticks and bold markers.</summary>
    public IEnumerable<string> AllPlainSentences => _blocks.SelectMany(b => b.PlainSentences);

    /// <summary>
    /// Whether one reading per distinct sentence is kept and shared by every item, finding and mode (the default). Set
    /// the environment variable <c>PRREVIEWBOT_SHARED_READINGS=0</c> to work every fact out afresh on each question:
    /// the same verdicts, slower; the switch exists to measure the cache and to rule it out when chasing a bug.
    /// </summary>
    internal static bool ShareReadingsByDefault { get; } = Environment.GetEnvironmentVariable("PRREVIEWBOT_SHARED_READINGS") != "0";

    /// <summary>This document's copy of the switch above (tests compare both ways on one text).</summary>
    internal bool ShareReadings { get; set; } = ShareReadingsByDefault;

    /// <summary>The reading of <paramref name="sentence"/>: worked out on first use, then shared.</summary>
    public SentenceReading Read(string sentence)
    {
        if (!ShareReadings)
        {
            return new SentenceReading(sentence);
        }
        // One document serves one review on one thread, like the blocks' own sentence caches.
        if (!_readings.TryGetValue(sentence, out var reading))
        {
            reading = new SentenceReading(sentence);
            _readings.Add(sentence, reading);
        }
        return reading;
    }

    public static DescriptionDocument Parse(string? body)
    {
        var (text, truncated) = Normalise(body ?? string.Empty);
        var document = new DescriptionDocument(text, truncated);
        MarkdownDocument? ast = null;
        try
        {
            ast = Markdown.Parse(NeedsFlattening(text) ? Flatten(text) : text, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig refuses nesting beyond its depth limit; such a body is still reviewed, as plain lines.
        }
        if (ast is null)
        {
            document.ReadAsPlainText = true;
            document.ReadPlainLines(text);
        }
        else
        {
            document.Walk(ast);
        }
        document.CloseSections();
        return document;
    }

    private static (string Text, bool Truncated) Normalise(string body)
    {
        var truncated = body.Length > MaxAnalysedLength;
        if (!truncated && IsClean(body))
        {
            return (body, false);
        }
        var source = truncated ? body.AsSpan(0, MaxAnalysedLength) : body.AsSpan();
        var sb = new StringBuilder(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            var ch = source[i];
            if (ch == '\r')
            {
                if (i + 1 < source.Length && source[i + 1] == '\n')
                {
                    continue;
                }
                sb.Append('\n');
            }
            else if (ch == '\n' || ch == '\t' || !char.IsControl(ch))
            {
                // Lone surrogates would make the JSON and the comment invalid; drop them.
                if (char.IsSurrogate(ch) && !(i + 1 < source.Length && char.IsSurrogatePair(ch, source[i + 1])) &&
                    !(i > 0 && char.IsSurrogatePair(source[i - 1], ch)))
                {
                    continue;
                }
                sb.Append(ch);
            }
        }
        return (sb.ToString(), truncated);
    }

    /// <summary>No carriage returns, control characters or surrogates: the common case needs no copy.</summary>
    private static bool IsClean(string body)
    {
        foreach (var ch in body)
        {
            if ((ch < ' ' && ch != '\n' && ch != '\t') || (ch >= '\u007f' && ch <= '\u009f') || char.IsSurrogate(ch))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// True when some line nests deeper (quotes, list markers, indentation), runs more backticks, or carries more
    /// emphasis or bracket delimiters than <see cref="Flatten"/> allows. Such input would make Markdig work
    /// super-linearly before it gives up at its depth limit.
    /// </summary>
    private static bool NeedsFlattening(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }
            if (LineNeedsFlattening(text.AsSpan(start, end - start)))
            {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static bool LineNeedsFlattening(ReadOnlySpan<char> line)
    {
        var (markers, indent, _) = LeadingContainers(line);
        if (markers > MaxContainerMarkers || indent > MaxIndent)
        {
            return true;
        }
        int run = 0, emphasis = 0, brackets = 0;
        foreach (var ch in line)
        {
            run = ch == '`' ? run + 1 : 0;
            if (run > MaxBacktickRun)
            {
                return true;
            }
            if (ch is '*' or '_')
            {
                emphasis++;
            }
            else if (ch is '[' or ']')
            {
                brackets++;
            }
        }
        return emphasis > MaxDelimitersPerLine || brackets > MaxDelimitersPerLine;
    }

    /// <summary>How many container markers ("&gt;", "- ", "1. ") and indentation characters open a line, and where its text starts.</summary>
    private static (int Markers, int Indent, int TextStart) LeadingContainers(ReadOnlySpan<char> line)
    {
        int i = 0, markers = 0, indent = 0;
        while (i < line.Length)
        {
            var ch = line[i];
            if (ch == '>')
            {
                markers++;
                i++;
            }
            else if (ch is ' ' or '\t')
            {
                indent++;
                i++;
            }
            else if (ch is '-' or '*' or '+' && i + 1 < line.Length && line[i + 1] == ' ')
            {
                markers++;
                i += 2;
            }
            else if (char.IsAsciiDigit(ch))
            {
                var j = i;
                while (j < line.Length && j - i < 9 && char.IsAsciiDigit(line[j]))
                {
                    j++;
                }
                if (j + 1 < line.Length && line[j] is '.' or ')' && line[j + 1] == ' ')
                {
                    markers++;
                    i = j + 2;
                }
                else
                {
                    break;
                }
            }
            else
            {
                break;
            }
        }
        return (markers, indent, i);
    }

    /// <summary>
    /// Caps container nesting, indentation and backtick runs, and makes delimiter storms literal, so adversarial
    /// Markdown stays linear to parse. Ordinary descriptions never reach this.
    /// </summary>
    private static string Flatten(string text)
    {
        var sb = new StringBuilder(text.Length + 64);
        foreach (var line in text.Split('\n'))
        {
            var (markers, _, textStart) = LeadingContainers(line);
            if (markers > MaxContainerMarkers)
            {
                // Keep the first markers; the rest of the run is text, not structure.
                var kept = 0;
                var i = 0;
                for (; i < textStart && kept < MaxContainerMarkers; i++)
                {
                    sb.Append(line[i]);
                    if (line[i] is '>' or '-' or '*' or '+' or '.' or ')')
                    {
                        kept++;
                    }
                }
                // The markers beyond the cap are dropped; the line's text follows the kept ones.
                sb.Append(' ').Append(line.AsSpan(textStart).TrimStart()).Append('\n');
                continue;
            }
            var indent = 0;
            var p = 0;
            for (; p < textStart; p++)
            {
                if (line[p] is ' ' or '\t' && ++indent > MaxIndent)
                {
                    continue;
                }
                sb.Append(line[p]);
            }
            var rest = line.AsSpan(textStart);
            var storm = rest.Count('*') + rest.Count('_') > MaxDelimitersPerLine || rest.Count('[') + rest.Count(']') > MaxDelimitersPerLine;
            var run = 0;
            foreach (var ch in rest)
            {
                run = ch == '`' ? run + 1 : 0;
                if (run > MaxBacktickRun)
                {
                    continue;
                }
                if (storm && ch is '*' or '_' or '[' or ']')
                {
                    sb.Append('\\');
                }
                sb.Append(ch);
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private void ReadPlainLines(string text)
    {
        var line = 0;
        foreach (var raw in text.Split('\n'))
        {
            var t = raw.Trim().TrimStart('>', ' ', '-', '*', '+');
            if (t.Length > 0)
            {
                var links = ExtractBareUrls(t, _index);
                AddBlock(BlockRole.Paragraph, t, line, links);
            }
            line++;
        }
    }

    private void Walk(MarkdownDocument ast)
    {
        // Iterative pre-order walk: deep documents must not exhaust the stack. Depth counts container nesting.
        var stack = new Stack<(Block Block, int Depth)>();
        for (var i = ast.Count - 1; i >= 0; i--)
        {
            stack.Push((ast[i], 0));
        }
        while (stack.Count > 0)
        {
            var (block, depth) = stack.Pop();
            if (_labelSection is not null && _labelSection.Style == SectionStyle.ListLabel && depth <= _labelSectionContainerDepth)
            {
                // Left the list item that carried the label.
                _labelSection = null;
                _labelSectionContainerDepth = -1;
            }
            switch (block)
            {
                case HeadingBlock heading:
                    VisitHeading(heading);
                    break;
                case ParagraphBlock paragraph:
                    VisitParagraph(paragraph, depth, paragraph.Parent is ListItemBlock item && item.Count > 0 && item[0] == paragraph);
                    break;
                case FencedCodeBlock fenced:
                    AddCode(fenced.Info ?? string.Empty, fenced, fenced.Line);
                    break;
                case CodeBlock code:
                    AddCode(string.Empty, code, code.Line);
                    break;
                case HtmlBlock html:
                    VisitHtml(html);
                    break;
                case Table table:
                    VisitTable(table);
                    break;
                case ContainerBlock container:
                    for (var i = container.Count - 1; i >= 0; i--)
                    {
                        stack.Push((container[i], depth + 1));
                    }
                    break;
            }
        }
    }

    private void VisitHeading(HeadingBlock heading)
    {
        var links = new List<LinkReference>();
        var text = InlineText(heading.Inline, links).Trim();
        var kinds = SectionAliases.Match(text);
        while (_headingScopes.Count > 0 && _headingScopes[^1].Level >= heading.Level)
        {
            _headingScopes.RemoveAt(_headingScopes.Count - 1);
        }
        DescriptionSection? section = null;
        if (kinds.Count > 0)
        {
            section = new DescriptionSection(text, kinds, heading.Line + 1, SectionStyle.Heading);
            _sections.Add(section);
        }
        _headingScopes.Add((heading.Level, section));
        _labelSection = null;
        _labelSectionContainerDepth = -1;
        AddBlock(BlockRole.Heading, text, heading.Line + 1, links, section);
    }

    private void VisitParagraph(ParagraphBlock paragraph, int depth, bool firstInListItem)
    {
        var links = new List<LinkReference>();
        var text = InlineText(paragraph.Inline, links);
        var strong = paragraph.Inline?.FirstChild is EmphasisInline { DelimiterCount: >= 2 } first ? InlineText(first, null).Trim() : null;
        var lines = text.Split('\n');
        if (lines.Length == 1 || !lines.Skip(1).Any(l => LineLabel(l) is not null))
        {
            VisitChunk(text, paragraph.Line + 1, links, depth, firstInListItem, strong);
            return;
        }
        // "**Target:** —\n**Profile:** —\n**Benchmark:**" in one paragraph is several labelled blocks.
        var chunks = new List<(string Text, int Line)>();
        var current = new StringBuilder();
        var startLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (current.Length > 0 && LineLabel(lines[i]) is not null)
            {
                chunks.Add((current.ToString().TrimEnd('\n'), startLine));
                current.Clear();
                startLine = i;
            }
            current.Append(lines[i]).Append('\n');
        }
        chunks.Add((current.ToString().TrimEnd('\n'), startLine));
        var remaining = links.ToList();
        for (var c = 0; c < chunks.Count; c++)
        {
            var (chunk, offset) = chunks[c];
            var mine = remaining.Where(l => (l.Text.Length > 0 && chunk.Contains(l.Text, StringComparison.Ordinal)) ||
                                           chunk.Contains(l.Url, StringComparison.Ordinal) || c == chunks.Count - 1).ToList();
            remaining.RemoveAll(mine.Contains);
            VisitChunk(chunk, paragraph.Line + 1 + offset, mine, depth, firstInListItem && c == 0, c == 0 ? strong : LineLabel(chunk), forceBold: c > 0);
        }
    }

    private void VisitChunk(string text, int line, List<LinkReference> links, int depth, bool firstInListItem, string? strong, bool forceBold = false)
    {
        var (label, rest) = SplitLabel(text, strong);
        var role = firstInListItem ? BlockRole.ListItem : BlockRole.Paragraph;
        if (label is not null)
        {
            var kinds = SectionAliases.Match(label);
            var style = firstInListItem ? SectionStyle.ListLabel : SectionStyle.BoldLabel;
            var bold = forceBold || (strong is not null && label.Length > 0 && strong.TrimEnd(':', ' ', '.').Equals(label, StringComparison.Ordinal));
            if (kinds.Count > 0)
            {
                var section = new DescriptionSection(label, kinds, line, style);
                _sections.Add(section);
                // A bold label opens a section that runs until the next label or heading; a plain "Goal: ..." covers
                // its own paragraph only.
                _labelSection = bold || firstInListItem ? section : null;
                _labelSectionContainerDepth = firstInListItem ? depth - 1 : -1;
                section.Content.Append(rest).Append('\n');
                AddBlock(role, text, line, links, section, countContent: false);
                return;
            }
            if (!firstInListItem && bold && _labelSection?.Style == SectionStyle.BoldLabel)
            {
                // A new bold label for something else ends the previous label's section.
                _labelSection = null;
            }
        }
        AddBlock(role, text, line, links);
    }

    /// <summary>The item label a line starts with ("Rollback: ...", "Profile: —"), if any.</summary>
    private static string? LineLabel(string line)
    {
        var m = PlainLabel().Match(line);
        return m.Success && SectionAliases.Match(m.Groups["label"].Value).Count > 0 ? m.Groups["label"].Value.Trim() : null;
    }

    private void VisitHtml(HtmlBlock html)
    {
        var raw = html.Lines.ToString();
        if (html.Type == HtmlBlockType.Comment || raw.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
        {
            // Template prompts live in comments; they count as empty. Text after the comment's end is still prose.
            var end = raw.IndexOf("-->", StringComparison.Ordinal);
            raw = end >= 0 ? raw[(end + 3)..] : string.Empty;
            if (raw.Trim().Length == 0)
            {
                return;
            }
        }
        var links = new List<LinkReference>();
        ExtractHtmlLinks(raw, links);
        if (raw.Contains("<table", StringComparison.OrdinalIgnoreCase) || raw.Contains("<tr", StringComparison.OrdinalIgnoreCase))
        {
            ReadHtmlTable(raw, html.Line + 1);
        }
        var text = HtmlTag().Replace(HtmlComment().Replace(raw, " "), " ");
        text = System.Net.WebUtility.HtmlDecode(text).Trim();
        foreach (var img in links.Where(l => l.IsImage && l.Text.Length > 0))
        {
            text = (text + " " + img.Text).Trim();
        }
        if (text.Length > 0 || links.Count > 0)
        {
            AddBlock(BlockRole.Paragraph, text, html.Line + 1, links);
        }
    }

    /// <summary>An HTML table (people paste them, sometimes inside &lt;details&gt;) read like a Markdown one.</summary>
    private void ReadHtmlTable(string html, int line)
    {
        var header = new List<string>();
        var rows = new List<IReadOnlyList<string>>();
        // Split at each opening tag rather than matching open-to-close pairs: unclosed rows and cells (people paste
        // them, and hostile bodies repeat them) then cost one pass instead of a scan to the end per tag.
        foreach (var row in HtmlRowStart().Split(html).Skip(1))
        {
            var cells = HtmlCellStart().Split(row).Skip(1)
                .Select(c => System.Net.WebUtility.HtmlDecode(HtmlTag().Replace(HtmlCellEnd().Split(c, 2)[0], " ")).Trim())
                .ToList();
            if (cells.Count == 0)
            {
                continue;
            }
            if (header.Count == 0 && rows.Count == 0 &&
                (row.Contains("<th", StringComparison.OrdinalIgnoreCase) || (cells.Count > 1 && !cells.Any(c => ValueCell().IsMatch(c)))))
            {
                // A first row of headings, as <th> or as plain cells with no numbers in them ("<td><b>Before</b></td>").
                header = cells;
            }
            else if (header.Count > 1 && cells.Count == 1)
            {
                // A row spanning the table is a caption between groups of rows ("Small case"), not a row of values.
                continue;
            }
            else
            {
                rows.Add(cells);
            }
        }
        if (rows.Count > 0)
        {
            var section = CurrentSection();
            _tables.Add(new TableData(_index, header, rows, line, section, _lastText));
            section?.Content.Append("[table]\n");
        }
    }

    private void VisitTable(Table table)
    {
        // The text before the table, taken before its own cells become blocks.
        var leadIn = _lastText;
        var header = new List<string>();
        var rows = new List<IReadOnlyList<string>>();
        var tableIndex = _index;
        var read = new List<(List<(string Text, List<LinkReference> Links, int Line)> Cells, bool IsHeader)>();
        foreach (var rowBlock in table.OfType<TableRow>())
        {
            var cells = new List<(string Text, List<LinkReference> Links, int Line)>();
            foreach (var cell in rowBlock.OfType<TableCell>())
            {
                var links = new List<LinkReference>();
                var sb = new StringBuilder();
                foreach (var para in cell.OfType<ParagraphBlock>())
                {
                    sb.Append(InlineText(para.Inline, links)).Append(' ');
                }
                cells.Add((sb.ToString().Trim(), links, cell.Line + 1));
            }
            read.Add((cells, rowBlock.IsHeader));
        }
        // A template filled in as a table ("| Rollback | flag x off |"): rows whose first cell names an item are that
        // item's sections, as a bold label would be. Two rows naming different items make the table such a template;
        // one row ("| Target | 120 ms |" in a results table) does not.
        var labels = read.Select(r => r.Cells.Count >= 2 ? SectionAliases.Match(r.Cells[0].Text) : []).ToList();
        var labelTable = labels.Where(k => k.Count > 0).SelectMany(k => k).Distinct().Count() >= 2;
        for (var r = 0; r < read.Count; r++)
        {
            var (cells, isHeader) = read[r];
            DescriptionSection? own = null;
            if (labelTable && labels[r].Count > 0)
            {
                own = new DescriptionSection(cells[0].Text, labels[r], cells[0].Line, SectionStyle.TableLabel);
                _sections.Add(own);
            }
            for (var c = 0; c < cells.Count; c++)
            {
                var (text, links, line) = cells[c];
                if (text.Length > 0 || links.Count > 0)
                {
                    AddBlock(BlockRole.TableCell, text, line, links, own, countContent: own is null || c > 0);
                }
            }
            var texts = cells.Select(c => c.Text).ToList();
            if (isHeader && header.Count == 0)
            {
                header = texts;
            }
            else
            {
                rows.Add(texts);
            }
        }
        var section = CurrentSection();
        _tables.Add(new TableData(tableIndex, header, rows, table.Line + 1, section, leadIn));
        section?.Content.Append("[table]\n");
    }

    private void AddCode(string info, LeafBlock code, int line)
    {
        var content = code.Lines.ToString();
        var section = CurrentSection();
        _code.Add(new CodeSnippet(_index++, info.Trim(), content, line + 1, section, _lastText));
        if (content.Trim().Length > 0)
        {
            section?.Content.Append("[code]\n");
        }
        foreach (var link in ExtractBareUrls(content, _index - 1))
        {
            _links.Add(link with { Section = section });
        }
    }

    private void AddBlock(BlockRole role, string text, int line, List<LinkReference> links, DescriptionSection? own = null, bool countContent = true)
    {
        var section = own ?? CurrentSection();
        var index = _index++;
        IReadOnlyList<LinkReference> placed = links.Count == 0 ? [] : links.Select(l => l with { BlockIndex = index, Section = section }).ToList();
        _links.AddRange(placed);
        _blocks.Add(new TextBlock(index, role, text, line, section, placed));
        _lastText = text;
        if (countContent && section is not null && role != BlockRole.Heading)
        {
            section.Content.Append(text).Append('\n');
            if (placed.Count > 0)
            {
                section.Content.Append("[link]\n");
            }
        }
    }

    private DescriptionSection? CurrentSection()
    {
        if (_labelSection is not null)
        {
            return _labelSection;
        }
        for (var i = _headingScopes.Count - 1; i >= 0; i--)
        {
            if (_headingScopes[i].Section is { } s)
            {
                return s;
            }
        }
        return null;
    }

    private void CloseSections()
    {
        foreach (var section in _sections)
        {
            var content = section.Content.ToString();
            var meaningful = content.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            section.IsEmpty = meaningful.Count == 0 || meaningful.All(l => !IsStructuredContent(l) && Leftovers.IsPlaceholder(l)) ||
                              (meaningful.Count > 0 && Leftovers.DeclaresNotApplicable(meaningful[0]) && !meaningful.Any(IsStructuredContent));
            section.DeclaredNotApplicable = meaningful.Count > 0 && Leftovers.DeclaresNotApplicable(meaningful[0]);
        }
    }

    private static bool IsStructuredContent(string line) => line is "[table]" or "[code]" or "[link]";

    /// <summary>
    /// Splits "**Rollback:** flag x" or "Rollback: flag x" into label and rest. A label is short and sits at the very
    /// start of the paragraph, either in bold or before the first colon.
    /// </summary>
    private static (string? Label, string Remainder) SplitLabel(string text, string? strong)
    {
        if (strong is not null && strong.Length > 0 && strong.Length <= 60 && text.StartsWith(strong, StringComparison.Ordinal))
        {
            var label = strong.TrimEnd(':', ' ', '.');
            var after = text[strong.Length..].TrimStart(':', ' ', '—', '-', '–');
            if (label.Length > 0)
            {
                return (label, after);
            }
        }
        var m = PlainLabel().Match(text);
        return m.Success ? (m.Groups["label"].Value.Trim(), m.Groups["rest"].Value) : (null, text);
    }


    /// <summary>Plain text of inlines; code spans keep their backticks; links keep their text and are collected.</summary>
    private static string InlineText(ContainerInline? container, List<LinkReference>? links)
    {
        if (container?.FirstChild is null)
        {
            return string.Empty;
        }
        var sb = t_builder ??= new StringBuilder(256);
        sb.Clear();
        AppendInlines(container, sb, links, 0);
        var text = sb.ToString();
        if (links is not null && text.Contains("://", StringComparison.Ordinal))
        {
            // Bare URLs in prose (no autolink extension: one scan of the finished text is cheaper).
            foreach (var bare in ExtractBareUrls(text, -1))
            {
                if (!links.Any(l => l.Url == bare.Url || l.Text == bare.Url))
                {
                    links.Add(bare);
                }
            }
        }
        return text;
    }

    [ThreadStatic]
    private static StringBuilder? t_builder;

    /// <summary>Text of an inline inside one being read (the shared builder is busy then).</summary>
    private static string NestedText(ContainerInline inline)
    {
        var sb = new StringBuilder();
        AppendInlines(inline, sb, null, 1);
        return sb.ToString();
    }

    // Recursion is bounded: Markdig refuses inline nesting deeper than its depth limit (128) before we get here.
    private static void AppendInlines(ContainerInline container, StringBuilder sb, List<LinkReference>? links, int depth)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    sb.Append('`').Append(code.Content).Append('`');
                    break;
                case LineBreakInline:
                    sb.Append('\n');
                    break;
                case AutolinkInline auto:
                    links?.Add(new LinkReference(auto.Url, auto.Url, false, -1, null));
                    sb.Append(auto.Url);
                    break;
                case TaskList task:
                    sb.Append(task.Checked ? "[x] " : "[ ] ");
                    break;
                case HtmlInline html:
                    if (links is not null && html.Tag.Length > 4)
                    {
                        ExtractHtmlLinks(html.Tag, links);
                    }
                    if (html.Tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase))
                    {
                        sb.Append('\n');
                    }
                    break;
                case LinkInline link:
                    {
                        var start = sb.Length;
                        AppendInlines(link, sb, null, depth + 1);
                        var label = sb.ToString(start, sb.Length - start);
                        if (link.IsImage)
                        {
                            links?.Add(new LinkReference(link.Url ?? string.Empty, label, true, -1, null));
                            if (label.Length == 0 || label.Equals("image", StringComparison.OrdinalIgnoreCase))
                            {
                                sb.Length = start;
                            }
                        }
                        else
                        {
                            links?.Add(new LinkReference(link.Url ?? string.Empty, label, false, -1, null));
                            // An image wrapped in a link ([![x](img)](url)) is an image too.
                            if (link.FirstChild is LinkInline { IsImage: true } inner)
                            {
                                links?.Add(new LinkReference(inner.Url ?? string.Empty, NestedText(inner), true, -1, null));
                            }
                            if (label.Length == 0)
                            {
                                sb.Append(link.Url);
                            }
                        }
                        break;
                    }
                case ContainerInline inner when depth < 256:
                    AppendInlines(inner, sb, links, depth + 1);
                    break;
            }
        }
    }

    private static void ExtractHtmlLinks(string html, List<LinkReference> links)
    {
        foreach (Match m in HtmlImage().Matches(html))
        {
            var src = Attribute(m.Value, "src");
            if (src is not null)
            {
                links.Add(new LinkReference(src, Attribute(m.Value, "alt") ?? string.Empty, true, -1, null));
            }
        }
        foreach (Match m in HtmlAnchor().Matches(html))
        {
            var href = Attribute(m.Value, "href");
            if (href is not null)
            {
                links.Add(new LinkReference(href, string.Empty, false, -1, null));
            }
        }
    }

    private static string? Attribute(string tag, string name)
    {
        foreach (Match m in HtmlAttribute().Matches(tag))
        {
            if (m.Groups["n"].Value.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return System.Net.WebUtility.HtmlDecode(m.Groups["v"].Value);
            }
        }
        return null;
    }

    private static List<LinkReference> ExtractBareUrls(string text, int blockIndex)
    {
        var list = new List<LinkReference>();
        foreach (Match m in BareUrl().Matches(text))
        {
            list.Add(new LinkReference(m.Value.TrimEnd(UrlTrailers), string.Empty, false, blockIndex, null));
        }
        return list;
    }

    // Punctuation after a bare URL that is the sentence's, not the URL's; built once.
    private static readonly char[] UrlTrailers = ['.', ',', ')', ';', ':'];

    [GeneratedRegex(@"^\s*(?<label>[^:\n`]{1,48}?)\s*:\s*(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex PlainLabel();

    [GeneratedRegex(@"\b(?<n>src|alt|href)\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)'|(?<v>[^\s>]+))", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAttribute();

    [GeneratedRegex(@"<tr\b[^<>]{0,2000}>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlRowStart();

    [GeneratedRegex(@"<t[hd]\b[^<>]{0,2000}>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlCellStart();

    [GeneratedRegex(@"</t[hd]\s*>|</tr\s*>|</table\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlCellEnd();

    [GeneratedRegex(@"<img\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlImage();

    [GeneratedRegex(@"<a\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAnchor();

    [GeneratedRegex(@"<[^>]{0,2000}>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"https?://[^\s<>""'`\]\[)]+", RegexOptions.IgnoreCase)]
    private static partial Regex BareUrl();

    // A cell that holds a value rather than a heading: "17.80", "~3 s", "12%".
    [GeneratedRegex(@"^[~≈<>]?\s*[-+−]?\d[\d,.]*\s?[A-Za-zµ%/]{0,5}$")]
    private static partial Regex ValueCell();
}
