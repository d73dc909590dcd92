using System.CommandLine;
using PrReviewBot.Core.Config;

namespace PrReviewBot.Cli;

/// <summary>
/// <c>prreviewbot validate-config FILE</c>: checks a perf-review.yml the way the App reads it. Exit codes follow
/// <c>check</c>: 0 the file passes, 1 it fails (the errors are the verdict on the file), 2 the file could not be read.
/// </summary>
public static class ValidateConfigCommand
{
    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var file = new Argument<string?>("FILE")
        {
            Description = "The config file to check, usually .github/perf-review.yml ('-' reads standard input).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var schema = new Option<bool>("--schema")
        {
            Description = "Print the file's JSON Schema instead (for editors: save it and point your YAML extension at it).",
        };
        var command = new Command("validate-config",
            "Check a .github/perf-review.yml: every unknown key, wrong type, bad value or YAML error is printed as " +
            "FILE:LINE:COLUMN: message, the way the App would report it on the check.")
        {
            file,
            schema,
        };
        CliHelp.SetEpilog(command, """
            Exit codes:
              0  the file is valid ("FILE: valid" on stdout)
              1  the file is invalid: each error on stderr as FILE:LINE:COLUMN: message
              2  the file could not be read, or the command line is wrong

            Examples:
              prreviewbot validate-config .github/perf-review.yml
              prreviewbot validate-config --schema > perf-review.schema.json
            """);
        command.SetAction(parse =>
        {
            if (parse.GetValue(schema))
            {
                console.Out.Write(ConfigSchema.Json);
                return CliApp.ExitPass;
            }
            if (parse.GetValue(file) is not { } path)
            {
                console.Error.WriteLine("error: give the config file to check: prreviewbot validate-config .github/perf-review.yml");
                return CliApp.ExitUsage;
            }
            return Run(console, path);
        });
        return command;
    }

    private static int Run(CliConsole console, string path)
    {
        if (path == CliInput.StdinName && console.InputIsTerminal)
        {
            console.Error.WriteLine("error: '-' reads the config from standard input, but nothing is piped in");
            return CliApp.ExitUsage;
        }
        var yaml = CliInput.Read(console, path, "config file");
        if (yaml is null)
        {
            return CliApp.ExitUsage;
        }
        var name = path == CliInput.StdinName ? "<stdin>" : path;
        var result = ConfigParser.Parse(yaml, name);
        if (result.IsValid)
        {
            console.Out.WriteLine($"{name}: valid");
            return CliApp.ExitPass;
        }
        foreach (var error in result.Errors)
        {
            console.Error.WriteLine(error.ToString());
        }
        return CliApp.ExitFail;
    }
}
