using System.CommandLine;
using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Planning;

namespace PrReviewBot.Cli;

/// <summary>
/// <c>prreviewbot plan</c>: an escalation plan from the targets, traffic, measurements and profile findings in an issue
/// or PR description, as <c>/perf-review plan</c> would post it. Exit 0 when a plan was produced (a "measure first"
/// plan included), 2 when it could not run.
/// </summary>
internal static class PlanCommand
{
    /// <summary>Closing section of <c>--help</c>: the ladder, exit codes, examples.</summary>
    internal const string Epilog = """
        The escalation ladder: 1 fix the query, 2 Redis cache, 3 in-process L1 cache, 4 singleflight,
        5 zero-serialization, 6 lock-free patterns. Start at step 1; move up only with metric proof.
        A "measure first" plan says what to measure and how, and recommends no cache, singleflight or lock-free code.

        Exit codes:
          0  a plan was produced (a "measure first" plan included)    2  usage or file error

        Examples:
          prreviewbot plan --body-file issue.md
          prreviewbot plan -b issue.md --format markdown > plan.md
        """;

    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = new IssueOptions("exactly the comment the App would post for /perf-review plan");
        var command = new Command("plan",
            "Build an escalation plan from an issue or PR description: \"measure first\" while targets, hot path or profile " +
            "are missing; otherwise the escalation-ladder step the profile points at, with evidence, actions, metric proof, " +
            "rollback flag, load-test plan and the steps deliberately skipped.");
        options.AddTo(command);
        CliHelp.SetEpilog(command, Epilog);
        command.SetAction(parse =>
        {
            var output = console.Out;
            var body = GateModeVerbs.ReadBody(console, parse.GetValue(options.BodyFile), "plan");
            if (body is null)
            {
                return CliApp.ExitUsage;
            }
            var plan = EscalationPlanner.Default.Plan(new IssueDescription(parse.GetValue(options.Title) ?? string.Empty, body));
            output.Write((parse.GetValue(options.Format) ?? "text") switch
            {
                "json" => PlanJson.Serialize(plan) + "\n",
                "markdown" => PlanCommentRenderer.Render(plan),
                _ => PlanTextRenderer.Render(plan),
            });
            output.Flush();
            return CliApp.ExitPass;
        });
        return command;
    }
}
