using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Rendering;

/// <summary>Writes the JSON contract of PRODUCT §9. Names are a contract: never rename them.</summary>
public static class VerdictJson
{
    // PLACEHOLDER (phase 0): replaced by the real writer.
    public static string Serialize(Verdict verdict, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return indented ? "{}" : "{}";
    }
}
