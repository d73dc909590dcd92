using System.Globalization;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Config;

/// <summary>
/// Walks a read config file against the shape of <see cref="ReviewConfig"/>: it only descends into keys it knows, so
/// its work is bounded by the shape, and it counts every value it visits in case aliases make one node appear many
/// times. Each problem is recorded with its line; the walk goes on so every problem is reported at once.
/// </summary>
internal sealed class ConfigWalk(string file, List<ConfigError> errors)
{
    /// <summary>The keys allowed at each path ("" is the top level). The JSON Schema in docs/ mirrors this.</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> Keys { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [""] = ["detection", "check_name", "mode", "items", "findings", "comment", "overrides", "gates"],
        ["detection"] = ["labels", "title_prefixes", "min_item_headings", "infer", "infer_from_text", "opt_out_label"],
        ["items"] = ItemKinds.All.Select(k => k.ConfigName()).ToList(),
        ["items.*"] = ["required"],
        ["items.before_after"] = ["required", "min_duration_seconds"],
        ["findings"] = FindingIds.DefaultSeverities.Keys.Order(StringComparer.Ordinal).ToList(),
        ["comment"] = ["when"],
        ["overrides"] = ["min_permission", "teams"],
        ["gates"] = ["labels", "satisfied_label", "incomplete_label"],
    };

    internal static IReadOnlyList<string> Modes { get; } = ["enforce", "shadow"];
    internal static IReadOnlyList<string> CommentWhens { get; } = ["missing", "always", "never"];
    internal static IReadOnlyList<string> Permissions { get; } = ["write", "maintain", "admin"];
    internal static IReadOnlyList<string> SeverityNames { get; } = ["off", "notice", "warning", "error"];

    internal const int MaxItemHeadings = 5;
    internal const int MaxDurationSeconds = 86_400;
    internal const int MaxLabelLength = 50;
    internal const int MaxTextLength = 100;

    private int _visits;

    /// <summary>Thrown only to stop a walk that would visit too many values; <see cref="ConfigParser"/> catches it.</summary>
    internal sealed class TooComplexException : Exception;

    public ReviewConfig Root(ConfigNode root)
    {
        if (root is not ConfigMapping)
        {
            Error(root, $"the file must be a mapping of settings such as `mode: enforce`, not {root.KindName}");
            return ReviewConfig.Default;
        }

        var config = ReviewConfig.Default;
        foreach (var (key, value) in Entries(root, ""))
        {
            switch (key)
            {
                case "detection":
                    config = config with { Detection = Detection(value) };
                    break;
                case "check_name":
                    config = config with { CheckName = Text(value, "check_name", MaxTextLength) ?? config.CheckName };
                    break;
                case "mode":
                    config = Choice(value, "mode", Modes) switch
                    {
                        "shadow" => config with { Mode = ReviewMode.Shadow },
                        "enforce" => config with { Mode = ReviewMode.Enforce },
                        _ => config,
                    };
                    break;
                case "items":
                    config = config with { Items = Items(value) };
                    break;
                case "findings":
                    config = config with { Findings = Findings(value) };
                    break;
                case "comment":
                    config = config with { Comment = Comment(value) };
                    break;
                case "overrides":
                    config = config with { Overrides = Overrides(value) };
                    break;
                case "gates":
                    config = config with { Gates = Gates(value) };
                    break;
            }
        }
        return config;
    }

    private DetectionConfig Detection(ConfigNode node)
    {
        var detection = new DetectionConfig();
        foreach (var (key, value) in Entries(node, "detection"))
        {
            detection = key switch
            {
                "labels" => detection with { Labels = TextList(value, "detection.labels", MaxLabelLength) ?? detection.Labels },
                "title_prefixes" => detection with { TitlePrefixes = TextList(value, "detection.title_prefixes", MaxTextLength) ?? detection.TitlePrefixes },
                "min_item_headings" => detection with { MinItemHeadings = Number(value, "detection.min_item_headings", 0, MaxItemHeadings) ?? detection.MinItemHeadings },
                "infer" => detection with { Infer = Flag(value, "detection.infer") ?? detection.Infer },
                // The key's earlier name, still read so existing config files keep working.
                "infer_from_text" => detection with { Infer = Flag(value, "detection.infer_from_text") ?? detection.Infer },
                "opt_out_label" => detection with { OptOutLabel = Text(value, "detection.opt_out_label", MaxLabelLength) ?? detection.OptOutLabel },
                _ => detection,
            };
        }
        return detection;
    }

    private Dictionary<ItemKind, ItemConfig> Items(ConfigNode node)
    {
        var items = ItemKinds.All.ToDictionary(k => k, k => ReviewConfig.Default.Item(k));
        foreach (var (key, value) in Entries(node, "items"))
        {
            var kind = ItemKinds.All.First(k => k.ConfigName() == key);
            var path = "items." + key;
            var item = items[kind];
            foreach (var (setting, settingValue) in Entries(value, path, kind == ItemKind.BeforeAfter ? path : "items.*"))
            {
                item = setting switch
                {
                    "required" => item with { Required = Flag(settingValue, path + ".required") ?? item.Required },
                    "min_duration_seconds" => item with
                    {
                        MinDurationSeconds = Number(settingValue, path + ".min_duration_seconds", 1, MaxDurationSeconds) ?? item.MinDurationSeconds,
                    },
                    _ => item,
                };
            }
            items[kind] = item;
        }
        return items;
    }

    private Dictionary<string, Severity> Findings(ConfigNode node)
    {
        var findings = new Dictionary<string, Severity>(FindingIds.DefaultSeverities, StringComparer.Ordinal);
        foreach (var (key, value) in Entries(node, "findings", what: "finding rule"))
        {
            if (Choice(value, "findings." + key, SeverityNames) is { } name && Severities.TryParse(name, out var severity))
            {
                findings[key] = severity;
            }
        }
        return findings;
    }

    private CommentConfig Comment(ConfigNode node)
    {
        var comment = new CommentConfig();
        foreach (var (key, value) in Entries(node, "comment"))
        {
            if (key == "when")
            {
                comment = Choice(value, "comment.when", CommentWhens) switch
                {
                    "missing" => comment with { When = CommentPolicy.Missing },
                    "always" => comment with { When = CommentPolicy.Always },
                    "never" => comment with { When = CommentPolicy.Never },
                    _ => comment,
                };
            }
        }
        return comment;
    }

    private OverrideConfig Overrides(ConfigNode node)
    {
        var overrides = new OverrideConfig();
        foreach (var (key, value) in Entries(node, "overrides"))
        {
            overrides = key switch
            {
                "min_permission" => overrides with { MinPermission = Choice(value, "overrides.min_permission", Permissions) ?? overrides.MinPermission },
                "teams" => overrides with { Teams = Teams(value) ?? overrides.Teams },
                _ => overrides,
            };
        }
        return overrides;
    }

    private GateConfig Gates(ConfigNode node)
    {
        var gates = new GateConfig();
        foreach (var (key, value) in Entries(node, "gates"))
        {
            gates = key switch
            {
                "labels" => gates with { Labels = TextList(value, "gates.labels", MaxLabelLength) ?? gates.Labels },
                "satisfied_label" => gates with { SatisfiedLabel = Text(value, "gates.satisfied_label", MaxLabelLength) ?? gates.SatisfiedLabel },
                "incomplete_label" => gates with { IncompleteLabel = Text(value, "gates.incomplete_label", MaxLabelLength) ?? gates.IncompleteLabel },
                _ => gates,
            };
        }
        return gates;
    }

    private List<string>? Teams(ConfigNode node)
    {
        var teams = TextList(node, "overrides.teams", MaxTextLength);
        if (teams is null)
        {
            return null;
        }
        var valid = new List<string>(teams.Count);
        var items = ((ConfigSequence)node).Items;
        for (var i = 0; i < teams.Count; i++)
        {
            // CODEOWNERS habit: "@org/team" means the same team as "org/team".
            var slug = teams[i].TrimStart('@');
            if (!IsTeamSlug(slug))
            {
                Error(items[i], $"`overrides.teams` entry `{ConfigYaml.Quote(teams[i])}` is not a team: write `team` or `org/team` (letters, digits, `-`, `_`, `.`)");
                continue;
            }
            valid.Add(slug);
        }
        return valid;
    }

    private static bool IsTeamSlug(string slug)
    {
        var parts = slug.Split('/');
        return parts.Length is 1 or 2 && parts.All(p =>
            p.Length > 0 && char.IsAsciiLetterOrDigit(p[0]) && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
    }

    // ---- the building blocks: each returns null after recording an error ----

    /// <summary>
    /// The known entries of a mapping. An empty value (<c>items:</c> with every child commented out) is an empty
    /// mapping; anything else that is not a mapping, every non-text key, duplicate key and unknown key is an error.
    /// </summary>
    private IEnumerable<(string Key, ConfigNode Value)> Entries(
        ConfigNode node, string path, string? keysOf = null, string what = "key")
    {
        Visit();
        if (node.Broken || node is ConfigScalar { IsNull: true })
        {
            yield break;
        }
        if (node is not ConfigMapping mapping)
        {
            Error(node, $"`{path}` must be a mapping of settings (`key: value` lines indented under it), not {node.KindName}");
            yield break;
        }
        var allowed = Keys[keysOf ?? path];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Entries)
        {
            Visit();
            if (keyNode is not ConfigScalar { IsNull: false } keyScalar)
            {
                if (!keyNode.Broken)
                {
                    Error(keyNode, $"keys under {Where(path)} must be plain names, not {keyNode.KindName}");
                }
                continue;
            }
            var key = keyScalar.Value;
            if (seen.TryGetValue(key, out var firstLine))
            {
                Error(keyNode, $"duplicate key `{ConfigYaml.Quote(key)}` under {Where(path)} (first set on line {firstLine}); keep one");
                continue;
            }
            seen[key] = keyNode.Line;
            if (!allowed.Contains(key))
            {
                Error(keyNode, UnknownKey(key, path, allowed, what));
                continue;
            }
            yield return (key, value);
        }
    }

    private string UnknownKey(string key, string path, IReadOnlyList<string> allowed, string what)
    {
        var quoted = ConfigYaml.Quote(key);
        if (key == "min_duration_seconds" && path.StartsWith("items.", StringComparison.Ordinal))
        {
            return $"`min_duration_seconds` is only valid under `items.before_after` (it is the load-test duration), not under `{path}`; allowed here: {string.Join(", ", allowed)}";
        }
        if (key == "<<")
        {
            return $"merge keys (`<<`) are not supported under {Where(path)}; write the settings out";
        }
        var suggestion = Suggest(key, allowed);
        var hint = suggestion is null ? "" : $" (did you mean `{suggestion}`?)";
        var noun = what == "key" ? "unknown key" : $"unknown {what}";
        return $"{noun} `{quoted}` under {Where(path)}{hint}; allowed: {string.Join(", ", allowed)}";
    }

    private static string Where(string path) => path.Length == 0 ? "the top level" : $"`{path}`";

    private string? Text(ConfigNode node, string path, int maxLength)
    {
        Visit();
        if (node.Broken)
        {
            return null;
        }
        if (node is not ConfigScalar scalar)
        {
            Error(node, $"`{path}` must be a single text value, not {node.KindName}");
            return null;
        }
        if (scalar.IsNull)
        {
            Error(node, $"`{path}` is empty; give it a value or remove the key to keep the default");
            return null;
        }
        if (scalar.Tag is not null and not "tag:yaml.org,2002:str")
        {
            Error(node, $"`{path}` has the YAML tag `{ConfigYaml.Quote(scalar.Tag)}`; tags are not used in this file");
            return null;
        }
        var text = scalar.Value.Trim();
        if (text.Length == 0)
        {
            Error(node, $"`{path}` is blank; give it a value or remove the key to keep the default");
            return null;
        }
        if (text.Any(char.IsControl))
        {
            Error(node, $"`{path}` contains a control character (a tab, a line break or similar); use one line of plain text");
            return null;
        }
        if (text.Length > maxLength)
        {
            Error(node, $"`{path}` is {text.Length} characters long; at most {maxLength} are allowed");
            return null;
        }
        return text;
    }

    private List<string>? TextList(ConfigNode node, string path, int maxLength)
    {
        Visit();
        if (node.Broken)
        {
            return null;
        }
        if (node is not ConfigSequence sequence)
        {
            var kind = node is ConfigScalar { IsNull: true } ? "empty (write [] for none)" : node.KindName;
            Error(node, $"`{path}` must be a list of text values, e.g. [performance, perf], not {kind}");
            return null;
        }
        if (sequence.Items.Count > ConfigParser.MaxListEntries)
        {
            Error(node, $"`{path}` has {sequence.Items.Count} entries; at most {ConfigParser.MaxListEntries} are allowed");
            return null;
        }
        var values = new List<string>(sequence.Items.Count);
        var ok = true;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var value = Text(sequence.Items[i], $"{path}[{i}]", maxLength);
            ok &= value is not null;
            if (value is not null)
            {
                values.Add(value);
            }
        }
        return ok ? values : null;
    }

    private bool? Flag(ConfigNode node, string path)
    {
        Visit();
        if (node.Broken)
        {
            return null;
        }
        if (node is ConfigScalar { Plain: true } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }
        Error(node, $"`{path}` must be true or false, not {Shown(node)}");
        return null;
    }

    private int? Number(ConfigNode node, string path, int min, int max)
    {
        Visit();
        if (node.Broken)
        {
            return null;
        }
        if (node is ConfigScalar { Plain: true, IsNull: false } scalar
            && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            && number >= min && number <= max)
        {
            return number;
        }
        Error(node, $"`{path}` must be a whole number from {min} to {max.ToString("N0", CultureInfo.InvariantCulture)}, not {Shown(node)}");
        return null;
    }

    private string? Choice(ConfigNode node, string path, IReadOnlyList<string> allowed)
    {
        Visit();
        if (node.Broken)
        {
            return null;
        }
        if (node is ConfigScalar { IsNull: false } scalar && (scalar.Tag is null or "tag:yaml.org,2002:str") && allowed.Contains(scalar.Value.Trim()))
        {
            return scalar.Value.Trim();
        }
        var options = allowed.Count == 2
            ? $"{allowed[0]} or {allowed[1]}"
            : string.Join(", ", allowed.Take(allowed.Count - 1)) + " or " + allowed[^1];
        var hint = node is ConfigScalar s && !s.IsNull && Suggest(s.Value, allowed) is { } suggestion && suggestion != s.Value
            ? $" (did you mean `{suggestion}`?)"
            : "";
        Error(node, $"`{path}` must be {options}, not {Shown(node)}{hint}");
        return null;
    }

    private static string Shown(ConfigNode node) => node switch
    {
        ConfigScalar { IsNull: true } => "empty",
        ConfigScalar { Plain: false } scalar => $"the quoted text `{ConfigYaml.Quote(scalar.Value)}`",
        ConfigScalar scalar => $"`{ConfigYaml.Quote(scalar.Value)}`",
        _ => node.KindName,
    };

    /// <summary>The allowed name closest to a misspelt one, if any is close: case, <c>-</c>/<c>_</c> and small typos.</summary>
    internal static string? Suggest(string given, IReadOnlyList<string> allowed)
    {
        static string Squash(string s) => new(s.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant).ToArray());
        if (given.Length > 64)
        {
            return null;
        }
        var squashed = Squash(given);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var distance = Squash(candidate) == squashed ? 0 : Distance(squashed, Squash(candidate));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best is not null && bestDistance <= Math.Max(1, best.Length / 4) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    // A swapped pair of letters ("mdoe") is one typo, not two.
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }
        return previous[b.Length];
    }

    private void Visit()
    {
        if (++_visits > ConfigParser.MaxVisits)
        {
            errors.Add(new ConfigError(file, 0, 0,
                $"the file expands to more than {ConfigParser.MaxVisits:N0} values (through aliases); a perf-review.yml needs a few dozen"));
            throw new TooComplexException();
        }
    }

    private void Error(ConfigNode node, string message)
    {
        errors.Add(new ConfigError(file, node.Line, node.Column, message));
        if (errors.Count > ConfigParser.MaxErrors * 2)
        {
            // Enough to show; the parser trims the list and says how many more there were.
            throw new TooComplexException();
        }
    }
}
