using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Octokit;
using Octokit.Caching;
using Octokit.Internal;

namespace PrReviewBot.GitHub;

/// <summary>
/// Remembers GET answers with their ETag so Octokit asks again with <c>If-None-Match</c>: a 304 costs no rate
/// limit. Keyed by credentials too, so one installation never sees another's answers. Bounded; forgetting is safe.
/// </summary>
public sealed class EtagCache : IResponseCache
{
    private const int MaxEntries = 2_000;
    private readonly ConcurrentDictionary<string, CachedResponse.V1> _entries = new();

    public Task<CachedResponse.V1> GetAsync(IRequest request) =>
        Task.FromResult(_entries.TryGetValue(Key(request), out var hit) ? hit : null!);

    public Task SetAsync(IRequest request, CachedResponse.V1 cachedResponse)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[Key(request)] = cachedResponse;
        return Task.CompletedTask;
    }

    private static string Key(IRequest request)
    {
        var auth = request.Headers.TryGetValue("Authorization", out var a) ? a : "";
        var query = request.Parameters is { Count: > 0 } p ? string.Join('&', p.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")) : "";
        // Hash the credentials: the key must tell installations apart without keeping a token in memory twice.
        var who = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(auth)))[..16];
        return $"{who} {request.Method} {request.BaseAddress}{request.Endpoint}?{query}";
    }
}
