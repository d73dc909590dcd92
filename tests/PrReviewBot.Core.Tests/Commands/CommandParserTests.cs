using PrReviewBot.Core.Commands;

namespace PrReviewBot.Core.Tests.Commands;

public class CommandParserTests
{
    [Theory]
    [InlineData("/perf-review recheck", CommandVerb.Recheck)]
    [InlineData("/perf-review plan", CommandVerb.Plan)]
    [InlineData("/perf-review gates", CommandVerb.Gates)]
    [InlineData("/perf-review override hotfix for INC-42", CommandVerb.Override)]
    [InlineData("/perf-review revoke", CommandVerb.Revoke)]
    [InlineData("/perf-review help", CommandVerb.Help)]
    [InlineData("/perf-review", CommandVerb.Help)]
    [InlineData("/perf-review frobnicate", CommandVerb.Unknown)]
    public void EveryVerb_IsRecognised(string comment, CommandVerb verb)
    {
        Assert.Equal(verb, CommandParser.Parse(comment)?.Verb);
    }

    [Theory]
    [InlineData("/PERF-REVIEW RECHECK")]
    [InlineData("/Perf-Review Recheck")]
    [InlineData("   /perf-review recheck   ")]
    [InlineData("/perf-review\trecheck")]
    [InlineData("/perf-review recheck\r\n")]
    public void Matching_IsCaseInsensitiveAndTolerantOfSpacing(string comment)
    {
        Assert.Equal(CommandVerb.Recheck, CommandParser.Parse(comment)?.Verb);
    }

    [Fact]
    public void ACommandOnItsOwnLineInsideProse_Counts()
    {
        const string comment = """
            Thanks for the numbers, the profile looks convincing now.
            /perf-review recheck
            Let me know if anything else is missing.
            """;

        Assert.Equal(CommandVerb.Recheck, CommandParser.Parse(comment)?.Verb);
    }

    [Theory]
    [InlineData("Please run /perf-review recheck when you can.")]
    [InlineData("`/perf-review recheck`")]
    [InlineData("- /perf-review recheck")]
    [InlineData("1. /perf-review recheck")]
    [InlineData("> /perf-review override because I said so")]
    [InlineData("> > /perf-review recheck")]
    [InlineData("```\n/perf-review override skip it\n```")]
    [InlineData("~~~text\n/perf-review recheck\n~~~")]
    [InlineData("Example:\n\n    /perf-review override reason")]
    [InlineData("<!-- /perf-review override hidden -->")]
    [InlineData("<details>\n/perf-review recheck\n</details>")]
    [InlineData("/perf-reviewer recheck")]
    [InlineData("/perf-review-bot recheck")]
    [InlineData("\\/perf-review recheck")]
    [InlineData("# /perf-review recheck")]
    public void CommandsInCodeQuotesListsOrHtml_AreIgnored(string comment)
    {
        Assert.Null(CommandParser.Parse(comment));
    }

    [Fact]
    public void QuotingAnEarlierOverride_DoesNotRunIt_ButTheReplyBelowDoes()
    {
        const string comment = """
            > /perf-review override hotfix, numbers follow

            I disagree with this override.
            /perf-review revoke
            """;

        var all = CommandParser.ParseAll(comment);

        Assert.Single(all);
        Assert.Equal(CommandVerb.Revoke, all[0].Verb);
    }

    [Fact]
    public void SeveralCommands_AreReturnedInOrder_AndParseTakesTheFirst()
    {
        var all = CommandParser.ParseAll("/perf-review gates\n\n/perf-review plan");

        Assert.Equal([CommandVerb.Gates, CommandVerb.Plan], all.Select(c => c.Verb));
        Assert.Equal(CommandVerb.Gates, CommandParser.Parse("/perf-review gates\n\n/perf-review plan")!.Verb);
    }

    [Fact]
    public void OverrideReason_IsTheRestOfTheLine()
    {
        var command = CommandParser.Parse("/perf-review override   hotfix for INC-42; load test in #99  \nmore text")!;

        Assert.Equal("hotfix for INC-42; load test in #99", command.Argument);
        Assert.False(command.ArgumentTruncated);
        Assert.True(command.NeedsOverridePermission);
    }

    [Fact]
    public void OverrideWithoutReason_HasAnEmptyArgument()
    {
        var command = CommandParser.Parse("/perf-review override")!;

        Assert.Equal(CommandVerb.Override, command.Verb);
        Assert.Equal(string.Empty, command.Argument);
    }

    [Fact]
    public void OverrideReason_IsCappedAndMarkedTruncated()
    {
        var command = CommandParser.Parse("/perf-review override " + new string('x', 5_000))!;

        Assert.True(command.Argument.Length <= CommandParser.MaxReasonLength);
        Assert.EndsWith("…", command.Argument, StringComparison.Ordinal);
        Assert.True(command.ArgumentTruncated);
    }

    [Fact]
    public void OverrideReason_LosesControlAndBidiCharacters()
    {
        var command = CommandParser.Parse("/perf-review override ok\u0007 \u202Eevil\u202C\u0000 done")!;

        Assert.Equal("ok evil done", command.Argument);
    }

    [Fact]
    public void UnknownVerb_IsKeptForTheAnswer_CappedAndCleaned()
    {
        var command = CommandParser.Parse("/perf-review " + new string('z', 200) + "\u0007")!;

        Assert.Equal(CommandVerb.Unknown, command.Verb);
        Assert.True(command.Written.Length <= 40);
    }

    [Fact]
    public void TheBotsOwnComments_HoldNoCommands()
    {
        Assert.Null(CommandParser.Parse("<!-- prreviewbot:perf-command -->\nTry `/perf-review help`.\n/perf-review recheck"));
        Assert.True(CommandParser.IsBotComment("<!-- prreviewbot:perf-gates -->\n..."));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("LGTM")]
    public void NoCommand_IsNull(string? comment)
    {
        Assert.Null(CommandParser.Parse(comment));
        Assert.Empty(CommandParser.ParseAll(comment));
    }

    [Fact]
    public void HostileComments_NeverThrow()
    {
        var hostile = new[]
        {
            new string('>', 100_000) + " /perf-review recheck",
            string.Concat(Enumerable.Repeat("[", 50_000)) + "\n/perf-review plan",
            string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i) + "- x\n")) + "/perf-review gates",
            new string('`', 100_000),
            "/perf-review override " + string.Concat(Enumerable.Repeat("\uD83D\uDE00", 1_000)),
            "/perf-review override \uD800\uDC00\uD800",
            new string('a', CommandParser.MaxCommentLength * 2) + "\n/perf-review recheck",
        };

        foreach (var comment in hostile)
        {
            _ = CommandParser.ParseAll(comment);
        }
        Assert.Equal(CommandVerb.Plan, CommandParser.Parse(hostile[1])?.Verb);
        Assert.Null(CommandParser.Parse(hostile[^1]));
    }

    [Fact]
    public void LongEmojiReason_IsNotCutInsideASurrogatePair()
    {
        var reason = CommandParser.Parse("/perf-review override " + string.Concat(Enumerable.Repeat("\uD83D\uDE00", 1_000)))!.Argument;

        Assert.False(char.IsHighSurrogate(reason[^2]) && reason[^1] == '…');
        for (var i = 0; i < reason.Length; i++)
        {
            Assert.False(char.IsHighSurrogate(reason[i]) && (i + 1 >= reason.Length || !char.IsLowSurrogate(reason[i + 1])));
        }
    }
}
