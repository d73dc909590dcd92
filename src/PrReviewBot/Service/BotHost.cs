using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Octokit.Webhooks;
using Octokit.Webhooks.AspNetCore;
using PrReviewBot.GitHub;
using PrReviewBot.Metrics;
using PrReviewBot.Report;
using PrReviewBot.Setup;
using PrReviewBot.Storage;
using PrReviewBot.Work;
using Serilog;

namespace PrReviewBot.Service;

/// <summary>
/// Builds the GitHub App host: configuration, storage, the GitHub adapter, the queue worker and the webhook
/// endpoint. <c>serve</c> runs it; tests start the same host on <c>http://127.0.0.1:0</c>; later features add
/// endpoints to the returned app.
/// </summary>
public static class BotHost
{
    public const string WebhookPath = "/api/github/webhooks";

    /// <param name="configure">Runs before anything is registered: add configuration, replace services (TimeProvider), set URLs.</param>
    /// <exception cref="BotConfigurationException">The configuration cannot work; the message names the key to set.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        configure?.Invoke(builder);

        var configuration = builder.Configuration;
        // What one-click setup stored, below explicit settings; absent until then.
        AppCredentialsFile.AddTo(configuration, AppCredentialsFile.PathOf(configuration));
        var gitHub = configuration.GetSection(GitHubOptions.Section).Get<GitHubOptions>() ?? new GitHubOptions();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var server = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        StartupCheck.Validate(gitHub, storage, server);
        if (server.PollConfigurationFiles)
        {
            ConfigurationFiles.Poll(configuration, builder.Environment);
        }

        BotLogging.Configure(builder);
        var services = builder.Services;
        services.Configure<GitHubOptions>(configuration.GetSection(GitHubOptions.Section));
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.Section));
        services.Configure<QueueOptions>(configuration.GetSection(QueueOptions.Section));
        services.Configure<SetupOptions>(configuration.GetSection(SetupOptions.Section));
        services.Configure<ReportOptions>(configuration.GetSection(ReportOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        // Storage
        services.AddWorkStore(storage);

        // GitHub
        services.AddSingleton<GitHubTraffic>();
        services.AddSingleton<GitHubRateBudget>();
        services.AddSingleton<GitHubConnections>();
        services.AddSingleton<GitHubCallPolicy>();
        services.AddSingleton<RepositoryInstallations>();
        services.TryAddSingleton<IGitHub, OctokitGitHub>();

        // Work
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<ReportSigner>();
        services.AddSingleton<ReportLinks>();
        services.TryAddSingleton<IOverrideHistory, StoredOverrideHistory>();
        services.AddSingleton<ReviewEvidence>();
        services.AddSingleton<GateComments>();
        services.AddSingleton<GateIssueLinks>();
        services.AddSingleton<PerfCommands>();
        services.AddSingleton<PullRequestReview>();
        // One handler per job kind; JobRunner refuses to start when a kind has none or two.
        services.AddSingleton<IJobHandler, PullRequestJob>();
        services.AddSingleton<IJobHandler, IssueGateReview>();
        services.AddSingleton<IJobHandler, MergeGroupCheck>();
        services.AddSingleton<IJobHandler, CommitPullRequests>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<QueueWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueWorker>());
        services.AddRedeliverySweep(configuration);

        // Intake: the secret is read per request, so a reloaded configuration (issue 5's setup) applies at once.
        services.AddSingleton<WebhookEventProcessor, WebhookIntake>();
        services.AddOptions<GitHubWebhookOptions>().Configure<IConfiguration>((o, config) =>
        {
            o.Secret = config[$"{GitHubOptions.Section}:{nameof(GitHubOptions.WebhookSecret)}"];
            o.ExceptionHandler = WebhookErrors.HandleAsync;
        });
        services.AddSingleton<IOptionsChangeTokenSource<GitHubWebhookOptions>>(new ConfigurationChangeTokenSource<GitHubWebhookOptions>(configuration));

        // Setup, pages, metrics
        services.AddSingleton<SetupSession>();
        services.AddSingleton<BotMetrics>();

        var app = builder.Build();
        app.UseSerilogRequestLogging(o =>
        {
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                if (http.Request.Headers.TryGetValue("X-GitHub-Delivery", out var delivery))
                {
                    diagnostics.Set("DeliveryId", delivery.ToString());
                }
                if (http.Response.Headers.TryGetValue(WebhookIntake.OutcomeHeader, out var outcome))
                {
                    diagnostics.Set("Outcome", outcome.ToString());
                }
            };
            o.GetLevel = (http, _, e) => e is not null || http.Response.StatusCode >= 500
                ? Serilog.Events.LogEventLevel.Error
                : Serilog.Events.LogEventLevel.Information;
        });
        app.Use(ProbeEndpoints.CountDeliveries);
        app.Use(SetupEndpoints.RefuseWebhooksUntilConfigured);
        app.UseWebhookBodyLimit();
        app.UseWebhookConcurrency();
        app.MapGitHubWebhooks(WebhookPath);
        SetupEndpoints.Map(app);
        ReportEndpoint.Map(app);
        ProbeEndpoints.Map(app);
        return app;
    }
}
