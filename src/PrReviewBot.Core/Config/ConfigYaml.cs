using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PrReviewBot.Core.Config;

/// <summary>A YAML node of a config file, with where it starts so errors can name the line.</summary>
internal abstract class ConfigNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>Set when the node stands in for something already reported (an unknown alias): no second error.</summary>
    public bool Broken { get; init; }

    public abstract string KindName { get; }
}

internal sealed class ConfigScalar(int line, int column, string value, bool plain, string? tag) : ConfigNode(line, column)
{
    public string Value { get; } = value;

    /// <summary>Unquoted and untagged: only such a scalar can be a boolean, a number or null.</summary>
    public bool Plain { get; } = plain;

    public string? Tag { get; } = tag;

    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => IsNull ? "empty" : "a single value";
}

internal sealed class ConfigMapping(int line, int column) : ConfigNode(line, column)
{
    public List<KeyValuePair<ConfigNode, ConfigNode>> Entries { get; } = [];

    public override string KindName => "a mapping";
}

internal sealed class ConfigSequence(int line, int column) : ConfigNode(line, column)
{
    public List<ConfigNode> Items { get; } = [];

    public override string KindName => "a list";
}

/// <summary>
/// Reads YAML text into <see cref="ConfigNode"/>s from YamlDotNet's parser events rather than its representation
/// model, because a hostile file must not be able to hurt us: the model stops at the first duplicate key (we report
/// all of them), builds nested nodes recursively (a deeply nested file could overflow the stack), and can build
/// cyclic graphs from recursive aliases. Here depth and node count are capped while reading, an alias shares the
/// node it names (nothing is expanded), and an alias to a node still being read is refused, so no cycle can exist.
/// </summary>
internal static class ConfigYaml
{
    public const int MaxDepth = 20;
    public const int MaxNodes = 10_000;

    public static ConfigNode? Read(string text, string file, List<ConfigError> errors)
    {
        var stack = new Stack<(ConfigNode Node, string? Anchor)>();
        var pendingKey = new Dictionary<ConfigMapping, ConfigNode>(ReferenceEqualityComparer.Instance);
        var anchors = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        var openAnchors = new HashSet<string>(StringComparer.Ordinal);
        ConfigNode? root = null;
        var documents = 0;
        var nodes = 0;
        var (lastLine, lastColumn) = (1, 1);

        void Add(ConfigNode node)
        {
            if (stack.Count == 0)
            {
                root = node;
                return;
            }
            switch (stack.Peek().Node)
            {
                case ConfigSequence sequence:
                    sequence.Items.Add(node);
                    break;
                case ConfigMapping mapping when pendingKey.Remove(mapping, out var key):
                    mapping.Entries.Add(new(key, node));
                    break;
                case ConfigMapping mapping:
                    pendingKey[mapping] = node;
                    break;
            }
        }

        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                var parsingEvent = parser.Current!;
                var line = (int)Math.Min(parsingEvent.Start.Line, int.MaxValue);
                var column = (int)Math.Min(parsingEvent.Start.Column, int.MaxValue);
                (lastLine, lastColumn) = ((int)Math.Min(parsingEvent.End.Line, int.MaxValue), (int)Math.Min(parsingEvent.End.Column, int.MaxValue));
                if (parsingEvent is NodeEvent && ++nodes > MaxNodes)
                {
                    errors.Add(new ConfigError(file, line, column,
                        $"the file has more than {MaxNodes:N0} YAML nodes; a perf-review.yml needs a few dozen"));
                    return null;
                }
                switch (parsingEvent)
                {
                    case DocumentStart:
                        if (++documents > 1)
                        {
                            errors.Add(new ConfigError(file, line, column,
                                "the file holds more than one YAML document (a second `---`); put everything in one"));
                            return null;
                        }
                        break;
                    case Scalar scalar:
                        var scalarNode = new ConfigScalar(line, column, scalar.Value,
                            scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty,
                            scalar.Tag.IsEmpty ? null : scalar.Tag.Value);
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor.Value] = scalarNode;
                        }
                        Add(scalarNode);
                        break;
                    case MappingStart or SequenceStart:
                        if (stack.Count >= MaxDepth)
                        {
                            errors.Add(new ConfigError(file, line, column,
                                $"the file nests deeper than {MaxDepth} levels; a perf-review.yml needs three"));
                            return null;
                        }
                        var start = (NodeEvent)parsingEvent;
                        ConfigNode container = parsingEvent is MappingStart
                            ? new ConfigMapping(line, column)
                            : new ConfigSequence(line, column);
                        string? anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value;
                        if (anchor is not null)
                        {
                            openAnchors.Add(anchor);
                        }
                        if (start.Tag is { IsEmpty: false } containerTag)
                        {
                            errors.Add(new ConfigError(file, line, column,
                                $"YAML tags such as `{Quote(containerTag.Value)}` are not used in this file; remove it"));
                        }
                        stack.Push((container, anchor));
                        break;
                    case MappingEnd or SequenceEnd:
                        var (done, doneAnchor) = stack.Pop();
                        if (doneAnchor is not null)
                        {
                            openAnchors.Remove(doneAnchor);
                            anchors[doneAnchor] = done;
                        }
                        if (done is ConfigMapping unfinished && pendingKey.Remove(unfinished, out var danglingKey))
                        {
                            unfinished.Entries.Add(new(danglingKey, new ConfigScalar(line, column, "", true, null)));
                        }
                        Add(done);
                        break;
                    case AnchorAlias alias:
                        if (anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            Add(target);
                            break;
                        }
                        errors.Add(new ConfigError(file, line, column, openAnchors.Contains(alias.Value.Value)
                            ? $"alias `*{Quote(alias.Value.Value)}` refers to a node that contains it; recursive aliases are not allowed"
                            : $"alias `*{Quote(alias.Value.Value)}` does not refer to an anchor (`&{Quote(alias.Value.Value)}`) defined above it"));
                        Add(new ConfigScalar(line, column, "", true, null) { Broken = true });
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            if (!(ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && ReportTabIndentation(text, file, errors)))
            {
                var line = (int)Math.Clamp(ex.Start.Line, 0, int.MaxValue);
                var column = (int)Math.Clamp(ex.Start.Column, 0, int.MaxValue);
                errors.Add(new ConfigError(file, line, column, $"YAML syntax error: {SyntaxMessage(ex)}"));
            }
            return null;
        }
