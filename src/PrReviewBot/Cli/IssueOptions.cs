using System.CommandLine;

namespace PrReviewBot.Cli;

/// <summary>The options <c>gates</c> and <c>plan</c> share: where the body comes from, the title, the output format.</summary>
internal sealed class IssueOptions
{
    public static readonly string[] Formats = ["text", "markdown", "json"];

    public Option<string?> BodyFile { get; } = new("--body-file", "-b")
    {
        HelpName = "FILE",
        Description = "The issue (or PR) description, Markdown. '-' or no option: read it from standard input.",
    };

    public Option<string?> Title { get; } = new("--title", "-t")
    {
        HelpName = "TITLE",
        Description = "The issue title, read together with the body (a title such as \"Checkout: p95 < 200ms at 900 RPS\" states a target).",
    };

    public Option<string> Format { get; }

    public IssueOptions(string markdownMeans)
    {
        Format = new Option<string>("--format", "-f")
        {
            HelpName = "text|markdown|json",
            Description = $"text: a summary for a terminal. markdown: {markdownMeans}. json: the same, as JSON for scripts.",
            DefaultValueFactory = _ => "text",
        };
        Format.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "text";
            if (!Formats.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"unknown format '{value}'; use text, markdown or json");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(BodyFile);
        command.Options.Add(Title);
        command.Options.Add(Format);
    }
}
