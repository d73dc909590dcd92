using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Items.Rollback;

/// <summary>
/// Finds the names of switches a description talks about: `feed_l1_cache` in a sentence about a flag,
/// <c>--feature-gates=Name=false</c>, <c>SET name = 0</c>, <c>NAME=0</c>, <c>-ruler.max-concurrency=0</c>.
/// A code span counts only where the sentence is about a flag, setting or gate, or in the rollback section.
/// </summary>
internal static partial class SwitchNames
{
    public static IReadOnlyList<string> Read(DescriptionDocument document)
    {
        var names = new List<string>();
        foreach (var block in document.Blocks)
        {
            // A block that says how to turn something off makes its switch-shaped code spans switches:
            // "The merge only runs with `--fast-merge`. Leave the flag out and …".
            // Only a block with a code span has spans to promote, so only such a block is asked (the cue patterns are costly).
            var inSection = block.In(ItemKind.Rollback) ||
                            (block.Text.Contains('`', StringComparison.Ordinal) && block.Sentences.Any(s => document.Read(s).DisableInstruction is not null));
            foreach (var sentence in block.Sentences)
            {
                foreach (var name in FromSentence(document.Read(sentence), inSection))
                {
                    Add(names, name);
                }
            }
        }
        foreach (var code in document.CodeBlocks)
        {
            if (RollbackItem.ProseBlock(code))
            {
                var disables = Sentences.Of(code.Content).Any(s => document.Read(s).DisableInstruction is not null);
                foreach (var sentence in Sentences.Of(code.Content.Replace('\n', ' ')))
                {
                    foreach (var name in FromSentence(document.Read(sentence), disables))
                    {
                        Add(names, name);
                    }
                }
                continue;
            }
            // Config lines in the rollback section, or in a block introduced by how to turn the change off.
            if (code.Kinds.Contains(ItemKind.Rollback) || document.Read(code.LeadSentence).DisableInstruction is not null)
            {
                // A plain key under a TOML/INI table is named by its table: "[registries.crates-io]" + "protocol".
                var table = string.Empty;
                foreach (var line in code.Content.Split('\n'))
                {
                    var header = TableHeader().Match(line);
                    if (header.Success)
                    {
                        table = header.Groups["table"].Value;
                        continue;
                    }
                    var m = Assignment().Match(line);
                    if (m.Success)
                    {
                        var key = m.Groups["name"].Value;
                        Add(names, table.Length > 0 && key.IndexOfAny(['.', '_', '-', ':']) < 0 ? table + "." + key : key);
                    }
                }
            }
        }
        return names;
    }

