using System.Diagnostics;
using System.Text;
using PrReviewBot.Core.Parsing;
using PrReviewBot.GitHub;
using PrReviewBot.Work;

namespace PrReviewBot.Cli;

/// <summary>
/// What the Action reads from the workflow's checkout when it has no token: the PR's diff and the base branch's
/// config, through git. The base commit must be in the checkout (<c>fetch-depth: 0</c>, or 2 for the merge commit
/// <c>actions/checkout</c> makes by default); when it is not, <see cref="Problems"/> says so and what is missing is
/// left out rather than guessed.
/// </summary>
internal sealed class ActionCheckout(string workspace)
{
    /// <summary>A diff larger than this is not read (the findings that need it stay silent; the rest of the review runs).</summary>
    private const int MaxDiffChars = 16 * 1024 * 1024;

    public List<string> Problems { get; } = [];

    /// <summary>
    /// The base of the comparison: the payload's base SHA when the checkout has it, else the first parent of the
    /// merge commit actions/checkout makes for pull_request events (the base branch as GitHub merged it).
    /// </summary>
    public string? ResolveBase(string? baseSha)
    {
        if (baseSha is not null && Git(["cat-file", "-e", baseSha + "^{commit}"]).Exit == 0)
        {
            return baseSha;
        }
        if (Git(["rev-parse", "--verify", "--quiet", "HEAD^2"]).Exit == 0 && Git(["rev-parse", "--verify", "--quiet", "HEAD^1"]) is { Exit: 0 } first)
        {
            return first.Out.Trim();
        }
        Problems.Add(baseSha is null
            ? "the event names no base commit"
            : $"the base commit {baseSha[..Math.Min(12, baseSha.Length)]} is not in the checkout at {workspace} (use actions/checkout with fetch-depth: 0, or give the action a token)");
        return null;
    }

    /// <summary>The lines each changed file adds, by path (deleted files with no text), or null when git cannot say.</summary>
    public IReadOnlyDictionary<string, string>? AddedText(string baseCommit, string headSha)
    {
        var head = headSha.Length > 0 && Git(["cat-file", "-e", headSha + "^{commit}"]).Exit == 0 ? headSha : "HEAD";
        var diff = Git(["-c", "core.quotepath=off", "diff", "--no-color", "--no-ext-diff", "--no-renames", $"{baseCommit}...{head}"]);
        if (diff.Exit != 0)
        {
            Problems.Add($"git diff {baseCommit[..Math.Min(12, baseCommit.Length)]}...{head} failed: {FirstLine(diff.Error)}");
            return null;
        }
        if (diff.Truncated)
        {
            Problems.Add("the diff is larger than 16 MiB; the findings that read it are left out");
            return null;
        }
        return UnifiedDiff.AddedText(diff.Out);
    }

    /// <summary>The base branch's <c>.github/perf-review.yml</c>, null when it has none.</summary>
    public ConfigFile? BaseConfig(string baseCommit)
    {
        var location = $"{baseCommit[..Math.Min(12, baseCommit.Length)]}:{PullRequestReview.DefaultConfigFile}";
        if (Git(["cat-file", "-e", $"{baseCommit}:{PullRequestReview.DefaultConfigFile}"]).Exit != 0)
        {
            return null;
        }
        var shown = Git(["show", $"{baseCommit}:{PullRequestReview.DefaultConfigFile}"]);
        return shown.Exit == 0 && !shown.Truncated
            ? new ConfigFile(location, shown.Out, null)
            : new ConfigFile(location, null, $"cannot be read: {FirstLine(shown.Error)}");
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";

    private (int Exit, string Out, string Error, bool Truncated) Git(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(workspace);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // The workspace belongs to another user in container jobs; git would refuse to read it.
        info.Environment["GIT_CONFIG_COUNT"] = "1";
        info.Environment["GIT_CONFIG_KEY_0"] = "safe.directory";
        info.Environment["GIT_CONFIG_VALUE_0"] = "*";
        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = new StringBuilder();
            var buffer = new char[64 * 1024];
            var truncated = false;
            int read;
            while ((read = process.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > MaxDiffChars)
                {
                    truncated = true;
                    process.Kill();
                    break;
                }
                output.Append(buffer, 0, read);
            }
            process.WaitForExit();
            return (truncated ? 0 : process.ExitCode, output.ToString(), error.Result, truncated);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, "", $"git could not be started ({e.Message})", false);
        }
    }
}
