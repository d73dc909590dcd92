using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Items.Profile;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// The JSON form of a gate verdict (<c>prreviewbot gates --format json</c>). Names are a contract: add, never rename.
/// Text keeps non-ASCII characters as they are; numbers are always finite.
/// </summary>
public static class GateJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(GateVerdict verdict, GateConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            Write(json, verdict, config ?? new GateConfig());
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter json, GateVerdict verdict, GateConfig config)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(config);
        json.WriteStartObject();
        json.WriteBoolean("allSatisfied", verdict.AllSatisfied);
        json.WriteString("label", verdict.Label(config));
        json.WriteStartArray("gates");
        foreach (var gate in verdict.Gates)
        {
            json.WriteStartObject();
            json.WriteNumber("gate", gate.Gate.Number());
            json.WriteString("name", gate.Gate.JsonName());
            json.WriteString("question", gate.Gate.Question());
            json.WriteString("status", gate.Satisfied ? "satisfied" : "open");
            if (gate.Stop is { } stop)
            {
                json.WriteString("stop", stop);
            }
            else
            {
                json.WriteNull("stop");
            }
            Strings(json, "answers", gate.Answers);
            Strings(json, "questions", gate.Questions);
            Strings(json, "furtherQuestions", gate.FurtherQuestions);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WritePropertyName("reading");
        WriteReading(json, verdict.Reading);
        json.WriteEndObject();
    }

    public static void WriteReading(Utf8JsonWriter json, IssueReading r)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(r);
        json.WriteStartObject();
        json.WriteStartArray("targets");
        foreach (var t in r.Targets)
        {
            json.WriteStartObject();
            json.WriteString("metric", t.Metric);
            json.WriteString("percentile", t.Percentile);
            json.WriteString("comparator", t.Comparator);
            Number(json, "value", t.Value);
            json.WriteString("unit", t.Unit);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("traffic");
        foreach (var t in r.Traffic)
        {
            json.WriteStartObject();
            Number(json, "value", t.Value);
            json.WriteString("unit", t.Unit);
            json.WriteString("kind", t.Kind.ToString().ToLowerInvariant());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("latency");
        foreach (var l in r.Latency)
        {
            json.WriteStartObject();
            json.WriteString("percentile", l.Percentile);
            Number(json, "value", l.Value);
            json.WriteString("unit", l.Unit);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("endpoints");
        foreach (var e in r.Endpoints)
        {
            json.WriteStartObject();
            json.WriteString("name", e.Name);
            if (e.SharePercent is { } share)
            {
                Number(json, "sharePercent", share);
            }
            else
            {
                json.WriteNull("sharePercent");
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("staleness", r.Staleness);
        json.WriteString("readWriteRatio", r.ReadWriteRatio);
        json.WriteString("infraConstraint", r.InfraConstraint);
        Strings(json, "currentUsage", r.CurrentUsage);
        json.WriteStartArray("profileArtifacts");
        foreach (var a in r.ProfileArtifacts)
        {
            json.WriteStartObject();
            json.WriteString("kind", a.Kind);
            json.WriteString("reference", a.Reference);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        Strings(json, "profileFindings", r.ProfileFindings);
        Strings(json, "bottlenecks", r.Bottlenecks.Select(BottleneckReader.Name));
        if (r.CacheHitRatePercent is { } hit)
        {
            Number(json, "cacheHitRatePercent", hit);
        }
        else
        {
            json.WriteNull("cacheHitRatePercent");
        }
        json.WriteStartArray("proposedSteps");
        foreach (var s in r.ProposedSteps)
        {
            json.WriteNumberValue(s);
        }
        json.WriteEndArray();
        Strings(json, "proposedTechniques", r.ProposedTechniques);
        json.WriteStartArray("stepsInPlace");
        foreach (var s in r.StepsInPlace)
        {
            json.WriteNumberValue(s);
        }
        json.WriteEndArray();
        json.WriteBoolean("newService", r.NewService);
        json.WriteStartObject("rollback");
        Strings(json, "flags", r.Rollback.FlagNames);
        json.WriteBoolean("featureFlag", r.Rollback.FeatureFlag);
        json.WriteBoolean("loadTestScript", r.Rollback.LoadTestScript);
        json.WriteBoolean("flamegraphComparison", r.Rollback.FlamegraphComparison);
        json.WriteBoolean("alertRules", r.Rollback.AlertRules);
        json.WriteBoolean("circuitBreaker", r.Rollback.CircuitBreaker);
        json.WriteEndObject();
        json.WriteBoolean("truncated", r.Truncated);
        json.WriteEndObject();
    }

    internal static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }
        json.WriteEndArray();
    }

    internal static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
