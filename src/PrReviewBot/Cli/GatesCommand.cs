using System.CommandLine;
using PrReviewBot.Core.Gates;

namespace PrReviewBot.Cli;

/// <summary>
/// <c>prreviewbot gates</c>: judges an optimization issue against the five gates of the process, offline, exactly as
/// the App's gate comment would. Exit 0 when all five are answered, 1 when any is open, 2 when it could not run.
/// </summary>
internal static class GatesCommand
{
    /// <summary>Closing section of <c>--help</c>: what each gate asks, exit codes, examples.</summary>
    internal const string Epilog = """
        The five gates:
          1 hard targets (latency, throughput, error budget, CPU, memory, infra constraint)
          2 hot path (endpoints and their share of traffic, current p50/p95/p99, staleness, read/write ratio)
          3 profile (a flamegraph, trace or stated profiling result, and the bottleneck type)
          4 simplest sufficient solution (which escalation-ladder step, with its metric proof)
          5 rollback plan (feature flag, load-test script; flamegraph comparison, alert rules, circuit breaker)

        Exit codes:
          0  all five gates answered    1  a gate is open (the output says which and why)    2  usage or file error

        Examples:
          prreviewbot gates --body-file issue.md
          gh issue view 42 --json body -q .body | prreviewbot gates --format markdown
        """;

    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = new IssueOptions("exactly the gate comment the App would post on the issue");
        var command = new Command("gates",
            "Judge an optimization issue against the five gates of the performance process (hard targets, hot path, profile, " +
            "simplest sufficient solution, rollback plan), before anyone writes code: each answered, or the question still to answer.");
        options.AddTo(command);
        CliHelp.SetEpilog(command, Epilog);
        command.SetAction(parse =>
        {
            var output = console.Out;
            var body = GateModeVerbs.ReadBody(console, parse.GetValue(options.BodyFile), "gates");
            if (body is null)
            {
                return CliApp.ExitUsage;
            }
            var verdict = GateReviewer.Default.Judge(new IssueDescription(parse.GetValue(options.Title) ?? string.Empty, body));
            output.Write((parse.GetValue(options.Format) ?? "text") switch
            {
                "json" => GateJson.Serialize(verdict) + "\n",
                "markdown" => GateCommentRenderer.Render(verdict),
                _ => GateTextRenderer.Render(verdict),
            });
            output.Flush();
            return verdict.AllSatisfied ? CliApp.ExitPass : CliApp.ExitFail;
        });
        return command;
    }
}
