using System.CommandLine;
using Microsoft.Extensions.Hosting;
using PrReviewBot.Service;

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

    public static async Task<int> RunAsync(string[] args, TextWriter error, CancellationToken ct)
    {
        try
        {
            using var app = BotHost.Build(args) as IDisposable;
            await ((IHost)app!).RunAsync(ct);
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
        catch (Exception e)
        {
            await error.WriteLineAsync($"error: prreviewbot could not start: {e.Message}");
            return CliApp.ExitFail;
        }
    }
}
