namespace PrReviewBot.Core.Config;

/// <summary>Reads <c>.github/perf-review.yml</c>: unknown keys and bad values become located errors, never exceptions.</summary>
public static class ConfigParser
{
    // PLACEHOLDER (phase 0): replaced by the real parser.
    public static ConfigParseResult Parse(string yaml, string fileName = ".github/perf-review.yml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return string.IsNullOrWhiteSpace(yaml)
            ? new ConfigParseResult(ReviewConfig.Default, [])
            : new ConfigParseResult(null, [new ConfigError(fileName, 0, 0, "config parsing is not implemented yet")]);
    }
}
