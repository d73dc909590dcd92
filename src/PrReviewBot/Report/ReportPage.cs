using System.Globalization;
using System.Text;
using System.Text.Json;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Rendering;
using PrReviewBot.Storage;
using PrReviewBot.Work;
using static PrReviewBot.Pages.HtmlPage;

namespace PrReviewBot.Report;

/// <summary>Everything the report page shows about one PR.</summary>
public sealed record ReportView(
    PullRequestRecord Record,
    IReadOnlyList<EvaluationRecord> History,
    IReadOnlyList<OverrideEntry> Overrides,
    ReportEndpoint.StaleReason? Staleness,
    DateTimeOffset? ReevaluationRequestedAt,
    DateTimeOffset Now,
    string PullRequestUrl);

/// <summary>
/// Renders the report: the check as posted, the five items with what is missing and what was found, the findings,
/// overrides, and the history of evaluations. Reads the stored verdict JSON (the CLI's stable contract), so it shows
/// exactly what the check was based on. All of it escaped: PR text is hostile until proven otherwise.
/// </summary>
public static class ReportPage
{
    public static string Render(ReportView view)
    {
        var r = view.Record;
        var posted = ReadPostedCheck(r.CheckJson);
        var html = new StringBuilder();
        html.Append($"<p class=\"muted\"><a href=\"{Text(view.PullRequestUrl)}\">{Text(r.Repository)} #{r.Number}</a></p>");
        html.Append($"<h1>{Text(posted?.Output.Title ?? "perf-review")} {ConclusionBadge(r.Conclusion, posted)}</h1>");
        html.Append($"<p class=\"muted\">Evaluated {Time(r.EvaluatedAt)} ({Age(view.Now - r.EvaluatedAt)} ago) on commit <code>{Text(Short(r.HeadSha))}</code>.</p>");
        if (view.ReevaluationRequestedAt is not null)
        {
            var why = view.Staleness switch
            {
                ReportEndpoint.StaleReason.CheckNotPosted => "the check for the latest commit was not posted",
                ReportEndpoint.StaleReason.DeliveryFailed => "the last event about this PR could not be processed",
                _ => "this result is older than the bot keeps results fresh",
            };
            html.Append($"<div class=\"banner\" id=\"reevaluation\"><strong>A fresh review was requested</strong> because {why}. Reload this page in a moment.</div>");
        }

        using var doc = TryParse(r.VerdictJson);
        if (r.Conclusion is "config_error" or "error")
        {
            html.Append("<h2>Why the check failed</h2>");
            html.Append($"<pre class=\"card\">{Text(posted?.Output.Text is { Length: > 0 } text ? text : posted?.Output.Summary)}</pre>");
        }
        if (doc is not null)
        {
            var root = doc.RootElement;
            if (root.TryGetProperty("isOptimization", out var opt) && opt.ValueKind == JsonValueKind.False)
            {
                html.Append("<p>This PR is not an optimization PR, so nothing is required of it and the check passes.</p>");
            }
            else
            {
                Items(html, root);
                Findings(html, root);
            }
        }
        else if (r.Conclusion is not ("config_error" or "error"))
        {
            html.Append("<p class=\"muted\">No verdict is stored for this PR yet.</p>");
        }

        if (view.Overrides.Count > 0)
        {
            html.Append("<h2>Overrides</h2><ul id=\"overrides\">");
            foreach (var o in view.Overrides)
            {
                html.Append($"<li>{Time(o.At)}: <strong>{Text(o.Action)}</strong> by @{Text(o.User)}{(string.IsNullOrEmpty(o.Reason) ? "" : $": “{Text(o.Reason)}”")}</li>");
            }
            html.Append("</ul>");
        }

        History(html, view.History);
        return html.ToString();
    }

