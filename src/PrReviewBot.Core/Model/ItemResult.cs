namespace PrReviewBot.Core.Model;

public enum ItemStatus
{
    Pass,
    Fail,
}

/// <summary>
/// One of the five items as judged. <see cref="Messages"/> say what is missing (specific, never generic);
/// <see cref="Evidence"/> quotes what was found, short enough to show in a table.
/// </summary>
public sealed record ItemResult(
    ItemKind Kind,
    ItemStatus Status,
    bool Required,
    IReadOnlyList<string> Messages,
    IReadOnlyList<string> Evidence)
{
    public bool Present => Status == ItemStatus.Pass;
}
