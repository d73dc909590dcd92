using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Items.BeforeAfter;

/// <summary>Where a before/after pair was read from; microbenchmarks are not load tests.</summary>
internal enum MeasurementSource
{
    Table,
    Benchstat,
    GoBenchmark,
    ToolOutput,
    Prose,
}

/// <summary>A before/after pair as read, before units are reconciled into a <see cref="Measurement"/>.</summary>
internal sealed record RawMeasurement(string Metric, Quantity Before, Quantity After, MeasurementSource Source, Significance? Significance = null)
{
    /// <summary>The sides are two states of a switch (off/on, without/with), read as before/after until the change says otherwise.</summary>
    public bool States { get; init; }

    /// <summary>The same pair the other way round: for a change that is the switching off.</summary>
    public RawMeasurement Reversed() => this with { Before = After, After = Before, States = false };

    public Measurement ToMeasurement()
    {
        var (before, after, unit) = Reconcile(Before, After);
        double? change = before == 0 ? null : Math.Round((after - before) / Math.Abs(before) * 100, 1);
        return new Measurement(MetricName.Clean(Metric, unit), Round(before), Round(after), unit, change, Significance);
    }

    /// <summary>Brings both sides into one unit: the smaller of the two when they differ within a family.</summary>
    private static (double Before, double After, string Unit) Reconcile(Quantity b, Quantity a)
    {
        if (b.Unit == a.Unit || b.Family != a.Family || b.Family is UnitFamily.None or UnitFamily.Percent or UnitFamily.Count or UnitFamily.Ratio)
        {
            var unit = a.Unit.Length > 0 ? a.Unit : b.Unit;
            return (b.Value, a.Value, unit);
        }
        var bScale = b.Normalised / (b.Value == 0 ? 1 : b.Value);
        var aScale = a.Normalised / (a.Value == 0 ? 1 : a.Value);
        if (b.Value == 0 || a.Value == 0)
        {
            return (b.Value, a.Value, a.Unit);
        }
        return bScale <= aScale
            ? (b.Value, a.Normalised / bScale, b.Unit)
            : (b.Normalised / aScale, a.Value, a.Unit);
    }

    private static double Round(double v) => Math.Round(v, Math.Abs(v) >= 100 ? 2 : 4);
}

/// <summary>Turns "Chain/chain-18/Explore-4" or "**p95**" into a readable metric name.</summary>
internal static class MetricName
{
    public static string Clean(string metric, string unit)
    {
        var m = Sentences.Plain(metric).Trim().Trim(':', '-', '|', ' ', '*', '_');
        if (m.Length > 80)
        {
            m = m[..80].TrimEnd() + "…";
        }
        return m.Length > 0 ? m : unit.Length > 0 ? $"value ({unit})" : "value";
    }
}