#pragma warning disable CA1031 // a config file must never crash the bot: anything the YAML library throws becomes an error
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The YAML library sometimes fails without a location (an InvalidOperationException from its scanner on an
            // unclosed flow list); point at the end of the last thing it did read.
            if (!ReportTabIndentation(text, file, errors))
            {
                errors.Add(new ConfigError(file, lastLine, lastColumn,
                    $"YAML syntax error after this point: check brackets, quotes and indentation ({ex.GetType().Name})"));
            }
            return null;
        }
        return root;
    }

    /// <summary>
    /// YAML forbids tabs for indentation, and the parser's own message points at the start of the block rather than the
    /// tab. When a syntax error meets tab-indented lines, name those lines instead.
    /// </summary>
    private static bool ReportTabIndentation(string text, string file, List<ConfigError> errors)
    {
        var found = false;
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var column = 0;
            while (column < line.Length && line[column] is ' ' or '\t')
            {
                if (line[column] == '\t')
                {
                    var rest = line.AsSpan(column).Trim();
                    if (rest.Length > 0 && rest[0] != '#')
                    {
                        errors.Add(new ConfigError(file, lineNumber, column + 1,
                            "this line is indented with a tab; YAML allows only spaces for indentation"));
                        found = true;
                    }
                    break;
                }
                column++;
            }
            if (errors.Count >= ConfigParser.MaxErrors)
            {
                break;
            }
        }
        return found;
    }

    private static string SyntaxMessage(YamlException ex)
    {
        // YamlDotNet prefixes messages with its position "(Line: 3, Col: 5, Idx: 20) - (...): "; we give ours separately.
        var message = ex.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0)
        {
            message = message[(cut + 3)..];
        }
        return message.Trim().TrimEnd('.');
    }

    /// <summary>Makes a piece of the file safe and short enough to quote in a message.</summary>
    public static string Quote(string value, int max = 40)
    {
        var cut = value.Length > max;
        var shown = cut ? value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)] : value;
        var builder = new System.Text.StringBuilder(shown.Length + 1);
        foreach (var c in shown)
        {
            builder.Append(char.IsControl(c) ? ' ' : c == '`' ? '\'' : c);
        }
        return cut ? builder.Append('…').ToString() : builder.ToString();
    }
}
