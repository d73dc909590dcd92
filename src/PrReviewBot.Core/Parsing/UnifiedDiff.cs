namespace PrReviewBot.Core.Parsing;

/// <summary>
/// Reads a unified diff (<c>git diff</c> output) into the paths it changes and the lines it adds per path — what a
/// review needs to check that a flag named in the description really appears in the change.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>Added lines per changed path (deleted files map to empty text). Malformed input yields what could be read.</summary>
    public static IReadOnlyDictionary<string, string> AddedText(string diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var files = new Dictionary<string, System.Text.StringBuilder>(StringComparer.Ordinal);
        System.Text.StringBuilder? current = null;
        foreach (var raw in diff.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                current = null;
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                var path = Path(line[4..]);
                current = path is null ? null : files.TryGetValue(path, out var sb) ? sb : files[path] = new System.Text.StringBuilder();
            }
            else if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                // The old side names the file too; a deletion has "+++ /dev/null".
                if (Path(line[4..]) is { } old && !files.ContainsKey(old))
                {
                    files[old] = new System.Text.StringBuilder();
                }
            }
            else if (current is not null && line.StartsWith('+'))
            {
                current.Append(line, 1, line.Length - 1).Append('\n');
            }
        }
        return files.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
    }

    private static string? Path(string marker)
    {
        var p = marker.Trim();
        var tab = p.IndexOf('\t');
        if (tab >= 0)
        {
            p = p[..tab];
        }
        if (p == "/dev/null" || p.Length == 0)
        {
            return null;
        }
        return p.StartsWith("a/", StringComparison.Ordinal) || p.StartsWith("b/", StringComparison.Ordinal) ? p[2..] : p;
    }
}
