using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PrReviewBot.Service;

namespace PrReviewBot.Report;

/// <summary>
/// Signs report links: HMAC-SHA256 over the repository and PR number, with a key derived (HKDF) from the webhook
/// secret, so every replica signs alike and nothing more needs keeping. Rotating the webhook secret invalidates the
/// links already posted; the next evaluation posts fresh ones.
/// </summary>
public sealed class ReportSigner(IOptionsMonitor<GitHubOptions> gitHub)
{
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("prreviewbot report link v1");

    private (string Secret, byte[] Key)? _cached;

    public string? Sign(string repository, int number) =>
        KeyOrNull() is { } key ? Base64Url.EncodeToString(Mac(key, repository, number)) : null;

    /// <summary>True only for a signature this bot made for exactly this repository and PR (constant-time comparison).</summary>
    public bool Verify(string repository, int number, string? signature)
    {
        if (KeyOrNull() is not { } key || string.IsNullOrEmpty(signature) || signature.Length > 64)
        {
            return false;
        }
        Span<byte> given = stackalloc byte[48];
        if (Base64Url.DecodeFromChars(signature, given, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != signature.Length)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Mac(key, repository, number), given[..written]);
    }

    private static byte[] Mac(byte[] key, string repository, int number) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(repository.ToLowerInvariant() + "#" + number.ToString(CultureInfo.InvariantCulture)));

    private byte[]? KeyOrNull()
    {
        var secret = gitHub.CurrentValue.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }
        var cached = _cached;
        if (cached is { } c && c.Secret == secret)
        {
            return c.Key;
        }
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: Purpose);
        _cached = (secret, key);
        return key;
    }
}
