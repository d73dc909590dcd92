using Microsoft.Extensions.Options;
using PrReviewBot.Report;
using PrReviewBot.Service;

namespace PrReviewBot.Work;

/// <summary>
/// Where a PR's report page lives, when the bot has a public address: <c>{Server:PublicUrl}/report/owner/repo/12?sig=…</c>,
/// signed so that only people GitHub showed the link to can open it.
/// </summary>
public sealed class ReportLinks(IOptionsMonitor<ServerOptions> server, ReportSigner signer)
{
    public string? For(string repository, int number)
    {
        var baseUrl = server.CurrentValue.PublicUrl;
        if (string.IsNullOrWhiteSpace(baseUrl) || signer.Sign(repository, number) is not { } signature)
        {
            return null;
        }
        return $"{baseUrl.TrimEnd('/')}{PathOf(repository, number)}?sig={signature}";
    }

    public static string PathOf(string repository, int number)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        var owner = Uri.EscapeDataString(repository[..slash]);
        var name = Uri.EscapeDataString(repository[(slash + 1)..]);
        return $"/report/{owner}/{name}/{number}";
    }
}
