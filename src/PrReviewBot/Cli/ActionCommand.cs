using System.CommandLine;

namespace PrReviewBot.Cli;

/// <summary>
/// <c>prreviewbot action</c>: the entry point of the GitHub Action (<c>action.yml</c>). Inside a workflow run for a
/// <c>pull_request</c> event it reviews the PR exactly as the App does, writes the verdict to the job summary and
/// exits 0 (the check passes) or 1 (it fails); with a token that may, it also posts the App's commit status and
/// sticky comment. Everything it needs comes from the variables GitHub Actions sets; the options override them.
/// </summary>
public static class ActionCommand
{
    public static readonly string[] PublishModes = ["all", "comment", "status", "none"];

    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var eventPath = new Option<string?>("--event-path")
        {
            HelpName = "FILE",
            Description = "The webhook payload of the event (default: $GITHUB_EVENT_PATH).",
        };
        var eventName = new Option<string?>("--event-name")
        {
            HelpName = "NAME",
            Description = "The event that started the run (default: $GITHUB_EVENT_NAME). Only pull_request and pull_request_target are reviewed.",
        };
        var summaryPath = new Option<string?>("--summary-path")
        {
            HelpName = "FILE",
            Description = "Where the verdict is appended as Markdown (default: $GITHUB_STEP_SUMMARY; without either, standard output).",
        };
        var token = new Option<string?>("--token")
        {
            HelpName = "TOKEN",
            Description = "A GitHub token (default: $GITHUB_TOKEN). With it the PR, its changed files and the base branch's " +
                ".github/perf-review.yml are read through the API, and the status and sticky comment are posted. " +
                "Without it (or with --token '') they come from the payload and the checkout (git).",
        };
        var apiUrl = new Option<string?>("--api-url")
        {
            HelpName = "URL",
            Description = "GitHub's REST API (default: $GITHUB_API_URL, else https://api.github.com/).",
        };
        var workspace = new Option<string?>("--workspace")
        {
            HelpName = "DIR",
            Description = "The checkout, read with git when there is no token (default: $GITHUB_WORKSPACE, else the current folder).",
        };
        var publish = new Option<string>("--publish")
        {
            HelpName = "all|comment|status|none",
            Description = "What to post with a token: the sticky comment, the perf-review commit status, both (all) or nothing (none).",
            DefaultValueFactory = _ => "all",
        };
        publish.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "all";
            if (!PublishModes.Contains(value))
            {
                result.AddError($"unknown --publish '{value}'; use all, comment, status or none");
            }
        });

        var command = new Command("action",
            "The GitHub Action's entry point: review the pull request of this workflow run, write the verdict to the job summary, " +
            "exit 1 when the check fails, and (with a token that may) post the status and sticky comment the App posts.")
        {
            eventPath, eventName, summaryPath, token, apiUrl, workspace, publish,
        };
        CliHelp.SetEpilog(command, """
            Exit codes:
              0  the check passes (or the event is not a pull request: nothing to review)
              1  the check fails: the job summary says what is missing and how to fix it
              2  it could not run: no or unreadable event payload, bad option, GitHub unreachable

            In a workflow (see action.yml and the README):
              - uses: actions/checkout@v4
              - uses: OWNER/prreviewbot@v0.1.0
            """);

        command.SetAction((parse, ct) =>
        {
            string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
            var settings = new ActionSettings(
                EventName: parse.GetValue(eventName) ?? Env("GITHUB_EVENT_NAME"),
                EventPath: parse.GetValue(eventPath) ?? Env("GITHUB_EVENT_PATH"),
                SummaryPath: parse.GetValue(summaryPath) ?? Env("GITHUB_STEP_SUMMARY"),
                // An empty --token means none, even when GITHUB_TOKEN is set.
                Token: parse.GetValue(token) is { } t ? (t.Trim().Length > 0 ? t.Trim() : null) : Env("GITHUB_TOKEN"),
                ApiUrl: parse.GetValue(apiUrl) ?? Env("GITHUB_API_URL"),
                Workspace: parse.GetValue(workspace) ?? Env("GITHUB_WORKSPACE") ?? Directory.GetCurrentDirectory(),
                Publish: parse.GetValue(publish) ?? "all")
            {
                OutputPath = Env("GITHUB_OUTPUT"),
            };
            return ActionRun.RunAsync(console, settings, ct);
        });
        return command;
    }
}

/// <param name="Publish">all, comment, status or none: what is posted when there is a token.</param>
public sealed record ActionSettings(
    string? EventName, string? EventPath, string? SummaryPath, string? Token, string? ApiUrl, string Workspace, string Publish)
{
    /// <summary>The step's output file ($GITHUB_OUTPUT): <c>conclusion=success|failure</c> is appended.</summary>
    public string? OutputPath { get; init; }

    public bool PostsComment => Publish is "all" or "comment";

    public bool PostsStatus => Publish is "all" or "status";
}
