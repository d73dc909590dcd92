using PrReviewBot.Core.Config;
using PrReviewBot.Core.Findings;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Config;

public class ConfigParserTests
{
    private const string File = ".github/perf-review.yml";

    /// <summary>The documented example config, with every value changed from its default.</summary>
    private const string EveryKey = """
        detection:
          labels: [speed, latency]
          title_prefixes: ["fast:", "speed("]
          min_item_headings: 3
          infer_from_text: false
        check_name: perf-gate
        mode: shadow
        items:
          constraint:   { required: false }
          profile:      { required: false }
          before_after: { required: false, min_duration_seconds: 300 }
          rollback:     { required: false }
          monitoring:   { required: false }
        findings:
          bundled_optimizations: error
          no_benchmark_in_diff: off
        comment:
          when: always
        overrides:
          min_permission: maintain
          teams: [perf-council, "@acme/sre"]
        gates:
          labels: [perf-work]
          satisfied_label: "gates: ok"
          incomplete_label: "gates: todo"
        """;

    private static ReviewConfig Valid(string yaml)
    {
        var result = ConfigParser.Parse(yaml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config!;
    }

    private static ConfigError SingleError(string yaml)
    {
        var result = ConfigParser.Parse(yaml);
        Assert.Null(result.Config);
        return Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n# and another\n")]
    [InlineData("null\n")]
    [InlineData("~")]
    [InlineData("---\n")]
    [InlineData("---\n...\n")]
    public void EmptyFile_MeansDefaults(string yaml)
    {
        var result = ConfigParser.Parse(yaml);
        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal(ReviewConfig.Default, result.Config);
    }

    [Fact]
    public void NullText_MeansDefaults_WithoutThrowing()
    {
        var result = ConfigParser.Parse(null!);
        Assert.Same(ReviewConfig.Default, result.Config);
    }

    [Fact]
    public void EveryKey_IsRead()
    {
        var config = Valid(EveryKey);

        Assert.Equal(["speed", "latency"], config.Detection.Labels);
        Assert.Equal(["fast:", "speed("], config.Detection.TitlePrefixes);
        Assert.Equal(3, config.Detection.MinItemHeadings);
        Assert.False(config.Detection.Infer);
        Assert.Equal("perf-gate", config.CheckName);
        Assert.Equal(ReviewMode.Shadow, config.Mode);
        Assert.All(ItemKinds.All, kind => Assert.False(config.Item(kind).Required));
        Assert.Equal(300, config.Item(ItemKind.BeforeAfter).MinDurationSeconds);
        Assert.Equal(Severity.Error, config.SeverityOf(FindingIds.BundledOptimizations));
        Assert.Equal(Severity.Off, config.SeverityOf(FindingIds.NoBenchmarkInDiff));
        Assert.Equal(CommentPolicy.Always, config.Comment.When);
        Assert.Equal("maintain", config.Overrides.MinPermission);
        Assert.Equal(["perf-council", "acme/sre"], config.Overrides.Teams);
        Assert.Equal(["perf-work"], config.Gates.Labels);
        Assert.Equal("gates: ok", config.Gates.SatisfiedLabel);
        Assert.Equal("gates: todo", config.Gates.IncompleteLabel);
    }

    [Fact]
    public void EveryKey_WithCrlfLineEndings_IsRead()
    {
        var config = Valid(EveryKey.ReplaceLineEndings("\r\n"));
        Assert.Equal(ReviewMode.Shadow, config.Mode);
        Assert.Equal(300, config.Item(ItemKind.BeforeAfter).MinDurationSeconds);
    }

    [Fact]
    public void ByteOrderMark_IsIgnored()
    {
        Assert.Equal(ReviewMode.Shadow, Valid("\uFEFFmode: shadow\n").Mode);
    }

    [Fact]
    public void FileOverridesOnlyWhatItNames()
    {
        var config = Valid("""
            mode: shadow
            items:
              profile: { required: false }
            findings:
              bundled_optimizations: error
            detection:
              min_item_headings: 0
            """);

        Assert.Equal(ReviewMode.Shadow, config.Mode);
        Assert.False(config.Item(ItemKind.Profile).Required);
        Assert.True(config.Item(ItemKind.Constraint).Required);
        Assert.True(config.Item(ItemKind.BeforeAfter).Required);
        Assert.Equal(60, config.Item(ItemKind.BeforeAfter).MinDurationSeconds);
        Assert.Equal(Severity.Error, config.SeverityOf(FindingIds.BundledOptimizations));
        foreach (var (rule, severity) in FindingIds.DefaultSeverities.Where(r => r.Key != FindingIds.BundledOptimizations))
        {
            Assert.Equal(severity, config.SeverityOf(rule));
        }
        Assert.Equal(0, config.Detection.MinItemHeadings);
        Assert.Equal(ReviewConfig.Default.Detection.Labels, config.Detection.Labels);
        Assert.Equal(ReviewConfig.Default.Detection.TitlePrefixes, config.Detection.TitlePrefixes);
        Assert.Equal(ReviewConfig.Default.CheckName, config.CheckName);
        Assert.Equal(ReviewConfig.Default.Comment, config.Comment);
        Assert.Equal(ReviewConfig.Default.Gates, config.Gates);
    }

    [Fact]
    public void MinDurationAlone_KeepsBeforeAfterRequired()
    {
        var item = Valid("items:\n  before_after:\n    min_duration_seconds: 120\n").Item(ItemKind.BeforeAfter);
        Assert.True(item.Required);
        Assert.Equal(120, item.MinDurationSeconds);
    }

    [Fact]
    public void SectionWithEverythingCommentedOut_MeansDefaults()
    {
        Assert.Equal(ReviewConfig.Default.Items, Valid("items:\n  # profile: { required: false }\n").Items);
    }

    [Fact]
    public void EmptyLists_AreAllowed()
    {
        var config = Valid("detection:\n  labels: []\n  title_prefixes: []\noverrides:\n  teams: []\n");
        Assert.Empty(config.Detection.Labels);
        Assert.Empty(config.Detection.TitlePrefixes);
        Assert.Empty(config.Overrides.Teams);
    }

    [Fact]
    public void BlockListsAndQuotedStrings_AreRead()
    {
        var config = Valid("detection:\n  labels:\n    - 'perf'\n    - \"speed up\"\n    - 123\n");
        Assert.Equal(["perf", "speed up", "123"], config.Detection.Labels);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    public void Required_AcceptsYamlBooleans(string value, bool expected)
    {
        Assert.Equal(expected, Valid($"items:\n  rollback:\n    required: {value}\n").Item(ItemKind.Rollback).Required);
    }

    [Theory]
    [InlineData("off", Severity.Off)]
    [InlineData("notice", Severity.Notice)]
    [InlineData("warning", Severity.Warning)]
    [InlineData("error", Severity.Error)]
    public void EveryFindingRule_TakesEverySeverity(string value, Severity expected)
    {
        var yaml = "findings:\n" + string.Concat(FindingIds.DefaultSeverities.Keys.Select(rule => $"  {rule}: {value}\n"));
        var config = Valid(yaml);
        Assert.All(FindingIds.DefaultSeverities.Keys, rule => Assert.Equal(expected, config.SeverityOf(rule)));
    }

    [Theory]
    [InlineData("missing", CommentPolicy.Missing)]
    [InlineData("always", CommentPolicy.Always)]
    [InlineData("never", CommentPolicy.Never)]
    public void CommentWhen_TakesEachPolicy(string value, CommentPolicy expected)
    {
        Assert.Equal(expected, Valid($"comment:\n  when: {value}\n").Comment.When);
    }

    [Theory]
    [InlineData("write")]
    [InlineData("maintain")]
    [InlineData("admin")]
    public void MinPermission_TakesEachLevel(string value)
    {
        Assert.Equal(value, Valid($"overrides:\n  min_permission: {value}\n").Overrides.MinPermission);
    }

    [Theory]
    [InlineData("enforce", ReviewMode.Enforce)]
    [InlineData("shadow", ReviewMode.Shadow)]
    [InlineData("\"shadow\"", ReviewMode.Shadow)]
    public void Mode_TakesEachMode(string value, ReviewMode expected)
    {
        Assert.Equal(expected, Valid($"mode: {value}\n").Mode);
    }

    [Fact]
    public void AnchorsAndAliases_ShareAValue()
    {
        var config = Valid("detection:\n  labels: &labels [perf, speed]\ngates:\n  labels: *labels\n");
        Assert.Equal(["perf", "speed"], config.Gates.Labels);
    }

    // ---- errors: located, specific, all of them ----

    [Fact]
    public void UnknownItemSetting_NamesThePathTheLineAndWhatIsAllowed()
    {
        var error = SingleError("mode: enforce\nitems:\n  profile:\n    requird: true\n");

        Assert.Equal(new ConfigError(File, 4, 5,
            "unknown key `requird` under `items.profile` (did you mean `required`?); allowed: required"), error);
        Assert.Equal(".github/perf-review.yml:4:5: unknown key `requird` under `items.profile` (did you mean `required`?); allowed: required",
            error.ToString());
    }

    [Fact]
    public void UnknownTopLevelKey_SuggestsTheClosestAndListsAll()
    {
        var error = SingleError("mdoe: shadow\n");
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("unknown key `mdoe` under the top level (did you mean `mode`?)", error.Message);
        Assert.Contains("allowed: detection, check_name, mode, items, findings, comment, overrides, gates", error.Message);
    }

    [Theory]
    [InlineData("titlePrefixes", "title_prefixes")]
    [InlineData("title-prefixes", "title_prefixes")]
    [InlineData("Labels", "labels")]
    [InlineData("min_item_heading", "min_item_headings")]
    public void MisspeltKey_GetsASuggestion(string given, string suggested)
    {
        var error = SingleError($"detection:\n  {given}: 1\n");
        Assert.Contains($"(did you mean `{suggested}`?)", error.Message);
    }

    [Fact]
    public void UnrelatedKey_GetsNoSuggestion()
    {
        Assert.DoesNotContain("did you mean", SingleError("colour: blue\n").Message);
    }

    [Fact]
    public void UnknownItem_ListsTheFiveItems()
    {
        var error = SingleError("items:\n  benchmark: { required: false }\n");
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Contains("allowed: constraint, profile, before_after, rollback, monitoring", error.Message);
    }

    [Theory]
    [InlineData("constraint")]
    [InlineData("profile")]
    [InlineData("rollback")]
    [InlineData("monitoring")]
    public void MinDurationOutsideBeforeAfter_IsAnError(string item)
    {
        var error = SingleError($"items:\n  {item}:\n    min_duration_seconds: 60\n");
        Assert.Equal((3, 5), (error.Line, error.Column));
        Assert.Contains("only valid under `items.before_after`", error.Message);
    }

    [Fact]
    public void BadMode_SaysWhatIsAllowed()
    {
        var error = SingleError("mode: strict\n");
        Assert.Equal(new ConfigError(File, 1, 7, "`mode` must be enforce or shadow, not `strict`"), error);
    }

    [Fact]
    public void MisspeltEnumValue_GetsASuggestion()
    {
        Assert.Contains("(did you mean `shadow`?)", SingleError("mode: Shadow\n").Message);
    }

    [Theory]
    [InlineData("yes", "not `yes`")]
    [InlineData("1", "not `1`")]
    [InlineData("\"true\"", "not the quoted text `true`")]
    [InlineData("", "not empty")]
    [InlineData("[true]", "not a list")]
    public void Required_MustBeTrueOrFalse(string value, string shown)
    {
        var error = SingleError($"items:\n  constraint:\n    required: {value}\n");
        Assert.Equal(3, error.Line);
        Assert.Contains("`items.constraint.required` must be true or false, " + shown, error.Message);
    }

    [Theory]
    [InlineData("6")]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("two")]
    [InlineData("'2'")]
    [InlineData("99999999999999999999")]
    public void MinItemHeadings_OutOfRangeOrNotANumber_IsAnError(string value)
    {
        var error = SingleError($"detection:\n  min_item_headings: {value}\n");
        Assert.Equal((2, 22), (error.Line, error.Column));
        Assert.StartsWith("`detection.min_item_headings` must be a whole number from 0 to 5, not ", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("86401")]
    [InlineData("60s")]
    public void MinDuration_OutOfRangeOrWithUnit_IsAnError(string value)
    {
        var error = SingleError($"items:\n  before_after:\n    min_duration_seconds: {value}\n");
        Assert.Contains("must be a whole number from 1 to 86,400", error.Message);
    }

    [Fact]
    public void UnknownFindingRule_SuggestsTheRule()
    {
        var error = SingleError("findings:\n  bundled_optimisations: error\n");
        Assert.Contains("unknown finding rule `bundled_optimisations` under `findings` (did you mean `bundled_optimizations`?)", error.Message);
        Assert.Contains(FindingIds.GateIssueIncomplete, error.Message);
    }

    [Fact]
    public void BadSeverity_ListsTheFour()
    {
        var error = SingleError("findings:\n  metric_regressed: fatal\n");
        Assert.Equal("`findings.metric_regressed` must be off, notice, warning or error, not `fatal`", error.Message);
    }

    [Theory]
    [InlineData("comment:\n  when: sometimes\n", "`comment.when` must be missing, always or never, not `sometimes`")]
    [InlineData("overrides:\n  min_permission: read\n", "`overrides.min_permission` must be write, maintain or admin, not `read`")]
    [InlineData("overrides:\n  teams: [\"perf council\"]\n", "`overrides.teams` entry `perf council` is not a team")]
    [InlineData("overrides:\n  teams: [a/b/c]\n", "`overrides.teams` entry `a/b/c` is not a team")]
    [InlineData("check_name: \"\"\n", "`check_name` is blank")]
    [InlineData("check_name:\n", "`check_name` is empty")]
    [InlineData("check_name: [a, b]\n", "`check_name` must be a single text value, not a list")]
    [InlineData("detection: [labels]\n", "`detection` must be a mapping of settings")]
    [InlineData("detection:\n  labels: perf\n", "`detection.labels` must be a list of text values, e.g. [performance, perf], not a single value")]
    [InlineData("detection:\n  labels:\n", "`detection.labels` must be a list of text values, e.g. [performance, perf], not empty (write [] for none)")]
    [InlineData("detection:\n  labels: {perf: true}\n", "not a mapping")]
    [InlineData("detection:\n  labels: [[perf]]\n", "`detection.labels[0]` must be a single text value, not a list")]
    [InlineData("detection:\n  labels: [perf, ~]\n", "`detection.labels[1]` is empty")]
    [InlineData("items:\n  profile: true\n", "`items.profile` must be a mapping of settings")]
    [InlineData("gates:\n  satisfied_label: \"a label that is far too long to be a GitHub label at all\"\n", "`gates.satisfied_label` is 56 characters long; at most 50 are allowed")]
    [InlineData("gates:\n  incomplete_label: \"line\\nbreak\"\n", "`gates.incomplete_label` contains a control character")]
    [InlineData("mode: !!binary c2hhZG93\n", "`mode` must be enforce or shadow")]
    [InlineData("check_name: !custom x\n", "`check_name` has the YAML tag `!custom`")]
    [InlineData("<<: {mode: shadow}\n", "merge keys (`<<`) are not supported")]
    [InlineData("[mode]: shadow\n", "keys under the top level must be plain names, not a list")]
    public void BadValue_IsReportedWithWhatIsAllowed(string yaml, string expected)
    {
        Assert.Contains(expected, SingleError(yaml).Message);
    }

    [Fact]
    public void LongValue_IsQuotedShortInTheMessage()
    {
        var error = SingleError("mode: " + new string('x', 500) + "\n");
        Assert.True(error.Message.Length < 200, error.Message);
        Assert.Contains("…", error.Message);
    }

    [Fact]
    public void DuplicateKey_IsReportedAtTheSecondWithTheFirstLine()
    {
        var error = SingleError("mode: enforce\ncheck_name: a\nmode: shadow\n");
        Assert.Equal(new ConfigError(File, 3, 1,
            "duplicate key `mode` under the top level (first set on line 1); keep one"), error);
    }

    [Fact]
    public void DuplicateKeys_AtEveryLevel_AreAllReported()
    {
        var result = ConfigParser.Parse("""
            items:
              profile: { required: true, required: false }
            items:
              rollback: { required: false }
            findings:
              target_missed: error
              target_missed: off
            """);
        Assert.Equal([2, 3, 7], result.Errors.Select(e => e.Line));
        Assert.All(result.Errors, e => Assert.StartsWith("duplicate key", e.Message));
    }

    [Fact]
    public void EveryError_IsCollected_InLineOrder()
    {
        var result = ConfigParser.Parse("""
            mode: strict
            check_name: perf-review
            detection:
              labels: perf
              min_item_headings: 9
            items:
              profile: { requird: true }
            findings:
              nonsense: error
            comment:
              when: sometimes
            """);

        Assert.Null(result.Config);
        Assert.False(result.IsValid);
        Assert.Equal([1, 4, 5, 7, 9, 11], result.Errors.Select(e => e.Line));
        Assert.All(result.Errors, e => Assert.Equal(File, e.File));
    }

    [Fact]
    public void ErrorsNameTheGivenFile()
    {
        var error = SingleError("mode: x\n".Replace("x", "fast"));
        Assert.Equal(File, error.File);
        Assert.Equal("acme/.github:perf-review.yml", ConfigParser.Parse("mode: fast", "acme/.github:perf-review.yml").Errors[0].File);
    }

    [Theory]
    [InlineData("- mode\n- shadow\n", "not a list")]
    [InlineData("shadow\n", "not a single value")]
    [InlineData("\"mode: shadow\"\n", "not a single value")]
    public void NonMappingRoot_IsAnError(string yaml, string kind)
    {
        var error = SingleError(yaml);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("the file must be a mapping of settings such as `mode: enforce`, " + kind, error.Message);
    }

    [Fact]
    public void SyntaxError_IsLocated()
    {
        var error = SingleError("mode: enforce\ndetection:\n  labels: [perf, speed\n  min_item_headings: 2\n");
        Assert.StartsWith("YAML syntax error", error.Message);
        Assert.InRange(error.Line, 3, 5);
        Assert.True(error.Column > 0);
    }

    [Fact]
    public void TabIndentation_NamesTheTabbedLines()
    {
        var result = ConfigParser.Parse("items:\n\tprofile:\n\t\trequired: false\n");
        Assert.Null(result.Config);
        Assert.Equal([(2, 1), (3, 1)], result.Errors.Select(e => (e.Line, e.Column)));
        Assert.All(result.Errors, e => Assert.Contains("indented with a tab", e.Message));
    }

    [Fact]
    public void TabBeforeAListItem_NamesTheTabbedLine()
    {
        var error = SingleError("detection:\n  labels:\n    - perf\n\t- speed\n");
        Assert.Equal((4, 1), (error.Line, error.Column));
    }

    [Fact]
    public void SyntaxErrorElsewhere_IsNotBlamedOnALegalTab()
    {
        // A tab inside a block scalar's text is legal YAML; the real error is the unclosed quote below it.
        var error = SingleError("gates:\n  satisfied_label: |\n    x\n    \ty\ncheck_name: \"open\n");
        Assert.Equal(5, error.Line);
        Assert.StartsWith("YAML syntax error", error.Message);
        Assert.DoesNotContain("tab", error.Message);
    }

    [Fact]
    public void TabAsSeparatorAfterAKey_IsFine()
    {
        Assert.Equal(ReviewMode.Shadow, Valid("mode:\tshadow\n").Mode);
    }

    [Fact]
    public void SecondDocument_IsAnError()
    {
        var error = SingleError("mode: shadow\n---\nmode: enforce\n");
        Assert.Equal(2, error.Line);
        Assert.Contains("more than one YAML document", error.Message);
    }

    // ---- hostile files ----

    [Fact]
    public void TenMegabyteFile_IsOneClearError()
    {
        var yaml = "mode: enforce\n" + string.Concat(Enumerable.Repeat("# padding padding padding padding padding padding\n", 200_000));
        Assert.True(yaml.Length > 10_000_000);

        var error = SingleError(yaml);

        Assert.Equal(0, error.Line);
        Assert.Contains("at most 65,536 bytes (64 KiB)", error.Message);
        Assert.Equal($"{File}: {error.Message}", error.ToString());
    }

    [Fact]
    public void FileJustUnderTheCap_IsRead()
    {
        var yaml = "mode: shadow\n" + new string('#', ConfigParser.MaxBytes - 20) + "\n";
        Assert.Equal(ReviewMode.Shadow, Valid(yaml).Mode);
    }

    [Fact]
    public void MultiByteTextOverTheByteCap_IsRejected()
    {
        // 30,000 three-byte characters: under 64 K characters but over 64 KiB.
        var yaml = "check_name: x\n# " + new string('性', 30_000) + "\n";
        Assert.Contains("64 KiB", SingleError(yaml).Message);
    }

    [Fact]
    public void DeepFlowNesting_StopsAtTheDepthCap()
    {
        var yaml = "detection: " + new string('[', 30_000) + new string(']', 30_000) + "\n";
        var error = SingleError(yaml);
        Assert.Contains($"nests deeper than {ConfigYaml.MaxDepth} levels", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void DeepBlockNesting_StopsAtTheDepthCap()
    {
        var yaml = string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i) + "a:\n"));
        Assert.Contains("nests deeper", SingleError(yaml).Message);
    }

    [Fact]
    public void TooManyNodes_StopsAtTheNodeCap()
    {
        var yaml = "detection:\n  labels: [" + string.Join(",", Enumerable.Repeat("a", 20_000)) + "]\n";
        Assert.True(yaml.Length < ConfigParser.MaxBytes);
        Assert.Contains($"more than {ConfigYaml.MaxNodes:N0} YAML nodes", SingleError(yaml).Message);
    }

    /// <summary>"Billion laughs": each level names the one before nine times. Expanded it would be 10^9 values.</summary>
    private static string AliasBomb(string use) => $"""
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        {use}
        """;

    [Fact]
    public void AliasBomb_UnderUnknownKeys_IsNotExpanded()
    {
        var result = ConfigParser.Parse(AliasBomb("mode: shadow"));
        Assert.Null(result.Config);
        Assert.Equal(9, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("unknown key", e.Message));
    }

    [Fact]
    public void AliasBomb_UsedWhereAListIsExpected_IsNotExpanded()
    {
        var result = ConfigParser.Parse(AliasBomb("detection:\n  labels: *i\ngates:\n  labels: [*i, *i]\n"));
        Assert.Null(result.Config);
        // 9 unknown keys, then one error per element of each bombed list: nothing is expanded past one level.
        Assert.InRange(result.Errors.Count, 10, 30);
        Assert.Contains(result.Errors, e => e.Message.StartsWith("`detection.labels[0]` must be a single text value, not a list", StringComparison.Ordinal));
    }

    [Fact]
    public void AliasReusedManyTimes_HitsTheVisitCap()
    {
        // Each alias names a mapping of 50 settings; the walk visits it every time it is named.
        var settings = string.Join(", ", Enumerable.Range(0, 50).Select(i => $"k{i}: 1"));
        var items = string.Join("\n", Enumerable.Range(0, 400).Select(i => $"  - *m"));
        var yaml = $"x: &m {{{settings}}}\ndetection:\n  labels:\n{items}\n";
        var result = ConfigParser.Parse(yaml);
        Assert.Null(result.Config);
        Assert.True(result.Errors.Count <= ConfigParser.MaxErrors + 1);
    }

    [Fact]
    public void RecursiveAlias_IsRefused()
    {
        var result = ConfigParser.Parse("detection:\n  labels: &x [perf, *x]\n");
        Assert.Contains(result.Errors, e => e.Message.Contains("recursive aliases are not allowed") && e.Line == 2);
    }

    [Fact]
    public void UndefinedAlias_IsAnError()
    {
        var error = SingleError("gates:\n  labels: *nowhere\n");
        Assert.Equal((2, 11), (error.Line, error.Column));
        Assert.Contains("alias `*nowhere` does not refer to an anchor", error.Message);
    }

    [Fact]
    public void ThousandsOfErrors_AreCappedWithANote()
    {
        var yaml = string.Concat(Enumerable.Range(0, 1_000).Select(i => $"unknown{i}: 1\n"));
        var result = ConfigParser.Parse(yaml);
        Assert.Equal(ConfigParser.MaxErrors + 1, result.Errors.Count);
        Assert.Contains("the rest are not shown", result.Errors[^1].Message);
    }

    [Theory]
    [InlineData("mode: \"a\u0001b\"\n")]
    [InlineData("mode: \u0007\n")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("{{{{{{{{")]
    [InlineData("]]]]")]
    [InlineData("mode: 'unterminated\n")]
    [InlineData("&a *a")]
    [InlineData("? ? ? ?\n")]
    [InlineData("%YAML 9.9\n---\nmode: x\n")]
    [InlineData("!<tag:x> {}")]
    [InlineData("mode: \uD800\n")]
    public void Garbage_IsAnErrorNotACrash(string yaml)
    {
        var result = ConfigParser.Parse(yaml);
        Assert.Null(result.Config);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void RandomYamlishText_NeverThrows()
    {
        // Seeded, so a failure reproduces: YAML punctuation, keys of this file, tabs, CR/LF, BOM and odd characters.
        string[] pieces = ["mode", "items", "profile", "required", "detection", "labels", ": ", ":", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ",
            "'", "\"", "|", ">", "#", "---", "...", "? ", "\n", "\r\n", "\t", "  ", "    ", "true", "7", "~", "%YAML 1.2", "\uFEFF", "\u0000", "性能", "😀", "\uD800", "\\"];
        var random = new Random(20_260_301);
        for (var i = 0; i < 5_000; i++)
        {
            var yaml = string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            var result = ConfigParser.Parse(yaml);
            Assert.True(result.IsValid || (result.Config is null && result.Errors.Count > 0), yaml);
        }
    }

    [Fact]
    public void RightToLeftAndCjkLabels_AreKept()
    {
        var config = Valid("detection:\n  labels: [أداء, 性能]\n");
        Assert.Equal(["أداء", "性能"], config.Detection.Labels);
    }
}
