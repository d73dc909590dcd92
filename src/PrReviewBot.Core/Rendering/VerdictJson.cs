using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Rendering;

/// <summary>
/// Writes the JSON contract of the verdict. Names are a contract: never rename them, and add none without a decision
/// (consumers may validate strictly). Numbers are always finite JSON numbers (a non-finite value is written as null),
/// text keeps CJK, right-to-left and other non-ASCII characters as they are, and control characters are escaped.
/// </summary>
public static class VerdictJson
{
    // The relaxed encoder leaves non-ASCII text and characters such as '<' alone (this JSON is never inlined in HTML);
    // control characters and quotes are still escaped, so the output is always valid JSON.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(Verdict verdict, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            Write(json, verdict);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter json, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(verdict);
        json.WriteStartObject();
        json.WriteBoolean("isOptimization", verdict.IsOptimization);
        json.WriteString("conclusion", verdict.Conclusion.Name());

        json.WriteStartObject("items");
        foreach (var kind in ItemKinds.All)
        {
            var item = verdict.Items.FirstOrDefault(i => i.Kind == kind);
            json.WriteStartObject(kind.JsonName());
            json.WriteString("status", item?.Status == ItemStatus.Pass ? "pass" : "fail");
            Strings(json, "messages", item?.Messages ?? []);
            Strings(json, "evidence", item?.Evidence ?? []);
            json.WriteEndObject();
        }
        json.WriteEndObject();

        json.WriteStartArray("targets");
        foreach (var target in verdict.Targets)
        {
            json.WriteStartObject();
            Text(json, "metric", target.Metric);
            if (target.Percentile is null)
            {
                json.WriteNull("percentile");
            }
            else
            {
                Text(json, "percentile", target.Percentile);
            }
            Text(json, "comparator", target.Comparator);
            Number(json, "value", target.Value);
            Text(json, "unit", target.Unit);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("measurements");
        foreach (var measurement in verdict.Measurements)
        {
            json.WriteStartObject();
            Text(json, "metric", measurement.Metric);
            Number(json, "before", measurement.Before);
            Number(json, "after", measurement.After);
            Text(json, "unit", measurement.Unit);
            Number(json, "changePercent", measurement.ChangePercent is { } change ? Math.Round(change, 1, MidpointRounding.AwayFromZero) : null);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        Strings(json, "flags", verdict.Flags);

        json.WriteStartArray("findings");
        foreach (var finding in verdict.Findings.Where(f => f.Severity != Severity.Off))
        {
            json.WriteStartObject();
            Text(json, "rule", finding.Rule);
            json.WriteString("severity", finding.Severity.Name());
            Text(json, "message", finding.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(WellFormed(value));
        }
        json.WriteEndArray();
    }

    private static void Text(Utf8JsonWriter json, string name, string? value) => json.WriteString(name, WellFormed(value));

    /// <summary>JSON has no NaN or Infinity: such a value (a division by a zero baseline) is written as null.</summary>
    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>The writer refuses invalid UTF-16; a lone surrogate from a PR body becomes U+FFFD instead of an exception.</summary>
    private static string WellFormed(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (!value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return value;
        }
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }
}