    private static void Items(StringBuilder html, JsonElement root)
    {
        if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        html.Append("<h2>The five items</h2><div id=\"items\">");
        foreach (var kind in ItemKinds.All)
        {
            if (!items.TryGetProperty(kind.JsonName(), out var item) || item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var pass = item.TryGetProperty("status", out var status) && status.GetString() == "pass";
            html.Append($"<section class=\"card\" id=\"item-{kind.JsonName()}\"><h3>{Text(kind.DisplayName())} ");
            html.Append(pass ? "<span class=\"badge pass\">present</span>" : "<span class=\"badge fail\">missing</span>");
            html.Append("</h3>");
            var messages = Strings(item, "messages");
            if (messages.Count > 0)
            {
                html.Append("<ul>").Append(string.Concat(messages.Select(m => $"<li>{Text(m)}</li>"))).Append("</ul>");
            }
            var evidence = Strings(item, "evidence");
            if (evidence.Count > 0)
            {
                html.Append("<p class=\"muted\">Found: ").Append(string.Join(" · ", evidence.Select(e => $"<code>{Text(e)}</code>"))).Append("</p>");
            }
            if (!pass)
            {
                var guidance = ItemGuidance.For(kind);
                html.Append($"<p><strong>Why:</strong> {Text(guidance.Why)}</p>");
                // The examples are Markdown sections ("## Rollback" and its lines): inline they would run together.
                var example = guidance.Example.Trim();
                html.Append(example.Contains('\n', StringComparison.Ordinal)
                    ? $"<p><strong>For example:</strong></p><pre class=\"example\"><code>{Text(example)}</code></pre>"
                    : $"<p><strong>For example:</strong> <code>{Text(example)}</code></p>");
            }
            html.Append("</section>");
        }
        html.Append("</div>");
    }

    private static void Findings(StringBuilder html, JsonElement root)
    {
        if (!root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        html.Append("<h2>Findings</h2>");
        if (findings.GetArrayLength() == 0)
        {
            html.Append("<p class=\"muted\" id=\"findings\">None.</p>");
            return;
        }
        html.Append("<div class=\"table\"><table id=\"findings\"><thead><tr><th>severity</th><th>finding</th></tr></thead><tbody>");
        foreach (var f in findings.EnumerateArray())
        {
            var severity = Property(f, "severity");
            var css = severity switch { "error" => "fail", "warning" => "warn", _ => "muted" };
            html.Append($"<tr><td><span class=\"{css}\">{Text(severity)}</span></td><td>{Text(Property(f, "message"))} <span class=\"muted\">(<code>{Text(Property(f, "rule"))}</code>)</span></td></tr>");
        }
        html.Append("</tbody></table></div>");
    }

    private static void History(StringBuilder html, IReadOnlyList<EvaluationRecord> history)
    {
        html.Append("<h2>History</h2>");
        if (history.Count == 0)
        {
            html.Append("<p class=\"muted\">No evaluations recorded.</p>");
            return;
        }
        html.Append("<div class=\"table\"><table id=\"history\"><thead><tr><th>when</th><th>commit</th><th>result</th><th>check</th><th>comment</th></tr></thead><tbody>");
        foreach (var e in history)
        {
            html.Append($"<tr><td>{Time(e.EvaluatedAt)}</td><td><code>{Text(Short(e.HeadSha))}</code></td>")
                .Append($"<td>{ConclusionText(e.Conclusion)} {Text(e.Title)}</td><td>{Text(e.CheckAction)}</td><td>{Text(e.CommentAction)}</td></tr>");
        }
        html.Append("</tbody></table></div>");
    }

    private static string ConclusionBadge(string? conclusion, PostedCheck? posted)
    {
        var shown = posted?.Output.Conclusion switch
        {
            CheckConclusion.Success => "passing",
            CheckConclusion.Neutral => "neutral",
            CheckConclusion.Failure => "failing",
            _ => conclusion ?? "unknown",
        };
        var css = shown switch { "passing" => "pass", "failing" => "fail", _ => "warn" };
        return $"<span class=\"badge {css}\" id=\"conclusion\">{Text(shown)}</span>";
    }

    private static string ConclusionText(string? conclusion) => conclusion switch
    {
        "success" => "<span class=\"pass\">success</span>",
        "failure" => "<span class=\"fail\">failure</span>",
        null => "",
        _ => $"<span class=\"warn\">{Text(conclusion)}</span>",
    };

    private static PostedCheck? ReadPostedCheck(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<PostedCheck>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonDocument? TryParse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];

    private static string Property(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static string Short(string? sha) => sha is { Length: > 7 } ? sha[..7] : sha ?? "—";
}
