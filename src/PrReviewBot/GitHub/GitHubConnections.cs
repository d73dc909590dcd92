using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;
using PrReviewBot.Service;

namespace PrReviewBot.GitHub;

/// <summary>
/// Octokit connections that all share one HTTP handler chain (<see cref="GitHubHttpHandler"/>): one per
/// installation in App mode, one for the App itself (JWT), one in token mode. The credentials behind them follow
/// the configuration: when the App id, key, token or API address change (one-click setup writes them while the bot
/// runs), the next call uses a fresh set of connections; calls already under way finish with the old one.
/// </summary>
public sealed class GitHubConnections : IDisposable
{
    public static readonly ProductHeaderValue Product = new("PrReviewBot", typeof(GitHubConnections).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly TimeProvider _time;
    private readonly HttpClientAdapter _http;
    private readonly OctokitJson _json = new();
    private readonly EtagCache _etags = new();
    private readonly ILogger<GitHubConnections> _log;
    private readonly IDisposable? _subscription;
    private readonly Lock _switch = new();
    private volatile CredentialSet _current;

    public GitHubConnections(
        IOptionsMonitor<GitHubOptions> options, GitHubTraffic traffic, GitHubRateBudget budget, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<GitHubConnections> log)
    {
        _time = time;
        _log = log;
        var initial = options.CurrentValue;
        var sockets = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = initial.RequestTimeout,
        };
        var handler = new GitHubHttpHandler(traffic, budget, time, initial.RequestTimeout, lifetime.ApplicationStopping, sockets);
        _http = new HttpClientAdapter(() => handler);
        // Start-up validated this configuration: a bad key here is a bug, not an operator's mistake, so let it throw.
        _current = new CredentialSet(this, initial);
        _subscription = options.OnChange(Switch);
    }

    public Uri ApiBase => _current.ApiBase;

    /// <summary><c>https://api.github.com/graphql</c>; on Enterprise Server <c>https://HOST/api/graphql</c>.</summary>
    public Uri GraphQLUri => _current.GraphQLUri;

    public InstallationTokens Tokens => _current.Tokens;

    /// <summary>The App itself (JWT): for App-level endpoints such as its webhook deliveries.</summary>
    public IConnection App => _current.App;

    public GitHubMode Mode => _current.Options.Mode;

    /// <summary>The connection that acts on <paramref name="repo"/>: its installation's, or the token's.</summary>
    public IConnection For(RepositoryRef repo) => _current.For(repo);

    /// <summary>Octokit's client over <see cref="For"/>; built once per connection.</summary>
    public GitHubClient ClientFor(RepositoryRef repo) => _current.ClientFor(repo);

    public IConnection ForInstallation(long installationId) => _current.ForInstallation(installationId);

    /// <summary>A connection with no credentials (the manifest code exchange needs none), through the same handlers.</summary>
    public IConnection Anonymous() => Create(new InMemoryCredentialStore(Octokit.Credentials.Anonymous), _current.ApiBase);

    private Connection Create(ICredentialStore credentials, Uri apiBase) => new(Product, apiBase, credentials, _http, _json) { ResponseCache = _etags };

    private void Switch(GitHubOptions next)
    {
        lock (_switch)
        {
            var current = _current.Options;
            if (current.Mode == next.Mode && current.AppId == next.AppId && current.PrivateKey == next.PrivateKey
                && current.PrivateKeyPath == next.PrivateKeyPath && current.Token == next.Token && current.ApiBaseUrl == next.ApiBaseUrl)
            {
                return;
            }
            try
            {
                _current = new CredentialSet(this, next);
                _log.LogInformation("GitHub credentials changed: now in {Mode} mode{App}", next.Mode,
                    next.Mode == GitHubMode.App ? $" as App {next.AppId}" : "");
            }
            catch (BotConfigurationException e)
            {
                // Keep working with what worked; the message names the key and never the secret.
                _log.LogError("The new GitHub configuration cannot be used, keeping the previous one: {Reason}", e.Message);
            }
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _http.Dispose();
    }

    /// <summary>One configuration's connections. Replaced whole, never changed.</summary>
    private sealed class CredentialSet
    {
        private readonly GitHubConnections _owner;
        private readonly ConcurrentDictionary<long, IConnection> _installations = new();
        private readonly ConcurrentDictionary<IConnection, GitHubClient> _clients = new(ReferenceEqualityComparer.Instance);
        private readonly Lazy<IConnection> _app;
        private readonly Lazy<IConnection> _token;

        public CredentialSet(GitHubConnections owner, GitHubOptions options)
        {
            _owner = owner;
            Options = options;
            ApiBase = ApiBaseOf(options.ApiBaseUrl);
            GraphQLUri = GraphQLUriOf(ApiBase);
            // Not disposed when replaced: a call under way may still be signing with it.
            var key = options.Mode == GitHubMode.App ? AppPrivateKey.Load(options) : null;
            _app = new Lazy<IConnection>(() => owner.Create(new AppJwtCredentialStore(options.AppId!, key!, owner._time), ApiBase));
            _token = new Lazy<IConnection>(() => owner.Create(new InMemoryCredentialStore(new Octokit.Credentials(options.Token)), ApiBase));
            Tokens = new InstallationTokens(() => _app.Value, owner._time);
        }

        public GitHubOptions Options { get; }

        public Uri ApiBase { get; }

        public Uri GraphQLUri { get; }

        public InstallationTokens Tokens { get; }

        public IConnection For(RepositoryRef repo) => Options.Mode switch
        {
            GitHubMode.App => ForInstallation(repo.InstallationId
                ?? throw new InvalidOperationException($"No installation id is known for {repo.FullName}; App mode needs one.")),
            GitHubMode.Token => _token.Value,
            _ => throw new GitHubNotConfiguredException("No GitHub App or token is configured: stored work waits until one is."),
        };

        public GitHubClient ClientFor(RepositoryRef repo) => _clients.GetOrAdd(For(repo), c => new GitHubClient(c));

        public IConnection App => Options.Mode == GitHubMode.App
            ? _app.Value
            : throw new GitHubNotConfiguredException("App-level calls need a GitHub App (GitHub:AppId and a private key).");

        public IConnection ForInstallation(long installationId) =>
            _installations.GetOrAdd(installationId, id => _owner.Create(new InstallationCredentialStore(Tokens, id), ApiBase));
    }

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

}

/// <summary>The bot has no App or token (yet): work waits rather than fails.</summary>
public sealed class GitHubNotConfiguredException(string message) : Exception(message);
