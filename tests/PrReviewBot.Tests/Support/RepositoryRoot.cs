namespace PrReviewBot.Tests.Support;

/// <summary>The repository's root folder (where PrReviewBot.sln is), for tests that check shipped files.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "PrReviewBot.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException($"PrReviewBot.sln not found above {AppContext.BaseDirectory}");
    }
}
