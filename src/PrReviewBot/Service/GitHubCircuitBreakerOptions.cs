namespace PrReviewBot.Service;

/// <summary>
/// <c>GitHub:CircuitBreaker:*</c>: when most recent GitHub calls fail the way an outage does (timeouts, refused or
/// reset connections, 5xx), stop calling for a while instead of retrying every job: jobs wait, one probe call at a
/// time checks whether GitHub is back, and each failed probe doubles the pause up to <see cref="MaxBreakDuration"/>.
/// </summary>
public sealed class GitHubCircuitBreakerOptions
{
    /// <summary>False turns the breaker off (every job then retries on its own back-off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Share of failed calls, within <see cref="SamplingDuration"/>, that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within <see cref="SamplingDuration"/> before the ratio counts (one failed call is not an outage).</summary>
    public int MinimumThroughput { get; set; } = 8;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First pause once open; doubled after each failed probe.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBreakDuration { get; set; } = TimeSpan.FromMinutes(5);
}
