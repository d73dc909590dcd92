using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PrReviewBot.GitHub;

/// <summary>
/// The JSON Web Token a GitHub App signs with its private key (RS256) to ask for installation tokens.
/// GitHub accepts at most 10 minutes of validity; <c>iat</c> is back-dated a minute for clock drift.
/// </summary>
public static class AppJwt
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    public static string Create(string issuer, RSA key, DateTimeOffset now)
    {
        var header = Base64Url.EncodeToString("""{"alg":"RS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Claims(
            now.AddSeconds(-60).ToUnixTimeSeconds(), (now + Lifetime).ToUnixTimeSeconds(), issuer)));
        var signingInput = header + "." + payload;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private sealed record Claims(
        [property: System.Text.Json.Serialization.JsonPropertyName("iat")] long IssuedAt,
        [property: System.Text.Json.Serialization.JsonPropertyName("exp")] long ExpiresAt,
        [property: System.Text.Json.Serialization.JsonPropertyName("iss")] string Issuer);
}
