namespace PrReviewBot.Service;

/// <summary><c>installation</c>: the App was installed, changed or removed; recorded, nothing to do.</summary>
public sealed class InstallationRoute : IEventRoute
{
    public string Event => "installation";

    public bool Subscribed => false;

    public Routing Route(PayloadObject payload, IntakeContext context) => Note(Event, payload);

    internal static Routing Note(string eventName, PayloadObject payload)
    {
        var envelope = Envelope.ReadLeniently(payload);
        string? account;
        try
        {
            account = payload.OptionalObject("installation")?.OptionalObject("account")?.LenientString("login");
        }
        catch (MalformedPayloadException)
        {
            account = null;
        }
        return envelope.Ignore($"{eventName}.{envelope.Action} for {account ?? "an unknown account"} (installation {envelope.InstallationId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})");
    }
}
