namespace PrReviewBot.Core.Model;

/// <summary>
/// Something the process warns about beyond a missing item: bundling, a cache without I/O evidence,
/// a short load test... <see cref="Rule"/> is the stable id used in the config and the JSON contract.
/// </summary>
public sealed record Finding(
    string Rule,
    Severity Severity,
    string Message,
    string Why,
    string Example);
