using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;
using PrReviewBot.Service;

namespace PrReviewBot.GitHub;

/// <summary>
/// Octokit connections that all share one HTTP handler chain (<see cref="GitHubHttpHandler"/>): one per
/// installation in App mode, one for the App itself (JWT), one in token mode.
/// </summary>
public sealed class GitHubConnections : IDisposable
{
    public static readonly ProductHeaderValue Product = new("PrReviewBot", typeof(GitHubConnections).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly GitHubOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClientAdapter _http;
    private readonly OctokitJson _json = new();
    private readonly ConcurrentDictionary<long, IConnection> _installations = new();
    private readonly ConcurrentDictionary<IConnection, GitHubClient> _clients = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<IConnection> _app;
    private readonly Lazy<IConnection> _token;
    private readonly System.Security.Cryptography.RSA? _key;

    public GitHubConnections(IOptions<GitHubOptions> options, GitHubTraffic traffic, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        _options = options.Value;
        _time = time;
        ApiBase = ApiBaseOf(_options.ApiBaseUrl);
        GraphQLUri = GraphQLUriOf(ApiBase);
        var sockets = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = _options.RequestTimeout,
        };
        var handler = new GitHubHttpHandler(traffic, time, _options.RequestTimeout, lifetime.ApplicationStopping, sockets);
        _http = new HttpClientAdapter(() => handler);
        if (_options.Mode == GitHubMode.App)
        {
            _key = AppPrivateKey.Load(_options);
        }
        _app = new Lazy<IConnection>(() => Create(new AppJwtCredentialStore(_options.AppId!, _key!, _time)));
        _token = new Lazy<IConnection>(() => Create(new InMemoryCredentialStore(new Credentials(_options.Token))));
        Tokens = new InstallationTokens(() => _app.Value, time);
    }

    public Uri ApiBase { get; }

    /// <summary><c>https://api.github.com/graphql</c>; on Enterprise Server <c>https://HOST/api/graphql</c>.</summary>
    public Uri GraphQLUri { get; }

    public InstallationTokens Tokens { get; }

    /// <summary>The App itself (JWT): for App-level endpoints such as its webhook deliveries.</summary>
    public IConnection App => _options.Mode == GitHubMode.App
        ? _app.Value
        : throw new GitHubNotConfiguredException("App-level calls need a GitHub App (GitHub:AppId and a private key).");

    public GitHubMode Mode => _options.Mode;

    /// <summary>The connection that acts on <paramref name="repo"/>: its installation's, or the token's.</summary>
    public IConnection For(RepositoryRef repo) => _options.Mode switch
    {
        GitHubMode.App => ForInstallation(repo.InstallationId
            ?? throw new InvalidOperationException($"No installation id is known for {repo.FullName}; App mode needs one.")),
        GitHubMode.Token => _token.Value,
        _ => throw new GitHubNotConfiguredException("No GitHub App or token is configured: stored work waits until one is."),
    };

    /// <summary>Octokit's client over <see cref="For"/>; built once per connection.</summary>
    public GitHubClient ClientFor(RepositoryRef repo) => _clients.GetOrAdd(For(repo), c => new GitHubClient(c));

    public IConnection ForInstallation(long installationId) =>
        _installations.GetOrAdd(installationId, id => Create(new InstallationCredentialStore(Tokens, id)));

    private readonly EtagCache _etags = new();

    private Connection Create(ICredentialStore credentials) => new(Product, ApiBase, credentials, _http, _json) { ResponseCache = _etags };

    internal static Uri ApiBaseOf(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return GitHubOptions.DefaultApiBaseUrl;
        }
        var uri = new Uri(configured.Trim());
        if (uri.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase))
        {
            return GitHubOptions.DefaultApiBaseUrl;
        }
        // Octokit joins relative endpoints onto the base: without the trailing slash the last segment would be lost.
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    internal static Uri GraphQLUriOf(Uri apiBase)
    {
        var path = apiBase.AbsolutePath;
        return path.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase)
            ? new Uri(apiBase, path[..^"v3/".Length] + "graphql")
            : new Uri(apiBase, "graphql");
    }

    public void Dispose()
    {
        _http.Dispose();
        _key?.Dispose();
    }
}

/// <summary>The bot has no App or token (yet): work waits rather than fails.</summary>
public sealed class GitHubNotConfiguredException(string message) : Exception(message);
