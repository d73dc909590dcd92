using System.CommandLine;
using PrReviewBot.Core;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;
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
        var diff = new Option<string?>("--diff")
        {
            HelpName = "FILE",
            Description = "The PR's unified diff (e.g. from 'git diff main...HEAD'). Gives the changed paths and lets the review check that a rollback flag named in the description appears in the added code.",
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
            bodyFile, title, labels, files, diff, config, format,
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
              git diff main...HEAD > pr.diff && prreviewbot check -b pr.md --diff pr.diff
            """);

        command.SetAction(parse => Run(console,
            parse.GetValue(bodyFile), parse.GetValue(title), parse.GetValue(labels), parse.GetValue(files),
            parse.GetValue(diff), parse.GetValue(config), parse.GetValue(format) ?? "text"));
        return command;
    }

    private static int Run(CliConsole console, string? bodyPath, string? title, string[]? labelValues, string? filesPath, string? diffPath, string? configPath, string format)
    {
        bodyPath ??= CliInput.StdinName;
        if (bodyPath == CliInput.StdinName && console.InputIsTerminal)
        {
            console.Error.WriteLine("error: no PR description given: pass --body-file FILE, or pipe it in (cat pr.md | prreviewbot check)");
            console.Error.WriteLine("Run 'prreviewbot check --help' for usage.");
            return CliApp.ExitUsage;
        }
        if (new[] { bodyPath, filesPath, diffPath }.Count(p => p == CliInput.StdinName) > 1)
        {
            console.Error.WriteLine("error: standard input can feed only one of --body-file, --files and --diff; give the others as files");
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

        IReadOnlyDictionary<string, string> changedText = new Dictionary<string, string>();
        if (diffPath is not null)
        {
            var diffText = CliInput.Read(console, diffPath, "--diff");
            if (diffText is null)
            {
                return CliApp.ExitUsage;
            }
            changedText = UnifiedDiff.AddedText(diffText);
            if (changedText.Count == 0 && !IsEmptyOrHeaderOnlyDiff(diffText))
            {
                // Reviewing with no changed files would silently drop every finding that looks at the change.
                console.Error.WriteLine($"error: --diff {Display(diffPath)} is not a unified diff (no 'diff --git' or '---'/'+++' file headers); " +
                    "make it with 'git diff main...HEAD > pr.diff', or pass the changed paths with --files");
                return CliApp.ExitUsage;
            }
            changedFiles ??= changedText.Keys.ToList();
        }
        else if (changedFiles is not null)
        {
            changedText = WorkingTreeText(changedFiles);
        }

        var body = CliInput.Read(console, bodyPath, "--body-file");
        if (body is null)
        {
            return CliApp.ExitUsage;
        }
        if (bodyPath == CliInput.StdinName && string.IsNullOrWhiteSpace(body))
        {
            // 'check < /dev/null' or a pipe whose producer failed: passing would hide the mistake.
            console.Error.WriteLine("error: standard input was empty: no PR description to review; pass --body-file FILE or pipe the description in");
            return CliApp.ExitUsage;
        }

        var pr = new PullRequestDescription(title ?? "", body, Labels(labelValues), changedFiles) { ChangedFileText = changedText };
        var verdict = Reviewer.Default.Review(pr, reviewConfig);

        var output = format switch
        {
            "json" => VerdictJson.Serialize(verdict) + "\n",
            "markdown" => CommentRenderer.Render(verdict, PresentationContext.None),
            _ => TextRenderer.Render(verdict, PresentationContext.None, MarkdownCommand(bodyPath, title, labelValues, filesPath, diffPath, configPath)),
        };
        console.Out.Write(output);
        console.Out.Flush();
        return CheckRenderer.ConclusionOf(verdict, PresentationContext.None) == CheckConclusion.Failure ? CliApp.ExitFail : CliApp.ExitPass;
    }

    /// <summary>This very review with <c>--format markdown</c>, for the text output's hint.</summary>
    internal static string MarkdownCommand(string bodyPath, string? title, string[]? labels, string? filesPath, string? diffPath, string? configPath)
    {
        var parts = new List<string> { "prreviewbot check", "--body-file " + Quote(bodyPath) };
        if (!string.IsNullOrEmpty(title))
        {
            parts.Add("--title " + Quote(title));
        }
        if (Labels(labels) is { Count: > 0 } names)
        {
            parts.Add("--labels " + Quote(string.Join(',', names)));
        }
        if (filesPath is not null)
        {
            parts.Add("--files " + Quote(filesPath));
        }
        if (diffPath is not null)
        {
            parts.Add("--diff " + Quote(diffPath));
        }
        if (configPath is not null)
        {
            parts.Add("--config " + Quote(configPath));
        }
        parts.Add("--format markdown");
        return string.Join(' ', parts);
    }

    /// <summary>Quoted for a POSIX shell when it holds anything but plain path characters.</summary>
    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ',' or ':' or '+')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// An empty diff (no changes), or one whose files only changed mode or are binary: 'diff --git' headers without
    /// '---'/'+++' lines. Anything else that names no file is not a diff.
    /// </summary>
    private static bool IsEmptyOrHeaderOnlyDiff(string text) =>
        string.IsNullOrWhiteSpace(text) || text.Split('\n').Any(l => l.StartsWith("diff --git ", StringComparison.Ordinal));

    private static string Display(string path) => path == CliInput.StdinName ? "(standard input)" : $"'{path}'";

    /// <summary>Largest changed file read from the working tree to look for flag names.</summary>
    private const long MaxChangedFileBytes = 1 << 20;

    /// <summary>
    /// The changed files as they are in the working tree (the CLI runs in the PR's checkout in CI). Files that are
    /// missing, too large or not text are left out; the flag check then simply knows less.
    /// </summary>
    internal static Dictionary<string, string> WorkingTreeText(IEnumerable<string> paths)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists || info.Length > MaxChangedFileBytes)
                {
                    continue;
                }
                var content = File.ReadAllText(path);
                if (!content.Contains('\0', StringComparison.Ordinal))
                {
                    text[path] = content;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // Unreadable paths are skipped, not fatal: the list may name files the checkout does not have.
            }
        }
        return text;
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
