namespace PrReviewBot.Service;

/// <summary><c>ping</c>: GitHub checking the webhook works; recorded with its zen.</summary>
public sealed class PingRoute : IEventRoute
{
    public string Event => "ping";

    public bool Subscribed => false;

    public Routing Route(PayloadObject payload, IntakeContext context)
    {
        var envelope = Envelope.ReadLeniently(payload);
        var hook = payload.LenientString("hook_id") ?? (Lenient(() => payload.OptionalPositiveLong("hook_id")) is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?");
        return envelope.Ignore($"ping: {payload.LenientString("zen") ?? "no zen"} (hook {hook})");
    }

    private static long? Lenient(Func<long?> read)
    {
        try
        {
            return read();
        }
        catch (MalformedPayloadException)
        {
            return null;
        }
    }
}