    private static IEnumerable<string> FromSentence(SentenceReading reading, bool inRollbackSection)
    {
        var sentence = reading.Text;
        var hasCode = sentence.Contains('`', StringComparison.Ordinal);
        var switchWords = reading.HasSwitchWord;
        if (sentence.Contains("--", StringComparison.Ordinal) && reading.DisableInstruction is not null)
        {
            // "configure with --enable-openmp-for-fast-formats": a long option written without backticks, in the sentence
            // that says how to go back.
            foreach (Match m in BareLongOption().Matches(Sentences.Plain(sentence)))
            {
                yield return m.Value;
            }
        }
        if (sentence.Contains(" is ", StringComparison.Ordinal) && NamedAsSwitch().Match(Sentences.Plain(sentence)) is { Success: true } named)
        {
            // "LegacyBlit is still a preference", "prefetch_pages is an option": a name the sentence calls a switch.
            yield return "=" + named.Groups["name"].Value;
        }
        if (!hasCode && !switchWords && !inRollbackSection)
        {
            yield break;
        }
        if (sentence.Contains("--feature-gates=", StringComparison.Ordinal))
        {
            foreach (Match m in FeatureGate().Matches(sentence))
            {
                yield return m.Groups["name"].Value;
            }
        }
        if (sentence.Contains("SET ", StringComparison.OrdinalIgnoreCase))
        {
            foreach (Match m in SqlSetting().Matches(sentence))
            {
                yield return m.Groups["name"].Value;
            }
        }
        if (!hasCode && !switchWords)
        {
            yield break;
        }
        var aboutSwitch = inRollbackSection || (switchWords && SwitchContext().IsMatch(reading.Plain));
        foreach (Match span in CodeSpan().Matches(sentence))
        {
            var code = span.Groups["code"].Value.Trim();
            var assign = Assignment().Match(code);
            if (MappingOff().Match(code) is { Success: true } entry)
            {
                // "`FLAGS = {"FAST_PATH": False}`", "`{fast_path: off}`": the key a mapping turns off.
                yield return "=" + entry.Groups["name"].Value;
            }
            else if (FlagArgument().Match(code) is { Success: true } toggled)
            {
                // "`-f -simd`", "`--flags +fast-io`": an option whose argument switches a named flag off or on.
                yield return "=" + toggled.Groups["name"].Value;
            }
            else if ((aboutSwitch || reading.DisableInstruction is not null) && VmFlag().Match(code) is { Success: true } vmFlag)
            {
                // A virtual machine's flag: "`+sbwt none`" (BEAM), "`-XX:-UseBiasedLocking`" (JVM).
                yield return "=" + vmFlag.Groups["name"].Value;
            }
            else if (code.Contains('*', StringComparison.Ordinal) && Wildcard().IsMatch(code) && WildcardKeys().IsMatch(sentence[(span.Index + span.Length)..]))
            {
                // "the two `*_queue_wait` keys": a family of settings named by a pattern.
                yield return "=" + code;
            }
            else if (SetterOff().Match(code) is { Success: true } setter)
            {
                // "`opts.set_nodelay(false)`", "`builder.WithCache(false)`": the setting the call turns off.
                yield return "=" + setter.Groups["name"].Value;
            }
            else if ((aboutSwitch || reading.DisableInstruction is not null) && ConfigTuple().Match(code) is { Success: true } tuple)
            {
                // "`{segment_entries, 4096}`": an Erlang/Elixir config term names its setting first.
                yield return "=" + tuple.Groups["name"].Value;
            }
            else if ((aboutSwitch || reading.DisableInstruction is not null) && NestedMapping().Match(code) is { Success: true } nested)
            {
                // "`cache: { store: 'disk', level: 'fast' }`": each key of an object literal is a setting under its parent.
                foreach (Match pair in MappingEntry().Matches(nested.Groups["body"].Value))
                {
                    yield return "=" + nested.Groups["outer"].Value + "." + pair.Groups["key"].Value;
                }
            }
            else if (assign.Success && (aboutSwitch || Offish().IsMatch(assign.Groups["value"].Value) || EnvironmentName().IsMatch(assign.Groups["name"].Value) ||
                                        reading.DisableInstruction is not null))
            {
                // "`swcMinify: false`", "`useCache=off`": a key given an off value is a switch whatever its shape; so is any key
                // assigned in the sentence that says how to turn the change off ("remove `GOGC=400` from the unit").
                yield return (OffValue().IsMatch(assign.Groups["value"].Value) ? "=" : string.Empty) + assign.Groups["name"].Value;
            }
            else if (!code.Contains(' ', StringComparison.Ordinal) && AdjacentSwitchWord().IsMatch(sentence[(span.Index + span.Length)..]))
            {
                // "the `simd` feature", "the `fast` flag": a plain word named as a switch.
                yield return "=" + code;
            }
            else if (aboutSwitch && !code.Contains(' ', StringComparison.Ordinal))
            {
                yield return code;
            }
            else if (ConfigDirective().Match(code) is { Success: true } directive && !UpperCaseWord().IsMatch(directive.Groups["name"].Value.ToUpperInvariant()) &&
                     (code.EndsWith(';') || LineWord().IsMatch(sentence[(span.Index + span.Length)..]) || reading.DisableInstruction?.Contains(code, StringComparison.Ordinal) == true) &&
                     (aboutSwitch || reading.DisableInstruction is not null))
            {
                // "Delete the `keepalive 48;` line", "put `keepalive 48` back": a config directive ("name value;") is named by its
                // first word, when it is what the sentence deletes or puts back.
                yield return "=" + directive.Groups["name"].Value;
            }
        }
        // "flag feed_l1_cache", "the MinimizeIPTablesRestore gate" without backticks.
        if (!switchWords)
        {
            yield break;
        }
        foreach (Match m in NamedFlag().Matches(sentence))
        {
            yield return m.Groups["name"].Value;
        }
    }

