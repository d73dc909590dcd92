namespace PrReviewBot.Work;

/// <summary>
/// <c>Redelivery:*</c>: the sweep that recovers missed webhooks. GitHub never redelivers a failed delivery on its
/// own; in App mode the bot lists the App's recent deliveries and asks again for those that failed.
/// </summary>
public sealed class RedeliveryOptions
{
    public const string Section = "Redelivery";

    /// <summary>False turns the sweep off (token mode never sweeps: the deliveries API needs an App).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between sweeps (across all replicas together).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the very first sweep looks (GitHub keeps deliveries for 30 days).</summary>
    public TimeSpan FirstLookBack { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Each sweep re-reads this much before where the last one stopped (deliveries still in flight then).</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A delivery asked for again that still has not arrived after this long is asked for once more.</summary>
    public TimeSpan AskAgainAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Redeliveries asked for per sweep (each is a write against GitHub's secondary limits); the rest wait for the next sweep.</summary>
    public int MaxPerSweep { get; set; } = 100;

    /// <summary>Pages of 100 deliveries read per sweep.</summary>
    public int MaxPages { get; set; } = 50;
}
