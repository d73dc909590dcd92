using System.Collections.Concurrent;
using System.Security.Cryptography;
using Octokit;

namespace PrReviewBot.GitHub;

/// <summary>Signs App JWTs, reusing one until shortly before it expires.</summary>
public sealed class AppJwtCredentialStore(string appId, RSA key, TimeProvider time) : ICredentialStore
{
    private readonly Lock _lock = new();
    private (string Jwt, DateTimeOffset RenewAt)? _current;

    public Task<Credentials> GetCredentials()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_current is not { } c || now >= c.RenewAt)
            {
                c = (AppJwt.Create(appId, key, now), now + AppJwt.Lifetime - TimeSpan.FromMinutes(2));
                _current = c;
            }
            return Task.FromResult(new Credentials(c.Jwt, AuthenticationType.Bearer));
        }
    }
}

/// <summary>
/// Installation tokens, one per installation, cached until five minutes before GitHub says they expire (an hour
/// after issue), so a busy installation costs one token call an hour. Concurrent callers share one request.
/// </summary>
public sealed class InstallationTokens(Func<IConnection> appConnection, TimeProvider time)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<long, Entry> _entries = new();

    public async Task<string> GetAsync(long installationId)
    {
        var entry = _entries.GetOrAdd(installationId, _ => new Entry());
        if (entry.Token is { } fresh && entry.IsFresh(time.GetUtcNow()))
        {
            return fresh;
        }
        await entry.Gate.WaitAsync();
        try
        {
            if (entry.Token is { } token && entry.IsFresh(time.GetUtcNow()))
            {
                return token;
            }
            var client = new GitHubClient(appConnection());
            var created = await client.GitHubApps.CreateInstallationToken(installationId);
            entry.Token = created.Token;
            entry.RenewAt(created.ExpiresAt - RenewBefore);
            return created.Token;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forgets a token GitHub refused (revoked, or expired early), so the next call gets a new one.</summary>
    public void Invalidate(long installationId)
    {
        if (_entries.TryGetValue(installationId, out var entry))
        {
            entry.RenewAt(DateTimeOffset.MinValue);
        }
    }

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public volatile string? Token;
        private long _renewAtUtcTicks;

        public bool IsFresh(DateTimeOffset now) => now.UtcTicks < Volatile.Read(ref _renewAtUtcTicks);

        public void RenewAt(DateTimeOffset at) => Volatile.Write(ref _renewAtUtcTicks, at.UtcTicks);
    }
}

/// <summary>Supplies an installation's current token to Octokit, which asks before every request.</summary>
public sealed class InstallationCredentialStore(InstallationTokens tokens, long installationId) : ICredentialStore
{
    public async Task<Credentials> GetCredentials() => new(await tokens.GetAsync(installationId));
}
