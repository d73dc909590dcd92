using System.CommandLine;
using PrReviewBot.Core;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Rendering;

namespace PrReviewBot.Cli;

/// <summary>
/// <c>prreviewbot check</c>: reviews one PR description offline, exactly as the App would, and exits 0 when the check
/// would pass, 1 when it would fail, 2 when it could not run (usage, config or file error).
/// </summary>
public static class CheckCommand
{
    public static readonly string[] Formats = ["text", "markdown", "json"];

    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var bodyFile = new Option<string?>("--body-file", "-b")
        {
            HelpName = "FILE",
            Description = "The PR description (Markdown). '-' or no option: read it from standard input.",
        };
        var title = new Option<string?>("--title", "-t")
        {
            HelpName = "TITLE",
            Description = "The PR title. A title starting with 'perf:' or 'perf(' marks an optimization PR.",
        };
        var labels = new Option<string[]>("--labels", "-l")
        {
            HelpName = "a,b",
            Description = "The PR's labels, comma-separated (repeat the option for more). 'performance', 'perf' or 'optimization' mark an optimization PR.",
        };
        var files = new Option<string?>("--files")
        {
            HelpName = "FILE",
            Description = "The paths the PR changes, one per line (e.g. from 'git diff --name-only main'). Enables the findings that look at the diff.",
        };
        var config = new Option<string?>("--config", "-c")
        {
            HelpName = "FILE",
            Description = "A perf-review.yml to apply (default: the built-in defaults, as with no .github/perf-review.yml).",
        };
        var format = new Option<string>("--format", "-f")
        {
            HelpName = "text|markdown|json",
            Description = "text: a short summary for a terminal. markdown: exactly the comment the App would post. json: the stable JSON contract.",
            DefaultValueFactory = _ => "text",
        };
        format.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "text";
            if (!Formats.Contains(value))
            {
                result.AddError($"unknown format '{value}'; use text, markdown or json");
            }
        });

        var command = new Command("check",
            "Review one PR description the way the App does: is it an optimization PR, which of the five items " +
            "(constraint, profile evidence, before/after numbers, rollback, monitoring) are present, and which findings apply.")
        {
            bodyFile, title, labels, files, config, format,
        };
        CliHelp.SetEpilog(command, """
            Exit codes:
              0  the check would pass (all required items present, not an optimization PR, or shadow mode)
              1  the check would fail: the output says what is missing and how to fix it
              2  the check could not run: bad option, unreadable file, or an invalid --config (errors on stderr)

            Examples:
              prreviewbot check --body-file pr.md --title "perf: batch feed queries" --labels performance
              gh pr view 123 --json body -q .body | prreviewbot check --labels perf --format markdown
              git diff --name-only main > changed.txt && prreviewbot check -b pr.md --files changed.txt --format json
            """);

        command.SetAction(parse => Run(console,
            parse.GetValue(bodyFile), parse.GetValue(title), parse.GetValue(labels), parse.GetValue(files),
            parse.GetValue(config), parse.GetValue(format) ?? "text"));
        return command;
    }

    private static int Run(CliConsole console, string? bodyPath, string? title, string[]? labelValues, string? filesPath, string? configPath, string format)
    {
        bodyPath ??= CliInput.StdinName;
        if (bodyPath == CliInput.StdinName && console.InputIsTerminal)
        {
            console.Error.WriteLine("error: no PR description given: pass --body-file FILE, or pipe it in (cat pr.md | prreviewbot check)");
            console.Error.WriteLine("Run 'prreviewbot check --help' for usage.");
            return CliApp.ExitUsage;
        }
        if (filesPath == CliInput.StdinName && bodyPath == CliInput.StdinName)
        {
            console.Error.WriteLine("error: standard input can feed only one of --body-file and --files; give the other as a file");
            return CliApp.ExitUsage;
        }

        var reviewConfig = ReviewConfig.Default;
        if (configPath is not null)
        {
            var yaml = CliInput.Read(console, configPath, "--config");
            if (yaml is null)
            {
                return CliApp.ExitUsage;
            }
            var parsed = ConfigParser.Parse(yaml, configPath);
            if (!parsed.IsValid)
            {
                foreach (var error in parsed.Errors)
                {
                    console.Error.WriteLine(error.ToString());
                }
                return CliApp.ExitUsage;
            }
            reviewConfig = parsed.Config!;
        }

        IReadOnlyList<string>? changedFiles = null;
        if (filesPath is not null)
        {
            var list = CliInput.Read(console, filesPath, "--files");
            if (list is null)
            {
                return CliApp.ExitUsage;
            }
            changedFiles = ChangedFiles(list);
        }

        var body = CliInput.Read(console, bodyPath, "--body-file");
        if (body is null)
        {
            return CliApp.ExitUsage;
        }

        var verdict = Reviewer.Default.Review(new PullRequestDescription(title ?? "", body, Labels(labelValues), changedFiles), reviewConfig);

        var output = format switch
        {
            "json" => VerdictJson.Serialize(verdict) + "\n",
            "markdown" => CommentRenderer.Render(verdict, PresentationContext.None),
            _ => TextRenderer.Render(verdict),
        };
        console.Out.Write(output);
        console.Out.Flush();
        return CheckRenderer.ConclusionOf(verdict, PresentationContext.None) == CheckConclusion.Failure ? CliApp.ExitFail : CliApp.ExitPass;
    }

    /// <summary>"--labels a,b --labels c" → a, b, c.</summary>
    internal static List<string> Labels(IEnumerable<string>? values) =>
        (values ?? [])
            .SelectMany(v => v.Split(','))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .ToList();

    /// <summary>One path per line; blank lines and surrounding whitespace (CRLF included) are ignored.</summary>
    internal static List<string> ChangedFiles(string list) =>
        list.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
