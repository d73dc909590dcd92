using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PrReviewBot.Service;

/// <summary>
/// Every failure of the webhook endpoint becomes a short plain-text answer with an honest status: 4xx for a
/// delivery the bot will never take, 503 when it could not store it (nothing was accepted: redeliver it), never a
/// stack trace.
/// </summary>
public static class WebhookErrors
{
    public static async ValueTask<bool> HandleAsync(Exception e, HttpContext context)
    {
        var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PrReviewBot.Service.WebhookErrors");
        var deliveryId = context.Request.Headers["X-GitHub-Delivery"].ToString();
        var (status, message) = e switch
        {
            WebhookRejectedException r => (r.StatusCode, r.Message),
            // Kestrel stops reading a body past the limit (one sent without a Content-Length).
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, WebhookBodyLimit.TooLarge(WebhookBodyLimit.Of(context.RequestServices.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()))),
            BadHttpRequestException b => (b.StatusCode, "The request could not be read."),
            JsonException => (StatusCodes.Status400BadRequest, "The body is not valid JSON."),
            DbException => (StatusCodes.Status503ServiceUnavailable, "The delivery could not be stored, so it was not accepted: redeliver it later."),
            _ => (StatusCodes.Status500InternalServerError, "The delivery could not be processed and was not accepted; the bot's log has the details under its delivery id."),
        };
        if (status >= 500 && e is not WebhookRejectedException)
        {
            log.LogError(e, "Delivery {DeliveryId} failed: answered {Status}", deliveryId, status);
        }
        else
        {
            log.LogWarning("Delivery {DeliveryId} refused with {Status}: {Reason}", deliveryId, status, message);
        }
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = "60";
            }
            await context.Response.WriteAsync(message + "\n", context.RequestAborted);
        }
        return true;
    }
}
