using System.Text.RegularExpressions;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Items.Constraint;
using PrReviewBot.Core.Items.Profile;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Planning;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Reads an optimization issue once: Markdig parse (the review engine's <see cref="DescriptionDocument"/>), the five
/// item judges for targets, profile artifacts, switches and monitoring links, then the gate readers over the same
/// sentences. Never throws on odd input: an empty, huge or hostile body gives an (empty) reading.
/// </summary>
internal static partial class IssueReader
{
    public static IssueFacts Read(IssueDescription issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var title = issue.Title ?? string.Empty;
        var document = DescriptionDocument.Parse(issue.Body);
        // Targets and measurements are read below with gate context; the item judges give artifacts, switches and links.
        var items = Reviewer.Default.JudgeItems(new PullRequestDescription(title, issue.Body ?? string.Empty, []), document, ReviewConfig.Default,
            [ItemKind.Profile, ItemKind.Rollback, ItemKind.Monitoring]);
        var sections = GateSections.Find(document);
        var sentences = Split(title, document, sections);
        var tables = IssueTables.Read(document);

        var targets = new List<Target>();
        var latency = new List<LatencyReading>(tables.Latency);
        var traffic = new List<TrafficRate>(tables.Traffic);
        var usage = new List<string>(tables.Usage);
        var endpoints = new List<HotEndpoint>(tables.Endpoints);
        foreach (var s in sentences)
        {
            // Tables are read cell by cell with their row names (IssueTables); alert thresholds are not targets.
            var here = s.InTable || s.AboutAlerts || s.In(GateKind.Rollback)
                ? []
                : TargetReader.Read(s.Text, s.In(GateKind.HardTargets) || s.InConstraintItem || GoalCue().IsMatch(s.Text)).ToList();
            targets.AddRange(here);
            latency.AddRange(CurrentNumbers.Latency(s.Text));
            traffic.AddRange(CurrentNumbers.Rates(s.Text, here));
            usage.AddRange(CurrentNumbers.Usage(s.Text, here));
            endpoints.AddRange(HotPathReader.Endpoints(s.Text, s.In(GateKind.HotPath)));
        }
        targets.AddRange(tables.Targets);

        var findings = ProfileFindings(sentences);
        var guesses = sentences.Where(s => ProfileStatements.GuessesBottleneck(s.Text) && !findings.Contains(s.Text)).Select(s => s.Text).ToList();
        var bottlenecks = BottleneckReader.Read(findings).ToList();
        if (bottlenecks.Count == 0 && items.ProfileArtifacts.Count > 0)
        {
            // An attached profile with its verdict written around it rather than in a "profiling shows" sentence.
            bottlenecks.AddRange(BottleneckReader.Read(sentences.Where(s => !ProfileStatements.IsGuess(s.Text) && !s.IsQuestion).Select(s => s.Text)
                .Concat(document.CodeBlocks.Select(c => Sentences.Plain(c.LeadIn)))));
        }

        var techniques = Proposals.Read(sentences);
        var inPlace = techniques.Where(t => t.InPlace && t.Step is not null).Select(t => t.Step!.Value).Distinct().Order().ToList();
        var proposed = techniques.Where(t => !t.InPlace && t.Step is not null && !inPlace.Contains(t.Step.Value)).Select(t => t.Step!.Value)
            .Concat(ExplicitSteps(sentences)).Distinct().Order().ToList();

        var flagNames = items.Switches.Select(s => s.Name).Distinct().ToList();
        var rollback = new RollbackReading(
            flagNames,
            flagNames.Count > 0 || sentences.Any(RollbackPlanReader.FeatureFlag),
            sentences.Any(RollbackPlanReader.LoadTest) || document.CodeBlocks.Any(c => LoadTestScript().IsMatch(c.Info + " " + c.Content))
                || RollbackPlanReader.BenchmarkOutput(document.CodeBlocks.Select(c => c.Info + " " + c.Content)),
            sentences.Any(RollbackPlanReader.FlamegraphComparison),
            items.Alerts.Count > 0 || sentences.Any(RollbackPlanReader.AlertRules),
            sentences.Any(RollbackPlanReader.CircuitBreaker));

        var allText = sentences.Select(s => s.Text).ToList();
        var targetSentences = sentences.Where(s => !s.InTable && !s.AboutAlerts && !s.In(GateKind.Rollback) &&
            TargetReader.Read(s.Text, s.In(GateKind.HardTargets) || s.InConstraintItem || GoalCue().IsMatch(s.Text)).Any()).ToHashSet();
        var goals = sentences.Select(GoalSentences.Read).OfType<string>().Distinct().ToList();
        var outside = WorkKinds.Read(sentences);
        var partial = new IssueReading { Latency = latency.DistinctBy(l => (l.Percentile, l.Value)).ToList() };
        var measured = MeasuredArtifacts.Find(sentences, document).ToList();
        // Profile statements found above count as measured unless "profile" is only a word in a name ("the profile offers
        // query") or the profile is still to be taken.
        measured.AddRange(findings.Where(f => !measured.Contains(f) && MeasuredArtifacts.NamesProfiling(f)));
        var reading = new IssueReading
        {
            StatedGoals = goals,
            Volume = LoadFacts.Volume(sentences, targetSentences.Contains),
            Share = LoadFacts.Share(sentences),
            Distribution = LoadFacts.Distribution(partial, sentences, document),
            MeasuredEvidence = measured,
            Outside = outside?.Kind,
            OutsideEvidence = outside?.Evidence,
            SwitchEvidence = sentences.FirstOrDefault(RollbackPlanReader.FeatureFlag)?.Text,
            LoadTestEvidence = sentences.FirstOrDefault(RollbackPlanReader.LoadTest)?.Text
                ?? (rollback.LoadTestScript ? "load-test script or benchmark output in a code block" : null),
            Targets = targets.Distinct().ToList(),
            Traffic = traffic.DistinctBy(t => (t.Value, t.Kind)).ToList(),
            Latency = latency.DistinctBy(l => (l.Percentile, l.Value)).ToList(),
            CurrentUsage = usage.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Endpoints = MergeEndpoints(endpoints),
            Staleness = sentences.FirstOrDefault(s => HotPathReader.AnswersStaleness(s.Text))?.Text,
            ReadWriteRatio = sentences.FirstOrDefault(s => HotPathReader.AnswersReadWriteRatio(s.Text))?.Text,
            InfraConstraint = tables.InfraConstraint ?? sentences.FirstOrDefault(s => Infra().IsMatch(s.Text) && !s.IsQuestion)?.Text,
            ProfileArtifacts = items.ProfileArtifacts.ToList(),
            ProfileFindings = findings,
            Guesses = guesses,
            Bottlenecks = bottlenecks.Distinct().ToList(),
            CacheHitRatePercent = LadderEvidence.HitRate(allText),
            ProposedSteps = proposed,
            ProposedTechniques = techniques.Where(t => !t.InPlace && (t.Step is null || proposed.Contains(t.Step.Value))).Select(t => t.Name).Distinct().ToList(),
            StepsInPlace = inPlace,
            NewService = allText.Any(t => NewService().IsMatch(t)),
            Runtime = RuntimeOf(allText),
            Monitoring = items.Dashboards.Concat(items.Alerts).ToList(),
            Rollback = rollback,
            Truncated = document.Truncated,
        };
        return new IssueFacts
        {
            Document = document,
            Sections = sections,
            Sentences = sentences,
            Reading = reading,
            VagueWishes = allText.Select(t => Vague().Match(t)).Where(m => m.Success).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Techniques = techniques,
            // Profile statements are the sharper reading; measured artifacts (a plan, a count) stand in when there are none.
            Pick = LadderEvidence.Pick(findings.Count > 0 ? findings : reading.MeasuredEvidence, reading),
        };
    }

    private static List<IssueSentence> Split(string title, DescriptionDocument document, IReadOnlyList<GateSection> sections)
    {
        var list = new List<IssueSentence>();
        // GitHub caps titles at 256 characters; anything longer is not a title.
        foreach (var sentence in Sentences.Of(title.Length > 1_000 ? title[..1_000] : title).SelectMany(Bounded))
        {
            list.Add(new IssueSentence(Sentences.Plain(sentence), 0, null, false));
        }
        foreach (var block in document.Blocks)
        {
            if (block.Role == BlockRole.Heading)
            {
                continue;
            }
            // The innermost section wins: a "Staleness:" label inside "## Gate 2" still belongs to Gate 2, a label inside
            // "## Details" to its own gate.
            var gate = sections.Where(s => s.Contains(block.Line)).OrderByDescending(s => s.StartLine).Select(s => (GateKind?)s.Gate).FirstOrDefault();
            foreach (var sentence in Sentences.Of(JoinWrappedLines(block.Text)).SelectMany(Bounded))
            {
                list.Add(new IssueSentence(Sentences.Plain(sentence), block.Line, gate, block.In(ItemKind.Constraint), block.Role == BlockRole.ListItem, block.Role == BlockRole.TableCell));
            }
        }
        return list;
    }

    /// <summary>Longest sentence read as one; real sentences are far shorter, and the readers look around each number.</summary>
    private const int MaxSentenceLength = 1_000;

    /// <summary>A run-on "sentence" (a pasted log line, adversarial text) read in pieces, so reading stays linear.</summary>
    private static IEnumerable<string> Bounded(string sentence)
    {
        var at = 0;
        while (sentence.Length - at > MaxSentenceLength)
        {
            var cut = sentence.LastIndexOf(' ', at + MaxSentenceLength, MaxSentenceLength / 2);
            var end = cut > at ? cut : at + MaxSentenceLength;
            yield return sentence[at..end];
            at = end;
        }
        yield return sentence[at..];
    }

    /// <summary>
    /// A line that does not end a sentence continues on the next one (text wrapped by hand), so "Should we build in
    /// caching and circuit breakers from day one, so we don't\nhave to retrofit them?" stays one question.
    /// </summary>
    private static string JoinWrappedLines(string text)
    {
        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return text;
        }
        var lines = text.Split('\n');
        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            sb.Append(lines[i]);
            if (i + 1 < lines.Length)
            {
                var end = lines[i].TrimEnd();
                sb.Append(end.Length > 0 && ".!?:;)".Contains(end[^1], StringComparison.Ordinal) ? '\n' : ' ');
            }
        }
        return sb.ToString();
    }

    /// <summary>Sentences that report what profiling found, including the list that follows "Profiling shows:".</summary>
    private static List<string> ProfileFindings(List<IssueSentence> sentences)
    {
        var findings = new List<string>();
        var leadInLine = -1;
        var leadIn = string.Empty;
        var findingLine = -1;
        foreach (var s in sentences)
        {
            if (ProfileStatements.IsLeadIn(s.Text))
            {
                leadInLine = s.Line;
                leadIn = s.Text;
                continue;
            }
            var followsLeadIn = leadInLine >= 0 && s.Line > leadInLine && s.InList && !ProfileStatements.IsGuess(s.Text) && !s.IsQuestion;
            if (!s.InList && s.Line != leadInLine)
            {
                leadInLine = -1;
            }
            // "...shows 60% of p99 in Postgres, one SELECT per post." followed by "— the classic N+1 pattern." in the
            // same paragraph continues the finding.
            var continuesFinding = s.Line == findingLine && ProfileStatements.HasFindingCue(s.Text) && !ProfileStatements.IsGuess(s.Text) && !s.IsQuestion;
            if (followsLeadIn || continuesFinding || ProfileStatements.IsFinding(s))
            {
                // A list item under "pprof shows:" carries its lead-in, which says where the number comes from.
                findings.Add(followsLeadIn && !ProfileStatements.IsFinding(s) ? leadIn + " " + s.Text : s.Text);
                findingLine = s.Line;
            }
        }
        return findings.Distinct().ToList();
    }

    private static IEnumerable<int> ExplicitSteps(IEnumerable<IssueSentence> sentences)
    {
        foreach (var s in sentences)
        {
            foreach (Match m in StepNumber().Matches(s.Text))
            {
                if (s.In(GateKind.SimplestSolution) || StepProposal().IsMatch(s.Text))
                {
                    yield return m.Groups["n"].Value[0] - '0';
                }
            }
        }
    }

    /// <summary>Endpoints by name; a share stated anywhere for a name wins over a bare mention.</summary>
    private static List<HotEndpoint> MergeEndpoints(List<HotEndpoint> endpoints)
    {
        var merged = new List<HotEndpoint>();
        foreach (var group in endpoints.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase))
        {
            merged.Add(group.FirstOrDefault(e => e.SharePercent is not null) ?? group.First());
        }
        // An unnamed share is only worth keeping when no named endpoint carries one.
        if (merged.Any(e => e.Name.Length > 0 && e.SharePercent is not null))
        {
            merged.RemoveAll(e => e.Name.Length == 0);
        }
        return merged.OrderByDescending(e => e.SharePercent ?? -1).Take(12).ToList();
    }

    private static string? RuntimeOf(IEnumerable<string> text)
    {
        var all = string.Join(' ', text);
        return Go().IsMatch(all) ? "Go"
            : Jvm().IsMatch(all) ? "JVM"
            : DotNet().IsMatch(all) ? ".NET"
            : Python().IsMatch(all) ? "Python"
            : Node().IsMatch(all) ? "Node.js"
            : null;
    }

    [GeneratedRegex(@"\b(?:need|needs|want|wants|require[sd]?|must|should|aim(?:ing)? for|expect(?:ed)?|has to|have to|goal|target|slo|sla)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GoalCue();

    [GeneratedRegex(@"\b(?:k6|wrk|vegeta|locust|gatling|jmeter|ghz|artillery|bombardier)\b|http\.get\(|import http from", RegexOptions.IgnoreCase)]
    private static partial Regex LoadTestScript();

    [GeneratedRegex(@"\bstep\s+(?<n>[1-6])\b", RegexOptions.IgnoreCase)]
    private static partial Regex StepNumber();

    [GeneratedRegex(@"\b(?:propose|proposing|start (?:with|at)|go (?:with|to)|want|need|plan|apply|implement|recommend|next)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StepProposal();

    [GeneratedRegex(@"\b(?:no new (?:paid )?(?:infra\w*|services?|dependenc\w+|hardware|servers?|nodes|spend|cost)|no (?:extra|additional) (?:infra\w*|hardware|cost|spend|budget)|existing (?:infra\w*|hardware|cluster|nodes)|(?:infra\w*|hosting|cloud) (?:budget|cost)s?|no (?:budget|money) for|can(?:'t|not) add (?:redis|infra\w*|nodes|servers|a cache|new services?)|must (?:run|fit) on|same (?:hardware|nodes|instances?)|without (?:adding|new) (?:infra\w*|hardware|nodes|services)|paid infra\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Infra();

    [GeneratedRegex(@"\b(?:new (?:micro)?services?|building a (?:new )?(?:micro)?service|greenfield|from scratch|from the start|from day one|up ?front|not (?:yet )?in production|before (?:we )?launch|pre-launch|new system)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NewService();

    [GeneratedRegex(@"\b(?:feels? (?:slow|sluggish|laggy)|(?:is|are|seems?|got|getting) (?:too |really |very |kind of |a bit )?(?:slow|sluggish)|make (?:it|this|them|things|\w+ \w+)? ?faster|speed (?:it |this |things )?up|as fast as possible|improve (?:the )?performance|too slow|blazing fast|lightning fast)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Vague();

    [GeneratedRegex(@"\bgolang\b|\bgo (?:api|service|server|app|backend|code|1\.\d+)\b|\bin go\b|\bgoroutines?\b|\bpprof\b|\bnet/http\b", RegexOptions.IgnoreCase)]
    private static partial Regex Go();

    [GeneratedRegex(@"\b(?:java|jvm|kotlin|spring(?: boot)?|scala|async-profiler)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Jvm();

    [GeneratedRegex(@"(?:\.net\b|\bc#|\basp\.net\b|\bdotnet\b|\bef core\b)", RegexOptions.IgnoreCase)]
    private static partial Regex DotNet();

    [GeneratedRegex(@"\b(?:python|django|flask|fastapi|py-spy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Python();

    [GeneratedRegex(@"\b(?:node\.?js|nestjs|express\.js|expressjs|typescript)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Node();
}
