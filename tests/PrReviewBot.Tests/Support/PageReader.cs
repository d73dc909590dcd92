using System.Net;
using System.Text.RegularExpressions;

namespace PrReviewBot.Tests.Support;

/// <summary>Reads what a browser would act on from the bot's server-rendered pages: forms, fields, links.</summary>
public static partial class PageReader
{
    public sealed record Form(string Method, string Action, IReadOnlyDictionary<string, string> Fields);

    /// <summary>The form containing the element with <paramref name="buttonId"/>.</summary>
    public static Form FormWith(string html, string buttonId)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            if (!form.Groups["body"].Value.Contains($"id=\"{buttonId}\"", StringComparison.Ordinal))
            {
                continue;
            }
            var attributes = form.Groups["attrs"].Value;
            var fields = new Dictionary<string, string>();
            foreach (Match input in InputPattern().Matches(form.Groups["body"].Value))
            {
                var name = Attribute(input.Value, "name");
                if (name is not null)
                {
                    fields[name] = Attribute(input.Value, "value") ?? "";
                }
            }
            return new Form(Attribute(attributes, "method") ?? "get", Attribute(attributes, "action") ?? "", fields);
        }
        throw new InvalidOperationException($"no form with #{buttonId} in:\n{html}");
    }

    public static string? Link(string html, string id)
    {
        var match = Regex.Match(html, $"<a [^>]*id=\"{Regex.Escape(id)}\"[^>]*>");
        return match.Success ? Attribute(match.Value, "href") : null;
    }

    public static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\b{Regex.Escape(name)}=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<form(?<attrs>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();
}
