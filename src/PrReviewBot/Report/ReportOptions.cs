namespace PrReviewBot.Report;

/// <summary><c>Report:*</c>: the PR report page behind the check's details link.</summary>
public sealed class ReportOptions
{
    public const string Section = "Report";

    /// <summary>A stored verdict older than this is re-evaluated when someone opens its report (a webhook may have been missed).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many past evaluations the page lists.</summary>
    public int HistoryShown { get; set; } = 50;
}
