using System.Collections.Concurrent;
using Octokit;

namespace PrReviewBot.GitHub;

/// <summary>
/// The App's installation on a repository (<c>GET /repos/{owner}/{repo}/installation</c>, with the App's JWT), for a
/// delivery that names none: a repository webhook pointed at the App, or an old payload. Found ids are kept, since
/// an installation's id does not change while it exists.
/// </summary>
public sealed class RepositoryInstallations(GitHubConnections connections)
{
    private readonly ConcurrentDictionary<string, long> _known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The installation id, or null when the App is not installed on the repository (GitHub answers 404).</summary>
    /// <exception cref="ApiException">GitHub could not answer (down, rate limit, credentials refused).</exception>
    public async Task<long?> FindAsync(string owner, string name, CancellationToken ct)
    {
        var key = $"{owner}/{name}";
        if (_known.TryGetValue(key, out var id))
        {
            return id;
        }
        ct.ThrowIfCancellationRequested();
        try
        {
            var installation = await new GitHubClient(connections.App).GitHubApps.GetRepositoryInstallationForCurrent(owner, name);
            _known[key] = installation.Id;
            return installation.Id;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
