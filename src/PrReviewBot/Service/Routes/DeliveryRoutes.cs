using System.Collections.Frozen;
using System.Text.Json;

namespace PrReviewBot.Service;

/// <summary>
/// The routes, one per event (every <see cref="IEventRoute"/> in this assembly), and the one way a delivery is read:
/// at intake to decide it, and again by its job from the stored body, so both see the same typed values.
/// </summary>
public static class DeliveryRoutes
{
    private static readonly FrozenDictionary<string, IEventRoute> ByEvent = typeof(IEventRoute).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEventRoute).IsAssignableFrom(t))
        .Select(t => (IEventRoute)Activator.CreateInstance(t)!)
        .ToFrozenDictionary(r => r.Event, StringComparer.Ordinal);

    /// <summary>The events a route handles (anything else is recorded and ignored).</summary>
    public static IEnumerable<string> Events => ByEvent.Keys;

    /// <summary>The events the App's manifest subscribes to: every route's event that GitHub does not send unasked.</summary>
    public static IReadOnlyList<string> SubscribedEvents { get; } = ByEvent.Values.Where(r => r.Subscribed).Select(r => r.Event).Order(StringComparer.Ordinal).ToList();

    /// <exception cref="MalformedPayloadException">The body is not JSON, not an object, or a value the route needs is malformed.</exception>
    public static Routing Route(string eventName, string body, IntakeContext context)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return Route(eventName, doc.RootElement, context);
        }
        catch (JsonException)
        {
            throw new MalformedPayloadException("The body is not valid JSON.");
        }
    }

    /// <summary>The same, from the body's UTF-8 bytes (parsed where they are: no string, no copy).</summary>
    /// <exception cref="MalformedPayloadException">The bytes are not UTF-8 JSON, not an object, or a value the route needs is malformed.</exception>
    public static Routing Route(string eventName, ReadOnlyMemory<byte> utf8Body, IntakeContext context)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8Body);
            return Route(eventName, doc.RootElement, context);
        }
        catch (JsonException)
        {
            throw new MalformedPayloadException("The body is not valid JSON.");
        }
    }

    public static Routing Route(string eventName, JsonElement root, IntakeContext context)
    {
        var payload = PayloadObject.Root(root);
        if (ByEvent.TryGetValue(eventName, out var route))
        {
            return route.Route(payload, context);
        }
        var envelope = Envelope.ReadLeniently(payload);
        return envelope.Ignore(envelope.Action is null ? $"{eventName} needs nothing" : $"{eventName}.{envelope.Action} needs nothing");
    }
}
