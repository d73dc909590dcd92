using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PrReviewBot.Service;

/// <summary>
/// <c>Webhooks:MaxBodyBytes</c> (default 25 MB, GitHub's own cap: it never sends a larger payload). A larger body is
/// answered 413 before it is read, or as soon as the read passes the limit when no length was announced.
/// </summary>
public static class WebhookBodyLimit
{
    public const string Key = "Webhooks:MaxBodyBytes";

    public const long Default = 25L * 1024 * 1024;

    public static long Of(IConfiguration configuration) =>
        configuration.GetValue<long?>(Key) is { } value and > 0 ? value : Default;

    public static IApplicationBuilder UseWebhookBodyLimit(this WebApplication app)
    {
        var limit = Of(app.Configuration);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookBodyLimit).FullName!);
        return app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(BotHost.WebhookPath, StringComparison.OrdinalIgnoreCase))
            {
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = limit;
                }
                if (context.Request.ContentLength > limit)
                {
                    log.LogWarning("Delivery {DeliveryId} refused with 413: {Length} bytes, over the {Limit}-byte limit",
                        context.Request.Headers["X-GitHub-Delivery"].ToString(), context.Request.ContentLength, limit);
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync(TooLarge(limit) + "\n", context.RequestAborted);
                    return;
                }
            }
            await next(context);
        });
    }

    public static string TooLarge(long limit) =>
        $"The body is larger than {limit:N0} bytes ({Key}); GitHub itself never sends more than 25 MB.";
}
