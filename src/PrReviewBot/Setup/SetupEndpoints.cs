using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using PrReviewBot.GitHub;
using PrReviewBot.Pages;
using PrReviewBot.Service;
using static PrReviewBot.Pages.HtmlPage;

namespace PrReviewBot.Setup;

/// <summary>
/// <c>GET /</c>: the one-click setup page while no App is configured, the bot's status once one is.
/// <c>GET /setup/callback</c>: where GitHub returns after registering the App; exchanges the code for the App's
/// credentials, stores them, and switches the running bot over to them.
/// </summary>
public static class SetupEndpoints
{
    public const string CallbackPath = "/setup/callback";
    public const string RegisterPath = "/setup/register";
    public const string DefaultAppName = "PrReviewBot";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", ShowAsync);
        app.MapGet(RegisterPath, RegisterAsync);
        app.MapGet(CallbackPath, CallbackAsync);
    }

    /// <summary>Refuses webhooks with 503 while nothing is configured, before any signature check (there is no secret to check with).</summary>
    public static async Task RefuseWebhooksUntilConfigured(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.Equals(BotHost.WebhookPath, StringComparison.OrdinalIgnoreCase)
            && context.RequestServices.GetRequiredService<IOptionsMonitor<GitHubOptions>>().CurrentValue.Mode == GitHubMode.Unconfigured)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "300";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                "No GitHub App is configured yet: open the bot's home page to register one, or set GitHub:AppId, GitHub:PrivateKeyPath and GitHub:WebhookSecret.\n",
                context.RequestAborted);
            return;
        }
        await next(context);
    }

    private static Task ShowAsync(HttpContext context) => ShowSetupAsync(context, confirm: false);

    /// <summary>
    /// The second step: the name and organization typed on the first page, checked, and the form that posts the
    /// manifest to GitHub's page for exactly that account. (GitHub's address depends on the organization and the
    /// manifest on the name, and the pages run no scripts, so the form that goes to GitHub is built once both are known.)
    /// </summary>
    private static Task RegisterAsync(HttpContext context) => ShowSetupAsync(context, confirm: true);

    private static async Task ShowSetupAsync(HttpContext context, bool confirm)
    {
        var services = context.RequestServices;
        if (services.GetRequiredService<IOptionsMonitor<GitHubOptions>>().CurrentValue.Mode != GitHubMode.Unconfigured)
        {
            await StatusPage.WriteAsync(context);
            return;
        }
        if (!services.GetRequiredService<IOptionsMonitor<SetupOptions>>().CurrentValue.Enabled)
        {
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "PrReviewBot is not configured",
                """
                <h1>PrReviewBot is not configured</h1>
                <p>No GitHub App is configured, and one-click setup is turned off (<code>Setup:Enabled</code>). Set
                <code>GitHub:AppId</code>, <code>GitHub:PrivateKeyPath</code> (or <code>GitHub:PrivateKey</code>) and
                <code>GitHub:WebhookSecret</code>, then restart the bot.</p>
                """);
            return;
        }
        await WriteSetupPageAsync(context, null, confirm);
    }

    private static async Task WriteSetupPageAsync(HttpContext context, string? problem, bool confirm = false)
    {
        var services = context.RequestServices;
        var connections = services.GetRequiredService<GitHubConnections>();
        var session = services.GetRequiredService<SetupSession>();
        var configuredUrl = services.GetRequiredService<IOptionsMonitor<ServerOptions>>().CurrentValue.PublicUrl;
        var derived = string.IsNullOrWhiteSpace(configuredUrl);
        var publicUrl = derived ? $"{context.Request.Scheme}://{context.Request.Host}" : configuredUrl!.TrimEnd('/');

        var query = context.Request.Query;
        var organization = query["organization"].ToString().Trim();
        var name = query["name"].ToString().Trim();
        if (name.Length == 0)
        {
            name = DefaultAppName;
        }
        if (organization.Length > 0 && !AppManifest.IsAccountName(organization))
        {
            problem ??= $"“{organization}” is not an organization name GitHub accepts (letters, digits and single hyphens).";
            organization = "";
        }
        if (name.Length > AppManifest.MaxNameLength)
        {
            problem ??= $"GitHub App names are at most {AppManifest.MaxNameLength} characters.";
            name = DefaultAppName;
        }

        var webHost = AppManifest.WebHostOf(connections.ApiBase);
        var owner = organization.Length > 0 ? $"the organization <strong>{Text(organization)}</strong>" : "your personal account";
        var permissions = string.Join("", AppManifest.Permissions.Select(p => $"<li><code>{Text(p.Key)}</code>: {Text(p.Value)}</li>"));
        var events = string.Join(", ", AppManifest.Events.Select(e => $"<code>{Text(e)}</code>"));
        var warning = derived
            ? $"""
              <div class="banner"><strong>Server:PublicUrl is not set.</strong> The App will send webhooks to the address
              you opened this page with, <code>{Text(publicUrl)}</code>. GitHub must be able to reach it; if it cannot, set
              <code>Server:PublicUrl</code> and open this page again.</div>
              """
            : "";
        var error = problem is null ? "" : $"<div class=\"banner\"><strong>{Text(problem)}</strong></div>";
        string form;
        if (confirm && problem is null)
        {
            var state = session.Issue(derived ? publicUrl : null);
            var action = AppManifest.NewAppUrl(webHost, organization.Length > 0 ? organization : null, state);
            var manifest = AppManifest.Build(name, publicUrl, BotHost.WebhookPath, CallbackPath);
            var change = $"/?name={Uri.EscapeDataString(name)}&organization={Uri.EscapeDataString(organization)}";
            form = $"""
                <form method="post" action="{Text(action.AbsoluteUri)}">
                <input type="hidden" name="manifest" value="{Text(manifest)}">
                <p>Registers <strong>{Text(name)}</strong> on {owner}. GitHub shows the App before creating it.</p>
                <button type="submit" id="continue">Continue on GitHub</button>
                </form>
                <p><a id="change" href="{Text(change)}">Change the name or the account</a></p>
                """;
        }
        else
        {
            // One form holds every choice, so what is typed is what gets registered.
            form = $"""
                <form method="get" action="{RegisterPath}">
                <label for="name">App name</label>
                <input type="text" id="name" name="name" value="{Text(name)}" maxlength="{AppManifest.MaxNameLength}">
                <label for="organization">Organization (optional; empty registers the App on your personal account)</label>
                <input type="text" id="organization" name="organization" value="{Text(organization)}" maxlength="39" placeholder="my-org">
                <button type="submit" id="register">Register the GitHub App on GitHub</button>
                </form>
                """;
        }
        var body = $"""
            <h1>Set up PrReviewBot</h1>
            <p>No GitHub App is configured yet. This registers a private GitHub App for this bot on
            <strong>{Text(webHost.Host)}</strong>; GitHub then sends you back here, and the bot starts using it at once.</p>
            {error}{warning}
            {form}
            <h2>What the App asks for</h2>
            <dl>
            <dt>Webhook URL</dt><dd><code>{Text(publicUrl + BotHost.WebhookPath)}</code></dd>
            <dt>Back to</dt><dd><code>{Text(publicUrl + CallbackPath)}</code></dd>
            <dt>Visibility</dt><dd>private (only the account that registers it can install it)</dd>
            <dt>Events</dt><dd>{events}</dd>
            </dl>
            <ul>{permissions}</ul>
            <p class="muted">GitHub App names are unique across GitHub; if the name is taken, change it on GitHub's page.
            The App's private key and webhook secret are stored in <code>Setup:CredentialsPath</code>, readable only by the bot's user.</p>
            """;
        await WriteAsync(context, problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, "Set up PrReviewBot", body,
            webHost.GetLeftPart(UriPartial.Authority));
    }

    private static async Task CallbackAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("PrReviewBot.Setup");
        var gitHub = services.GetRequiredService<IOptionsMonitor<GitHubOptions>>();
        if (gitHub.CurrentValue.Mode != GitHubMode.Unconfigured)
        {
            await WriteAsync(context, StatusCodes.Status409Conflict, "Already configured",
                """
                <h1>PrReviewBot is already configured</h1>
                <p>A GitHub App (or token) is configured, so this registration was not used. To register a new App,
                stop the bot, remove the file named by <code>Setup:CredentialsPath</code> and any <code>GitHub:*</code> settings, and start it again.</p>
                <p><a href="/">Status</a></p>
                """);
            return;
        }
        if (!services.GetRequiredService<IOptionsMonitor<SetupOptions>>().CurrentValue.Enabled)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var code = context.Request.Query["code"].ToString();
        var state = context.Request.Query["state"].ToString();
        var session = services.GetRequiredService<SetupSession>();
        if (!session.IsValid(state, out var derivedUrl))
        {
            log.LogWarning("Setup callback with an unknown or expired state refused");
            await WriteAsync(context, StatusCodes.Status400BadRequest, "Setup link expired",
                """
                <h1>This setup link is not valid</h1>
                <p>It was not issued by this bot, was already used, or is more than an hour old (GitHub allows one hour for
                the whole registration). <a href="/">Start again</a>.</p>
                """);
            return;
        }
        if (code.Length is 0 or > 100 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, "No code from GitHub",
                """<h1>GitHub sent no usable code</h1><p>The registration cannot be finished. <a href="/">Start again</a>.</p>""");
            return;
        }

        var connections = services.GetRequiredService<GitHubConnections>();
        GitHubAppFromManifest created;
        try
        {
            created = await new GitHubClient(connections.Anonymous()).GitHubApps.CreateAppFromManifest(code);
        }
        catch (NotFoundException)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, "Code not accepted",
                """
                <h1>GitHub did not accept the registration code</h1>
                <p>Codes work once and only within an hour. The App may have been registered anyway: delete it on GitHub
                (Settings → Developer settings → GitHub Apps) before you <a href="/">start again</a>.</p>
                """);
            return;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            log.LogError("Exchanging the manifest code with GitHub failed: {Reason}", e.Message);
            await WriteAsync(context, StatusCodes.Status502BadGateway, "GitHub did not answer",
                $"""
                <h1>GitHub could not be reached</h1>
                <p>The bot could not finish the registration with <code>{Text(connections.ApiBase.AbsoluteUri)}</code>
                ({Text(e is ApiException api ? $"GitHub answered {(int)api.StatusCode}" : "no answer")}). Reload this page to try the same code again
                within the hour, or <a href="/">start again</a>.</p>
                """);
            return;
        }

        if (!LooksUsable(created, out var why))
        {
            log.LogError("GitHub's answer to the manifest conversion cannot be used: {Reason}", why);
            await WriteAsync(context, StatusCodes.Status502BadGateway, "Unusable answer",
                $"<h1>GitHub's answer cannot be used</h1><p>{Text(why)}. <a href=\"/\">Start again</a>.</p>");
            return;
        }

        var app = new RegisteredApp(created.Id, created.Slug ?? "", created.Name ?? created.Slug ?? "", created.HtmlUrl ?? "",
            created.Owner?.Login, created.Pem, created.WebhookSecret);
        var path = AppCredentialsFile.PathOf(services.GetRequiredService<IConfiguration>());
        try
        {
            await AppCredentialsFile.WriteAsync(path, app, derivedUrl, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogError("The App's credentials could not be written to {Path}: {Reason}", path, e.Message);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "Could not store the App",
                $"""
                <h1>The App was registered but its credentials could not be stored</h1>
                <p>The bot cannot write <code>{Text(path)}</code> ({Text(e.GetType().Name)}). Make the folder writable for the bot's user
                (<code>Setup:CredentialsPath</code> moves the file), delete the App <strong>{Text(app.Name)}</strong> on GitHub, and <a href="/">start again</a>.</p>
                """);
            return;
        }
        session.Consume(state);
        ((IConfigurationRoot)services.GetRequiredService<IConfiguration>()).Reload();
        var mode = gitHub.CurrentValue.Mode;
        log.LogInformation("Registered GitHub App {AppName} ({AppId}) from the manifest; credentials stored in {Path}; now in {Mode} mode",
            app.Name, app.Id, path, mode);

        var install = InstallUrl(app.HtmlUrl);
        var note = mode == GitHubMode.App && gitHub.CurrentValue.AppId == app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? "<p class=\"pass\">The bot is using it now: no restart needed.</p>"
            : "<div class=\"banner\">Other <code>GitHub:*</code> settings given to the bot take precedence over the stored App: remove them and restart to use it.</div>";
        await WriteAsync(context, StatusCodes.Status200OK, "App registered",
            $"""
            <h1>GitHub App registered</h1>
            <p><strong>{Text(app.Name)}</strong> (App ID {app.Id}) is registered{(app.Owner is null ? "" : $" on {Text(app.Owner)}")}.</p>
            {note}
            <p>Next, install it on the repositories to review:</p>
            <p><a class="button" id="install" href="{Text(install)}">Install {Text(app.Name)}</a></p>
            <p class="muted">Then make <code>perf-review</code> a required check (README, “Make perf-review a required check”). <a href="/">Status</a></p>
            """);
    }

    internal static string InstallUrl(string htmlUrl) => htmlUrl.TrimEnd('/') + "/installations/new";

    private static bool LooksUsable(GitHubAppFromManifest app, out string why)
    {
        why = "";
        if (app.Id <= 0)
        {
            why = "it names no App id";
            return false;
        }
        if (string.IsNullOrWhiteSpace(app.WebhookSecret))
        {
            why = "it carries no webhook secret";
            return false;
        }
        if (string.IsNullOrWhiteSpace(app.HtmlUrl) || !Uri.TryCreate(app.HtmlUrl, UriKind.Absolute, out var html) || html.Scheme is not ("https" or "http"))
        {
            why = "it carries no address for the App";
            return false;
        }
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(app.Pem ?? "");
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            why = "its private key is not a PEM RSA key";
            return false;
        }
        return true;
    }
}
