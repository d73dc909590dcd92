using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Gates;

namespace PrReviewBot.Core.Planning;

/// <summary>The JSON form of an escalation plan (<c>prreviewbot plan --format json</c>). Names are a contract.</summary>
public static class PlanJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(EscalationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            Write(json, plan);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter json, EscalationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(plan);
        json.WriteStartObject();
        json.WriteString("kind", plan.Kind switch
        {
            PlanKind.MeasureFirst => "measureFirst",
            PlanKind.LadderStep => "ladderStep",
            PlanKind.PushBack => "pushBack",
            _ => "outsideLadder",
        });
        if (plan.Outside is { } outside)
        {
            json.WriteString("outside", outside switch
            {
                OutsideWork.FrontEnd => "frontEnd",
                OutsideWork.Startup => "startup",
                _ => "regression",
            });
        }
        json.WriteString("headline", plan.Headline);
        json.WriteStartArray("openGates");
        foreach (var g in plan.Gates.Open)
        {
            json.WriteNumberValue(g.Gate.Number());
        }
        json.WriteEndArray();
        if (plan.Step is { } step)
        {
            json.WriteStartObject("step");
            json.WriteNumber("number", step.Number);
            json.WriteString("name", step.Name);
            json.WriteString("when", step.When);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("step");
        }
        json.WriteStartArray("measure");
        foreach (var task in plan.Measure)
        {
            json.WriteStartObject();
            json.WriteNumber("gate", task.Gate.Number());
            json.WriteString("what", task.What);
            json.WriteString("how", task.How);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        GateJson.Strings(json, "evidence", plan.Evidence);
        GateJson.Strings(json, "actions", plan.Actions);
        json.WriteString("metricProofToEscalate", plan.MetricProofToEscalate);
        if (plan.Rollback is { } rollback)
        {
            json.WriteStartObject("rollback");
            json.WriteString("flag", rollback.Name);
            json.WriteBoolean("suggested", rollback.Suggested);
            json.WriteString("disable", rollback.Disable);
            json.WriteString("whenDisabled", rollback.WhenDisabled);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("rollback");
        }
        if (plan.LoadTest is { } load)
        {
            json.WriteStartObject("loadTest");
            json.WriteNumber("minimumSeconds", load.MinimumSeconds);
            json.WriteString("rate", load.Rate);
            GateJson.Strings(json, "metrics", load.Metrics);
            GateJson.Strings(json, "procedure", load.Procedure);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("loadTest");
        }
        json.WriteStartArray("skipped");
        foreach (var s in plan.Skipped)
        {
            json.WriteStartObject();
            json.WriteNumber("step", s.Step);
            json.WriteString("name", s.Name);
            json.WriteString("reason", s.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        GateJson.Strings(json, "pushback", plan.Pushback);
        GateJson.Strings(json, "notRecommended", plan.NotRecommended);
        GateJson.Strings(json, "questions", plan.Questions);
        GateJson.Strings(json, "then", plan.Then);
        json.WritePropertyName("gates");
        GateJson.Write(json, plan.Gates, new GateConfig());
        json.WriteEndObject();
    }
}
