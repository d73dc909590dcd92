namespace PrReviewBot.Core.Model;

/// <summary>How much a finding matters. <see cref="Error"/> fails the check; <see cref="Off"/> hides the finding.</summary>
public enum Severity
{
    Off,
    Notice,
    Warning,
    Error,
}

public static class Severities
{
    public static string Name(this Severity severity) => severity switch
    {
        Severity.Off => "off",
        Severity.Notice => "notice",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "off": severity = Severity.Off; return true;
            case "notice": severity = Severity.Notice; return true;
            case "warning": severity = Severity.Warning; return true;
            case "error": severity = Severity.Error; return true;
            default: severity = Severity.Off; return false;
        }
    }
}
