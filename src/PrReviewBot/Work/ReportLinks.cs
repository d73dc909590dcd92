using Microsoft.Extensions.Options;
using PrReviewBot.Service;

namespace PrReviewBot.Work;

/// <summary>
/// Where a PR's report page lives, when the bot has a public address. Issue 5 builds the page and signs the link;
/// until then the link names the PR only.
/// </summary>
public sealed class ReportLinks(IOptionsMonitor<ServerOptions> server)
{
    public string? For(string repository, int number)
    {
        var baseUrl = server.CurrentValue.PublicUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            return null;
        }
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        var owner = Uri.EscapeDataString(repository[..slash]);
        var name = Uri.EscapeDataString(repository[(slash + 1)..]);
        return $"{baseUrl.TrimEnd('/')}/report/{owner}/{name}/{number}";
    }
}
