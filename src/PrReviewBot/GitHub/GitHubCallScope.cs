namespace PrReviewBot.GitHub;

/// <summary>Which installation the current GitHub call is made for, so HTTP-level readings can be attributed.</summary>
internal static class GitHubCallScope
{
    private static readonly AsyncLocal<long?> Installation = new();

    public static long? CurrentInstallation => Installation.Value;

    public static IDisposable For(long? installationId)
    {
        var previous = Installation.Value;
        Installation.Value = installationId;
        return new Restore(previous);
    }

    private sealed class Restore(long? previous) : IDisposable
    {
        public void Dispose() => Installation.Value = previous;
    }
}
