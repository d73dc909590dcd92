using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PrReviewBot.Service;

/// <summary>
/// Serilog for the service: compact JSON on the console (human text in Development), enriched from the log
/// context so every line about a delivery carries its delivery id, repository and PR. <c>Logging:Console</c> =
/// <c>json</c>, <c>text</c> or <c>off</c> overrides the format. Sinks registered in DI (tests) receive everything too.
/// </summary>
public static class BotLogging
{
    /// <summary>The one setting read outside an options class.</summary>
    public const string ConsoleKey = "Logging:Console";

    public static void Configure(WebApplicationBuilder builder)
    {
        var format = builder.Configuration[ConsoleKey]?.Trim().ToLowerInvariant()
            ?? (builder.Environment.IsDevelopment() ? "text" : "json");
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .ReadFrom.Services(services);
            switch (format)
            {
                case "off":
                    break;
                case "text":
                    logger.WriteTo.Console(
                        outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
                    break;
                default:
                    logger.WriteTo.Console(new RenderedCompactJsonFormatter());
                    break;
            }
        }, preserveStaticLogger: true); // Each host its own logger: Log.Logger is process-wide and would mix hosts' logs.
    }
}
