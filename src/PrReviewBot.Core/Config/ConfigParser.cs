using System.Globalization;
using System.Text;

namespace PrReviewBot.Core.Config;

/// <summary>
/// Reads <c>.github/perf-review.yml</c>: unknown keys and bad values become located errors, never exceptions.
/// Every key is optional and a file overrides only what it names; an empty file means the built-in defaults.
/// All errors are collected (up to <see cref="MaxErrors"/>) so a person can fix the file in one pass.
/// </summary>
public static class ConfigParser
{
    public const string DefaultFileName = ".github/perf-review.yml";

    /// <summary>A config needs a few hundred bytes; anything past 64 KiB is a mistake or an attack.</summary>
    public const int MaxBytes = 64 * 1024;

    public const int MaxErrors = 100;

    /// <summary>How many values the walk may visit; aliases share nodes, so a small file could otherwise name many.</summary>
    internal const int MaxVisits = 10_000;

    internal const int MaxListEntries = 100;

    public static ConfigParseResult Parse(string yaml, string fileName = DefaultFileName)
    {
        yaml ??= string.Empty;
        fileName = string.IsNullOrWhiteSpace(fileName) ? DefaultFileName : fileName;
        var errors = new List<ConfigError>();

        if (yaml.Length > MaxBytes / 4 && Encoding.UTF8.GetByteCount(yaml) is var bytes && bytes > MaxBytes)
        {
            errors.Add(new ConfigError(fileName, 0, 0,
                $"the file is {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes; a perf-review.yml may be at most {MaxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes (64 KiB)"));
            return new ConfigParseResult(null, errors);
        }
        if (yaml.Length > 0 && yaml[0] == '\uFEFF')
        {
            yaml = yaml[1..];
        }

        var root = ConfigYaml.Read(yaml, fileName, errors);
        if (errors.Count > 0)
        {
            return Failed(fileName, errors);
        }
        if (root is null || root is ConfigScalar { IsNull: true })
        {
            return new ConfigParseResult(ReviewConfig.Default, []);
        }

        var walk = new ConfigWalk(fileName, errors);
        ReviewConfig config;
        try
        {
            config = walk.Root(root);
        }
        catch (ConfigWalk.TooComplexException)
        {
            // The walk has already recorded why it stopped.
            return Failed(fileName, errors);
        }
#pragma warning disable CA1031 // a config file must never crash a review: a defect here becomes an error on the check
        catch (Exception ex)
#pragma warning restore CA1031
        {
            errors.Add(new ConfigError(fileName, 0, 0, $"the file could not be checked ({ex.GetType().Name}); please report this"));
            return Failed(fileName, errors);
        }
        return errors.Count > 0 ? Failed(fileName, errors) : new ConfigParseResult(config, []);
    }

    private static ConfigParseResult Failed(string fileName, List<ConfigError> errors)
    {
        var sorted = errors
            .OrderBy(e => e.Line == 0 ? 0 : 1)
            .ThenBy(e => e.Line)
            .ThenBy(e => e.Column)
            .ToList();
        if (sorted.Count > MaxErrors)
        {
            sorted = sorted.Take(MaxErrors).ToList();
            sorted.Add(new ConfigError(fileName, 0, 0, $"more than {MaxErrors} errors; the rest are not shown, fix these first"));
        }
        return new ConfigParseResult(null, sorted);
    }
}
