using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PrReviewBot.GitHub;

namespace PrReviewBot.Tests.GitHub;

public class AppJwtTests
{
    [Fact]
    public void Jwt_IsRs256SignedWithBackdatedIssueAndAtMostTenMinutesOfValidity()
    {
        using var key = RSA.Create(2048);
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        var jwt = AppJwt.Create("4242", key, now);

        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("4242", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal(now.AddSeconds(-60).ToUnixTimeSeconds(), claims.RootElement.GetProperty("iat").GetInt64());
        Assert.True(claims.RootElement.GetProperty("exp").GetInt64() - now.ToUnixTimeSeconds() <= 600);
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task JwtCredentials_AreReusedUntilCloseToExpiry()
    {
        using var key = RSA.Create(2048);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new AppJwtCredentialStore("1", key, clock);

        var first = (await store.GetCredentials()).Password;
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = (await store.GetCredentials()).Password;
        clock.Advance(TimeSpan.FromMinutes(3));
        var third = (await store.GetCredentials()).Password;

        Assert.Equal(first, second);
        Assert.NotEqual(first, third);
    }
}