    private static void Add(List<string> names, string raw)
    {
        // A leading '=' marks a name the sentence itself calls a switch: any identifier is accepted then.
        var named = raw.StartsWith('=');
        var name = raw.TrimStart('=').Trim().Trim(NameQuotes);
        if (named && (PlainWord().IsMatch(name) || Wildcard().IsMatch(name)) && !names.Contains(name, StringComparer.Ordinal))
        {
            names.Add(name);
            return;
        }
        if (name.StartsWith("--feature-gates=", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        // "-fllvm", "--nocache": a command-line flag is a switch by its dash, whatever the word after it.
        var flag = CommandLineFlag().IsMatch(name);
        name = name.TrimStart('-');
        if (!(flag || LooksLikeSwitch(name)) || names.Contains(name, StringComparer.Ordinal))
        {
            return;
        }
        names.Add(name);
    }

    /// <summary>An identifier shaped like a switch name, not a sentence, path, call, number or metric.</summary>
    internal static bool LooksLikeSwitch(string name)
    {
        if (name.Length is < 3 or > 80 || !Identifier().IsMatch(name) || NotASwitch().IsMatch(name))
        {
            return false;
        }
        var hasSeparator = name.IndexOfAny(NameSeparators) >= 0;
        var upperCount = name.Count(char.IsUpper);
        var camel = upperCount >= 2 && name.Any(char.IsLower);
        var shouty = name.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '_') &&
                     (name.Contains('_', StringComparison.Ordinal) || (name.Length >= 4 && !UpperCaseWord().IsMatch(name)));
        return hasSeparator || camel || shouty;
    }

    // Built once: a char[] written in the call is a new array on every call.
    private static readonly char[] NameQuotes = ['`', '\'', '"', '[', ']', ',', '.', ';', ':'];
    private static readonly char[] NameSeparators = ['_', '.', '-', ':', '/'];

    // Upper-case words that are SQL, protocols or notes, not environment variables.
    [GeneratedRegex(@"^(?:SELECT|WHERE|FROM|JOIN|INSERT|UPDATE|DELETE|INDEX|TABLE|VALUES|FINAL|PREWHERE|ORDER|GROUP|LIMIT|UNION|HAVING|CREATE|ALTER|DROP|EXPLAIN|ANALYZE|NULL|TRUE|FALSE|TODO|NOTE|FIXME|HTTP|HTTPS|JSON|YAML|HTML|GRPC|REST|NONE|WARN|INFO|DEBUG|ERROR|READ|WRITE|POST|PATCH|HEAD|OPTIONS)$")]
    private static partial Regex UpperCaseWord();

    [GeneratedRegex(@"^\s*(?:feature|flag|setting|option|toggle|variable|gate|cvar|parameter)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AdjacentSwitchWord();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]{2,40}$")]
    private static partial Regex PlainWord();

    [GeneratedRegex(@"\{\s*[""']?(?<name>[A-Za-z_][\w.-]{2,60})[""']?\s*:\s*(?:false|off|disabled|no|0)\s*[,}]", RegexOptions.IgnoreCase)]
    private static partial Regex MappingOff();

    [GeneratedRegex(@"^(?:\+(?<name>[A-Za-z]\w{1,30})(?:\s+[\w.-]+)?(?:\s+\+[A-Za-z]\w*(?:\s+[\w.-]+)?)*|-XX:[+-](?<name>[A-Za-z]\w{2,60}))$")]
    private static partial Regex VmFlag();

    [GeneratedRegex(@"(?<![\w.-])(?<name>[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+|[a-z][a-z0-9]*(?:[_.-][a-z0-9]+)+) is (?:still |now |also |only )?an? (?:user |runtime |config(?:uration)? )?(?:preference|setting|option|flag|toggle|feature flag)\b")]
    private static partial Regex NamedAsSwitch();

    [GeneratedRegex(@"^\{\s*(?<name>[a-z][\w.]{2,60})\s*,\s*[^{},\s][^{},]{0,40}\}$")]
    private static partial Regex ConfigTuple();

    [GeneratedRegex(@"^(?<outer>[A-Za-z_][\w-]{1,40})\s*[:=]\s*\{(?<body>[^{}]{3,200})\}\s*,?$")]
    private static partial Regex NestedMapping();

    [GeneratedRegex(@"(?<key>[A-Za-z_][\w-]{1,40})\s*:\s*(?:'[^'\n]{0,40}'|""[^""\n]{0,40}""|[\w.-]{1,40})")]
    private static partial Regex MappingEntry();

    [GeneratedRegex(@"^-{1,2}[A-Za-z][\w-]*\s+[-+](?<name>[A-Za-z][\w.-]{2,40})$")]
    private static partial Regex FlagArgument();

    // "*_queue_wait", "cache.*": a name with a wildcard for the part that varies.
    [GeneratedRegex(@"^(?=[^*]*\*[^*]*$)\*?[A-Za-z_][\w.-]{2,40}\*?$|^[A-Za-z_][\w.-]{1,40}\*[\w.-]{0,40}$")]
    private static partial Regex Wildcard();

    [GeneratedRegex(@"^\s*(?:\w+\s+)?(?:keys|settings|options|flags|variables|entries|parameters)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WildcardKeys();

    [GeneratedRegex(@"^--?[A-Za-z][\w-]{2,40}$")]
    private static partial Regex CommandLineFlag();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w=-])")]
    private static partial Regex BareLongOption();

    // A config directive written the nginx/Apache/Redis way: a name, its values, an optional semicolon.
    [GeneratedRegex(@"^(?<name>[A-Za-z_][\w.-]{2,40})\s+[^\s;{}=][^;{}=]{0,60};?$")]
    private static partial Regex ConfigDirective();

    [GeneratedRegex(@"(?:\b(?:set|with|enable|use)_|\b(?:Set|With|Enable|Use)(?=[A-Z])|\b)(?<name>[A-Za-z]\w{2,40})\(\s*(?:false|off|disabled)\s*\)\s*;?\s*$")]
    private static partial Regex SetterOff();

    // An environment variable assigned in code ("`MALLOC_ARENA_MAX=2`") is a setting whatever the sentence says about it.
    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex(@"^\s*(?:line|directive|entry|statement)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LineWord();

    [GeneratedRegex(@"`(?<code>[^`\n]{1,120})`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"--feature-gates=(?<name>[A-Za-z][\w]*)=")]
    private static partial Regex FeatureGate();

    [GeneratedRegex(@"\bSET\s+(?:CLUSTER\s+SETTING\s+|GLOBAL\s+|SESSION\s+)?(?<name>[a-z][\w.]*)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex SqlSetting();

    [GeneratedRegex(@"^\s*(?:\[[\w.]+\]\s*)?(?:(?:flags\s+set|export|SET)\s+)?-{0,2}[""']?(?<name>[A-Za-z][\w.:-]*)[""']?\s*[=:]\s*(?<value>[\w.'""-]+)\s*[;,]?\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^\s*\[(?<table>[A-Za-z][\w.-]*)\]\s*$")]
    private static partial Regex TableHeader();

    [GeneratedRegex(@"^(?:false|0|off|no|disabled?|true|1|on|yes|enabled?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Offish();

    [GeneratedRegex(@"^['""]?(?:false|off|disabled?)['""]?$", RegexOptions.IgnoreCase)]
    private static partial Regex OffValue();

    [GeneratedRegex(@"\b(?:parameters?|variables?|propert(?:y|ies)|remote config|launchdarkly|unleash|flagsmith|split\.io|configcat|growthbook|configmap|features?|cvar|console variable|default (?:true|false|on|off|\d)|flags?|feature[- ]gates?|gate|cluster settings?|settings?|knob|toggle|env(?:ironment)? var(?:iable)?s?|option|kill switch|config(?:uration)? key|defaults? to|(?:on|off|enabled|disabled) by default|opt[- ]in|turn(?:s|ed)? (?:it )?(?:on|off)|switch(?:ed)? off|set (?:it )?to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SwitchContext();

    [GeneratedRegex(@"\b(?:flag|feature flag|feature gate|setting|kill switch|toggle)\s+(?<name>[a-z][a-z0-9]*(?:[_.-][a-z0-9]+)+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+)\b")]
    private static partial Regex NamedFlag();

    // Settings can be paths too: Godot's "rendering/batching/options/use_batching".
    [GeneratedRegex(@"^[A-Za-z][\w.:/-]*[A-Za-z0-9]$")]
    private static partial Regex Identifier();

    // Metric names, file names, types and calls are not switches.
    [GeneratedRegex(@"(?:_total|_seconds|_bytes|_count|_bucket|_sum|_ratio)$|\.(?:go|rs|cs|py|ts|js|json|ya?ml|md|txt|toml|sh|ini|cfg|conf|properties|env|xml|lock)$|^(?:http|https|www)\b|::|\.\w+\(|^(?:true|false|null|none|default)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotASwitch();
}
