using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrReviewBot.GitHub;
using PrReviewBot.Service;
using PrReviewBot.Setup;
using Serilog.Core;
using Serilog.Events;

namespace PrReviewBot.Cli;

/// <summary>
/// <c>prreviewbot serve</c>: runs the GitHub App. Everything after the verb is ASP.NET configuration
/// (<c>--urls http://0.0.0.0:8080</c>, <c>--GitHub:AppId 123</c>…), besides appsettings and environment variables.
/// </summary>
public static class ServeVerb
{
    public static Command Build()
    {
        var command = new Command("serve", "Run the GitHub App: receive webhooks, review PRs, post checks and comments.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, ct) => RunAsync([.. parse.UnmatchedTokens], Console.Error, ct));
        return command;
    }

    /// <summary>
    /// The arguments as ASP.NET's command-line configuration expects them. Operators copy keys from environment
    /// variables (<c>--GitHub__AppId 123</c>); ASP.NET would store that under a key nothing reads, so the bot would
    /// start as if it had not been given. The double underscore becomes the section separator, as for environment
    /// variables.
    /// </summary>
    internal static string[] ConfigurationArgs(IEnumerable<string> tokens) =>
        [.. tokens.Select(t =>
        {
            if (!(t.StartsWith('-') || t.StartsWith('/')))
            {
                return t;
            }
            var equals = t.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? t : t[..equals];
            return key.Replace("__", ":", StringComparison.Ordinal) + (equals < 0 ? "" : t[equals..]);
        })];

    public static async Task<int> RunAsync(string[] args, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var app = BotHost.Build(ConfigurationArgs(args), builder =>
                // The one-line message below says it all; the host's own error with a stack trace would only bury it.
                builder.Services.AddSingleton<ILogEventFilter>(new DropAddressInUseStartupFault()));
            await using (app)
            {
                app.Lifetime.ApplicationStarted.Register(() => TellWhereToRegister(app, error));
                await app.RunAsync(ct);
            }
            return CliApp.ExitPass;
        }
        catch (BotConfigurationException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return CliApp.ExitUsage;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return CliApp.ExitPass;
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            await error.WriteLineAsync($"error: {e.Message.TrimEnd('.')}: another program (perhaps another prreviewbot) listens there; " +
                "stop it, or choose another address with --urls or another port with ASPNETCORE_HTTP_PORTS");
            return CliApp.ExitUsage;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"error: prreviewbot could not start: {e.Message}");
            return CliApp.ExitFail;
        }
    }

    /// <summary>
    /// In setup mode nothing works until someone registers the App, and the log does not say where: print the
    /// address to open, once, when the server listens.
    /// </summary>
    private static void TellWhereToRegister(WebApplication app, TextWriter error)
    {
        var services = app.Services;
        if (services.GetRequiredService<IOptionsMonitor<GitHubOptions>>().CurrentValue.Mode != GitHubMode.Unconfigured)
        {
            return;
        }
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var local = addresses.Select(BrowsableAddress).FirstOrDefault() ?? "http://localhost:8080/";
        var publicUrl = services.GetRequiredService<IOptionsMonitor<ServerOptions>>().CurrentValue.PublicUrl;
        if (!services.GetRequiredService<IOptionsMonitor<SetupOptions>>().CurrentValue.Enabled)
        {
            error.WriteLine($"prreviewbot: no GitHub App is configured and one-click setup is off (Setup:Enabled=false); " +
                $"set GitHub:AppId, a private key and GitHub:WebhookSecret (see {local})");
            return;
        }
        var also = string.IsNullOrWhiteSpace(publicUrl) ? "" : $" (or {publicUrl.TrimEnd('/')}/)";
        error.WriteLine($"prreviewbot: no GitHub App is configured yet: open {local}{also} in a browser to register one");
    }

    /// <summary>A listening address a browser on this machine can open: wildcard hosts become localhost.</summary>
    internal static string BrowsableAddress(string address)
    {
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri) { Host = host, Path = "/" }.Uri.AbsoluteUri;
    }

    /// <summary>Drops the host's "failed to start" error when the cause is a port in use (reported in one line instead).</summary>
    private sealed class DropAddressInUseStartupFault : ILogEventFilter
    {
        public bool IsEnabled(LogEvent logEvent) =>
            logEvent.Exception is not IOException { InnerException: AddressInUseException };
    }
}
