using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace PrReviewBot.Service;

/// <summary>
/// <c>Webhooks:MaxConcurrent</c> (default 16; 0 = no limit): how many webhook deliveries are read and stored at once.
/// The others wait their turn, first come, first served, before their body is read, so a burst that outruns the
/// CPU or the database waits as requests Kestrel holds (their bytes in its buffers) instead of as read bodies, each
/// a string twice the size of the JSON, that the GC then carries into its oldest generation.
/// </summary>
public static class WebhookConcurrency
{
    public const string Key = "Webhooks:MaxConcurrent";

    public const int Default = 16;

    public static int Of(IConfiguration configuration) =>
        configuration.GetValue<int?>(Key) is { } value and >= 0 ? value : Default;

    public static IApplicationBuilder UseWebhookConcurrency(this WebApplication app)
    {
        var limit = Of(app.Configuration);
        if (limit == 0)
        {
            return app;
        }
        // SemaphoreSlim hands its slots to asynchronous waiters in the order they came.
        var turns = new SemaphoreSlim(limit, limit);
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(BotHost.WebhookPath, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }
            try
            {
                await turns.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // the sender hung up while waiting: nothing was read, nothing accepted
            }
            try
            {
                await next(context);
            }
            finally
            {
                turns.Release();
            }
        });
    }
}
