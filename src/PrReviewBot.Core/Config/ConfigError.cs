namespace PrReviewBot.Core.Config;

/// <summary>A problem in a config file, located so a person can fix it: "perf-review.yml:7:3: unknown key `requird`".</summary>
public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

/// <summary>The outcome of reading a config file: a config when it is valid, otherwise the errors (never both).</summary>
public sealed record ConfigParseResult(ReviewConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Config is not null && Errors.Count == 0;
}
