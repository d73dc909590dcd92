using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PrReviewBot.Tests.Support;

/// <summary>Receives every log event of a host under test (registered in DI, picked up by Serilog's ReadFrom.Services).</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => [.. _events];

    /// <summary>Everything logged, as the production console would print it (compact JSON, one event a line).</summary>
    public string Rendered()
    {
        var formatter = new RenderedCompactJsonFormatter();
        using var writer = new StringWriter();
        foreach (var e in _events)
        {
            formatter.Format(e, writer);
        }
        return writer.ToString();
    }
}
