using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PrReviewBot.Service;

/// <summary>
/// Serilog for the service: compact JSON on the console (human text in Development), enriched from the log
/// context so every line about a delivery carries its delivery id, repository and PR. <c>Logging:Console</c> =
/// <c>json</c>, <c>text</c> or <c>off</c> overrides the format; console output is written off the request path
/// (<c>Logging:Async</c>, default true). Sinks registered in DI (tests) receive everything too.
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
            if (format == "off")
            {
                return;
            }
            // Console writes are synchronous and serialized; when whatever reads the console lags, every thread that logs
            // waits (webhook acknowledgements among them). Logging:Async=false writes inline again (docs/PERFORMANCE.md).
            Action<Serilog.Configuration.LoggerSinkConfiguration> console = format == "text"
                ? sink => sink.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}")
                : sink => sink.Console(new RenderedCompactJsonFormatter());
            if (builder.Configuration.GetValue("Logging:Async", true))
            {
                // A full buffer drops events rather than stalling requests; 10,000 lines is many seconds of peak traffic.
                logger.WriteTo.Async(console, bufferSize: builder.Configuration.GetValue("Logging:AsyncBufferSize", 10_000), blockWhenFull: false);
            }
            else
            {
                console(logger.WriteTo);
            }
        }, preserveStaticLogger: true); // Each host its own logger: Log.Logger is process-wide and would mix hosts' logs.
    }
}
