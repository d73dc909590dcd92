using System.Security.Cryptography;

namespace PrReviewBot.Service;

/// <summary>
/// Refuses to start with a configuration that would accept unsigned webhooks, name no usable key, or point at
/// storage this build cannot use. Messages name the key; they never echo a secret.
/// </summary>
public static class StartupCheck
{
    public static void Validate(GitHubOptions gitHub, StorageOptions storage, ServerOptions server)
    {
        ValidateGitHub(gitHub);
        ValidateStorage(storage);
        if (!string.IsNullOrWhiteSpace(server.PublicUrl) && !IsHttpUrl(server.PublicUrl))
        {
            throw new BotConfigurationException(
                $"Server:PublicUrl must be an absolute http(s) URL such as https://bot.example.com (got '{server.PublicUrl}').");
        }
    }

    private static void ValidateGitHub(GitHubOptions gitHub)
    {
        if (!string.IsNullOrWhiteSpace(gitHub.ApiBaseUrl) && !IsHttpUrl(gitHub.ApiBaseUrl))
        {
            throw new BotConfigurationException(
                $"GitHub:ApiBaseUrl must be an absolute http(s) URL such as https://api.github.com/ or https://HOST/api/v3/ (got '{gitHub.ApiBaseUrl}').");
        }

        var hasApp = !string.IsNullOrWhiteSpace(gitHub.AppId);
        var hasToken = !string.IsNullOrWhiteSpace(gitHub.Token);
        var hasKey = !string.IsNullOrWhiteSpace(gitHub.PrivateKey) || !string.IsNullOrWhiteSpace(gitHub.PrivateKeyPath);
        if (hasApp && hasToken)
        {
            throw new BotConfigurationException(
                "Both GitHub:AppId and GitHub:Token are set: set GitHub:AppId (App mode, check runs) or GitHub:Token (token mode, commit statuses), not both.");
        }
        if (!hasApp && hasKey)
        {
            throw new BotConfigurationException("A GitHub App private key is set but GitHub:AppId is not: set GitHub:AppId.");
        }
        if ((hasApp || hasToken) && string.IsNullOrWhiteSpace(gitHub.WebhookSecret))
        {
            throw new BotConfigurationException(
                "GitHub:WebhookSecret is not set: set it to the App's webhook secret (the bot never accepts unsigned webhooks).");
        }
        if (hasApp)
        {
            using var key = AppPrivateKey.Load(gitHub);
        }
    }

    private static void ValidateStorage(StorageOptions storage)
    {
        switch (storage.Provider?.Trim().ToLowerInvariant())
        {
            case StorageOptions.Sqlite:
                return;
            case StorageOptions.Postgres:
                Storage.PostgresWorkStore.BuildConnectionString(storage.ConnectionString);
                return;
            default:
                throw new BotConfigurationException(
                    $"Storage:Provider '{storage.Provider}' is unknown: use 'sqlite' (the default) or 'postgres'.");
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>Reads the App's private key from <c>GitHub:PrivateKey</c> or <c>GitHub:PrivateKeyPath</c>.</summary>
public static class AppPrivateKey
{
    public static RSA Load(GitHubOptions gitHub)
    {
        string pem;
        string source;
        if (!string.IsNullOrWhiteSpace(gitHub.PrivateKey))
        {
            if (!string.IsNullOrWhiteSpace(gitHub.PrivateKeyPath))
            {
                throw new BotConfigurationException("Both GitHub:PrivateKey and GitHub:PrivateKeyPath are set: set only one.");
            }
            // Environment variables often carry the PEM with literal "\n" instead of line breaks.
            pem = gitHub.PrivateKey.Contains("-----BEGIN", StringComparison.Ordinal) && !gitHub.PrivateKey.Contains('\n', StringComparison.Ordinal)
                ? gitHub.PrivateKey.Replace("\\n", "\n", StringComparison.Ordinal)
                : gitHub.PrivateKey;
            source = "GitHub:PrivateKey";
        }
        else if (!string.IsNullOrWhiteSpace(gitHub.PrivateKeyPath))
        {
            source = "GitHub:PrivateKeyPath";
            try
            {
                pem = File.ReadAllText(gitHub.PrivateKeyPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BotConfigurationException(
                    $"GitHub:PrivateKeyPath '{gitHub.PrivateKeyPath}' cannot be read ({e.GetType().Name}): point it at the App's .pem file.");
            }
        }
        else
        {
            throw new BotConfigurationException(
                "GitHub:AppId is set but no private key is: set GitHub:PrivateKeyPath (a .pem file) or GitHub:PrivateKey (its text).");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            // Never echo the key: say where it came from, not what it contained.
            throw new BotConfigurationException($"{source} does not hold a PEM RSA private key: download the App's private key (.pem) again.");
        }
    }
}
