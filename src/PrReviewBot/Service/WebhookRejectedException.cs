namespace PrReviewBot.Service;

/// <summary>A webhook the bot refuses, with the status and one-line reason the sender gets. Nothing was stored.</summary>
public sealed class WebhookRejectedException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
