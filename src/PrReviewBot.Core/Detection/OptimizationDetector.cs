using System.Text.RegularExpressions;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Detection;

/// <summary>
/// Decides whether a PR is an optimization PR. Explicit signals: a configured label, a title prefix such as
/// <c>perf:</c>, or a body that uses at least two of the five item headings while talking about performance. With
/// <c>detection.infer</c> it also reads the content, precision first: the title claims a speed-up or less work
/// ("Speed up…", "Rasterize gradients once instead of every frame"), or the body does so backed by numbers or a
/// profile, or the body reports a before/after of a performance metric. A PR whose title says it only adds tooling,
/// benchmarks, dashboards or docs, or changes a budget, is not one, whatever its label; the opt-out label takes any PR
/// out. The reason is always given.
/// </summary>
internal static partial class OptimizationDetector
{
    public static (bool IsOptimization, string Reason) Detect(ReviewContext context)
    {
        var pr = context.Pr;
        var detection = context.Config.Detection;
        var title = WholeTitle(pr.Title.Trim(), pr.Body);
        if (detection.OptOutLabel.Length > 0 && pr.Labels.FirstOrDefault(l => l.Trim().Equals(detection.OptOutLabel, StringComparison.OrdinalIgnoreCase)) is { } optOut)
        {
            return (false, $"it has the label `{optOut.Trim()}`");
        }
        var titleClaim = TitleClaim(title);
        var tooling = NotOptimization(title);
        // "Speed up CI and add benchmarks" is an optimization; "Optimize imports" is not: the claim wins unless the
        // words that make the title tooling contain it.
        // Docs — a docs commit type ("doc: guide for optimizing X"), a blog post — are not overridden by
        // a claim; "Dashboard: load panels faster" names a component and is.
        // A title whose verb is measuring ("Benchmark what the filters save on bulk loads") is tooling whatever it measures.
        if (titleClaim is not null && tooling is not null && !tooling.Contains(titleClaim, StringComparison.OrdinalIgnoreCase) &&
            !DocsType().IsMatch(title) && !MeasuringVerb().IsMatch(title))
        {
            tooling = null;
        }
        // "SLO indexes + benchmark suite": a technique joined to the tooling is a change of its own.
        if (tooling is not null && TitleTechnique(title) is { } joined && !tooling.Contains(joined, StringComparison.OrdinalIgnoreCase) &&
            Joined().IsMatch(title) && !DocsType().IsMatch(title))
        {
            tooling = null;
        }
        var explicitSignal = ExplicitSignal(context, detection, title);
        if (explicitSignal is not null)
        {
            return tooling is null
                ? (true, explicitSignal)
                : (false, $"{explicitSignal}, but its title says it is about performance work that is not an optimization (\"{tooling}\")");
        }
        if (tooling is not null)
        {
            return (false, $"its title says it is about performance work that is not an optimization (\"{tooling}\")");
        }
        if (detection.Infer)
        {
            if (titleClaim is not null)
            {
                return (true, $"its title says \"{titleClaim}\"");
            }
            // "Make running parallel by default", "Make parallel builds opt-out instead of opt-in": a technique made the default.
            if (MadeDefault().IsMatch(title) && (TitleTechnique(title, besidesDefault: true) ?? SwitchNamedForSpeed(title)) is { } technique)
            {
                return (true, $"its title makes \"{technique}\" the default");
            }
            if (BodySaysOptimization(context) is { } said)
            {
                return (true, said);
            }
        }
        return (false, detection.Infer
            ? "it has no optimization label or `perf:` title prefix, and neither its title nor its description says it makes something faster, smaller or cheaper"
            : $"it has no optimization label, no `perf:` title prefix and fewer than {Math.Max(detection.MinItemHeadings, 1)} of the five item headings");
    }

    private static string? ExplicitSignal(ReviewContext context, DetectionConfig detection, string title)
    {
        foreach (var label in context.Pr.Labels)
        {
            var words = " " + SectionAliases.Normalise(label) + " ";
            var match = detection.Labels.FirstOrDefault(l => l.Length > 0 &&
                (label.Trim().Equals(l, StringComparison.OrdinalIgnoreCase) || words.Contains(" " + SectionAliases.Normalise(l) + " ", StringComparison.Ordinal)));
            if (match is not null)
            {
                return $"it has the label `{label.Trim()}`";
            }
        }
        var prefix = detection.TitlePrefixes.FirstOrDefault(p => p.Length > 0 && title.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        if (prefix is not null)
        {
            return $"its title starts with `{prefix}`";
        }
        var headed = context.Document.Sections.Where(s => s.Style is SectionStyle.Heading or SectionStyle.BoldLabel or SectionStyle.ListLabel or SectionStyle.TableLabel)
            .SelectMany(s => s.Kinds).Distinct().Count();
        // A template with two item headings used for a feature ("Add a checkout flag") is not an optimization PR: two
        // headings count where the PR also talks about performance (a claim, numbers, a target, a profile).
        // Three or more of the five headings is the optimization template itself, filled in or not.
        if (detection.MinItemHeadings > 0 && headed >= detection.MinItemHeadings && (headed >= Math.Max(3, detection.MinItemHeadings) || TalksPerformance(context)))
        {
            return $"its description has {headed} of the five item headings";
        }
        return null;
    }

    /// <summary>The phrase of the title that claims a speed-up or less work, or null.</summary>
    internal static string? TitleClaim(string title)
    {
        if (TitleGoal().Match(title) is { Success: true } goal)
        {
            return goal.Value.Trim();
        }
        // "fix: wasm bundle size": a fix whose whole subject is the size of what is built or shipped (read with the
        // commit type, which is the verb).
        if (FixesSize().Match(title) is { Success: true } size)
        {
            return size.Value.Trim();
        }
        // "perf(bench): add a JMH suite": the prefix is an explicit signal of its own, not a claim.
        title = ConventionalPrefix().Replace(title, string.Empty);
        foreach (var regex in new[] { Claim(), LessWork(), DecreaseCost(), IncreaseSpeed(), TitleOnlyClaim(), FixesSlowness() })
        {
            // Claim's, LessWork's, TitleOnlyClaim's and DecreaseCost's generated matchers are too large for the JIT to optimize; their parts are not (same answer).
            var m = !FastPaths.On ? regex.Match(title)
                : regex == Claim() ? MatchClaim(title)
                : regex == LessWork() ? MatchLessWork(title)
                : regex == TitleOnlyClaim() ? Alternation.Match(title, TitleOnlyClaimWords(), TitleOnlyClaimBounds(), TitleOnlyClaimLimits(), TitleOnlyClaimBuild())
                : regex == DecreaseCost() ? MatchDecreaseCost(title)
                : regex.Match(title);
            // "remove the redundant `allocs` profile": a cost word inside a code span names something (a profile, a
            // metric, a field), not the cost a change brings down.
            if (m.Success && regex == DecreaseCost() && CodeSpan().IsMatch(title))
            {
                var masked = CodeSpan().Replace(title, c => "`" + new string(' ', c.Length - 2) + "`");
                var again = FastPaths.On ? MatchDecreaseCost(masked) : regex.Match(masked);
                if (again.Success)
                {
                    return title.Substring(again.Index, again.Length).Trim();
                }
                continue;
            }
            if (m.Success)
            {
                return m.Value.Trim();
            }
        }
        return null;
    }

    /// <summary>
    /// GitHub cuts a long commit subject at about 70 characters and carries the rest into the body: the title ends in
    /// "…" and the body opens with "…". The two halves are one title.
    /// </summary>
    internal static string WholeTitle(string title, string? body)
    {
        if (body is null || !(title.EndsWith("...", StringComparison.Ordinal) || title.EndsWith('…')))
        {
            return title;
        }
        var rest = body.TrimStart();
        var cut = rest.StartsWith("...", StringComparison.Ordinal) ? 3 : rest.StartsWith('…') ? 1 : 0;
        if (cut == 0)
        {
            return title;
        }
        var end = rest.IndexOf('\n');
        var tail = (end < 0 ? rest[cut..] : rest[cut..end]).Trim();
        var head = title.EndsWith('…') ? title[..^1] : title[..^3];
        return tail.Length is > 0 and <= 200 ? head + tail : title;
    }

    private static string? NotOptimization(string title)
    {
        // "/api/benchmarks: serialize with orjson": a route names part of the product, not tooling.
        title = RoutePath().Replace(title, " ");
        // The whole pattern's generated matcher is too large for the JIT to optimize; its parts are not (same answer).
        var m = FastPaths.On
            ? Alternation.Match(title, NotOptimizationAddsTooling(), NotOptimizationBudgetsAndTools(), NotOptimizationToolChanges(), NotOptimizationOther(), NotOptimizationForeign())
            : NotOptimizationWords().Match(title);
        if (m.Success)
        {
            return m.Value.Trim();
        }
        m = MeasuringVerb().Match(title);
        if (m.Success)
        {
            return m.Value.Trim();
        }
        m = NotOptimizationPrefix().Match(title);
        return m.Success ? m.Value.Trim() : null;
    }

    /// <summary>
    /// The body claims a speed-up or less work ("2.3x faster", "instead of on every frame"), or reverts something
    /// because it made things slower, or shows before/after numbers or a profile while talking about performance.
    /// </summary>
    private static string? BodySaysOptimization(ReviewContext context)
    {
        var document = context.Document;
        var title = context.Pr.Title;
        var opening = document.Blocks
            .Where(b => b.Role != BlockRole.Heading && b.Text.Trim().Length > 0 && !b.Text.TrimEnd().EndsWith(':'))
            .Select(b => Sentences.Plain(b.Text)).FirstOrDefault() ?? string.Empty;
        if (AddsTooling().IsMatch(opening) || AddsTooling().IsMatch(title))
        {
            return null;
        }
        // A claim word in quotation marks names something ("the \"faster time\" support") rather than claims it.
        var prose = document.Prose.Select(p => Quoted().Replace(Sentences.Plain(p), " ")).ToList();
        var evidence = context.Measurements.Count > 0 || context.ProfileArtifacts.Count > 0;
        foreach (var match in new Func<string, Match>[] { MatchClaim, MatchLessWork })
        {
            var claim = prose.Select(match).FirstOrDefault(m => m.Success);
            if (claim is not null)
            {
                return $"its description says \"{claim.Value.Trim()}\"";
            }
        }
        // A benchmark harness's own verdict against the saved baseline ("Performance has improved." under criterion's
        // "change:" line) says this change made the code faster.
        if (document.CodeBlocks.FirstOrDefault(c => HarnessImproved().IsMatch(c.Content) && !HarnessRegressed().IsMatch(c.Content)) is not null)
        {
            return "its benchmark output says performance has improved against the baseline";
        }
        // "The job has a 50-minute timeout … so each part stays well under the limit": a cost kept under a limit that
        // the same paragraph states as an amount.
        if (prose.FirstOrDefault(p => StaysUnderLimit().IsMatch(p) && LimitAmount().IsMatch(p)) is { } bounded)
        {
            return $"its description says \"{StaysUnderLimit().Match(bounded).Value.Trim()}\"";
        }
        // "Drop the spare poller" with "every poller costs us CPU": something taken away or turned off, which
        // the description says costs performance or is slow.
        if (TitleRemoves().IsMatch(ConventionalPrefix().Replace(title, string.Empty)) && prose.Select(p => CostOfRemoved().Match(p)).FirstOrDefault(m => m.Success) is { } costly)
        {
            return $"its title takes away something the description says \"{costly.Value.Trim()}\"";
        }
        // Reverting or switching something off because it made things slower.
        if (prose.Any(p => Slowdown().IsMatch(p)) && (TurnsBack().IsMatch(title) || prose.Any(p => TurnsBack().IsMatch(p))))
        {
            var slow = prose.Select(p => Slowdown().Match(p)).First(m => m.Success);
            return $"it turns back a change that made things {slow.Value.Trim().ToLowerInvariant()}";
        }
        var cost = prose.Select(MatchDecreaseCost).FirstOrDefault(m => m.Success)
                   ?? prose.Select(p => IncreaseSpeed().Match(p)).FirstOrDefault(m => m.Success)
                   ?? prose.Select(p => CostWentDown().Match(p)).FirstOrDefault(m => m.Success)
                   ?? prose.Select(p => DoneOnce().Match(p)).FirstOrDefault(m => m.Success);
        var technique = TitleTechnique(title);
        if (cost is not null && (evidence || technique is not null))
        {
            return $"its description says \"{cost.Value.Trim()}\"";
        }
        // "Batch avatar lookups", "Precompute affinity bitmaps": a technique in the title, backed by numbers, a profile, a
        // bottleneck the description says a profile showed, a load-test tool's run, or a measurable target.
        if ((evidence || context.Bottlenecks.Count > 0 || context.LoadTest?.Tool is not null || context.Targets.Count > 0) && technique is not null)
        {
            return $"its title says \"{technique}\" and the description shows measurements, a profile, a load-test run, a target or the bottleneck";
        }
        if (!evidence)
        {
            return null;
        }
        if (context.Measurements.FirstOrDefault(m => PerformanceUnit().IsMatch(m.Unit)) is { } measured)
        {
            return $"its description reports {BeforeAfterText(measured)}";
        }
        var vocabulary = prose.Select(p => PerformanceWord().Match(p)).FirstOrDefault(m => m.Success);
        return vocabulary is not null
            ? $"its description shows measurements or a profile and talks about {vocabulary.Value.Trim().ToLowerInvariant()}"
            : null;
    }

    /// <summary>
    /// The technique the title says the PR applies: a verb of the short title list ("Batch…", "Precompute…") or any
    /// technique of the one catalogue ("Replace the synchronized LRU with Caffeine", "zstd for snapshots"). A circuit
    /// breaker protects rather than speeds up, so it does not count here.
    /// </summary>
    /// <param name="besidesDefault">Skip the words that make something the default ("by default"), to find what they make it.</param>
    private static string? TitleTechnique(string title, bool besidesDefault = false)
    {
        foreach (Match verb in TechniqueVerb().Matches(title))
        {
            if (!TurnedOff(title, verb.Index) && !(besidesDefault && MadeDefault().IsMatch(verb.Value)))
            {
                return verb.Value.Trim();
            }
        }
        foreach (var (found, match) in Techniques.In(title))
        {
            if (found.Family != "circuit breakers" && !TurnedOff(title, match.Index))
            {
                return match.Value.Trim();
            }
        }
        return null;
    }

    /// <summary>
    /// A switch the title names as an identifier (camelCase, snake_case, dotted) whose name says speed: "turn on
    /// `OptimizeReads` by default", "default `fast_path.enabled`". Read only where the title makes it the default.
    /// </summary>
    private static string? SwitchNamedForSpeed(string title)
    {
        foreach (Match id in Identifier().Matches(title))
        {
            if (SpeedStem().IsMatch(id.Value) && !TurnedOff(title, id.Index))
            {
                return id.Value;
            }
        }
        return null;
    }

    /// <summary>"Add option to disable parallel file parsing": a technique the title turns off is not one it applies.</summary>
    private static bool TurnedOff(string title, int at) => OffBefore().IsMatch(title.AsSpan(0, at));

    private static bool TalksPerformance(ReviewContext context) =>
        context.Measurements.Count > 0 || context.ProfileArtifacts.Count > 0 || context.Targets.Count > 0 || TitleClaim(context.Pr.Title) is not null ||
        context.Document.Prose.Any(p => HasClaim(p) || HasLessWork(p) || HasDecreaseCost(p) || IncreaseSpeed().IsMatch(p) || PerformanceWord().IsMatch(p));

    private static string BeforeAfterText(Measurement m) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m.Metric} {m.Before:0.###} {m.Unit} → {m.After:0.###} {m.Unit}");

    // The claim is a word of its own; a letter of a script written without spaces may touch it ("N+1潰し").
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?:" + Improvement.Claims + @")(?![A-Za-z0-9_-])|" + Improvement.ClaimsForeign, RegexOptions.IgnoreCase)]
    internal static partial Regex Claim();

    // The whole pattern's generated matcher is too large for the JIT to optimize (MinOpts); its parts are not.
    private static Match MatchClaim(string text) =>
        FastPaths.On ? Alternation.Match(text, ClaimWords(), ClaimResults(), ClaimForeign()) : Claim().Match(text);

    private static bool HasClaim(string text) =>
        FastPaths.On ? Alternation.IsMatch(text, ClaimWords(), ClaimResults(), ClaimForeign()) : Claim().IsMatch(text);

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?:" + Improvement.ClaimsWords + @")(?![A-Za-z0-9_-])", RegexOptions.IgnoreCase)]
    internal static partial Regex ClaimWords();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?:" + Improvement.ClaimsResults + @")(?![A-Za-z0-9_-])", RegexOptions.IgnoreCase)]
    internal static partial Regex ClaimResults();

    [GeneratedRegex(Improvement.ClaimsForeign, RegexOptions.IgnoreCase)]
    internal static partial Regex ClaimForeign();

    // A short phrase in quotation marks: "faster time", “fast mode”.
    [GeneratedRegex(@"""[^""\n]{1,30}""|“[^”\n]{1,30}”")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<![\w-])(?:" + Improvement.LessWork + @")", RegexOptions.IgnoreCase)]
    internal static partial Regex LessWork();

    // The whole pattern's generated matcher is too large for the JIT to optimize (MinOpts); its halves are not.
    private static Match MatchLessWork(string text) =>
        FastPaths.On ? Alternation.Match(text, LessWorkSaved(), LessWorkAvoided()) : LessWork().Match(text);

    private static bool HasLessWork(string text) =>
        FastPaths.On ? Alternation.IsMatch(text, LessWorkSaved(), LessWorkAvoided()) : LessWork().IsMatch(text);

    [GeneratedRegex(@"(?<![\w-])(?:" + Improvement.LessWorkSaved + @")", RegexOptions.IgnoreCase)]
    internal static partial Regex LessWorkSaved();

    [GeneratedRegex(@"(?<![\w-])(?:" + Improvement.LessWorkAvoided + @")", RegexOptions.IgnoreCase)]
    internal static partial Regex LessWorkAvoided();

    private const string DecreaseCostInEnglish = @"\b(?:" + Improvement.DecreaseVerbs + @")\b[^.\n]{0,40}?\b(?:" + Improvement.CostNouns + @")\b";

    [GeneratedRegex(DecreaseCostInEnglish + "|" + Improvement.DecreaseCostForeign, RegexOptions.IgnoreCase)]
    internal static partial Regex DecreaseCost();

    private static Match MatchDecreaseCost(string text) =>
        FastPaths.On ? Alternation.Match(text, DecreaseCostEnglish(), DecreaseCostForeign()) : DecreaseCost().Match(text);

    private static bool HasDecreaseCost(string text) =>
        FastPaths.On ? Alternation.IsMatch(text, DecreaseCostEnglish(), DecreaseCostForeign()) : DecreaseCost().IsMatch(text);

    [GeneratedRegex(DecreaseCostInEnglish, RegexOptions.IgnoreCase)]
    internal static partial Regex DecreaseCostEnglish();

    [GeneratedRegex(Improvement.DecreaseCostForeign, RegexOptions.IgnoreCase)]
    internal static partial Regex DecreaseCostForeign();

    // "improve bulk inserts on wide tables and the overall pool performance": the thing improved may be named at length first.
    [GeneratedRegex(@"\b(?:" + Improvement.IncreaseVerbs + @")\b[^.\n]{0,50}?\b(?:" + Improvement.SpeedNouns + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex IncreaseSpeed();

    [GeneratedRegex(@"\b(?:" + Improvement.Slowdown + @")", RegexOptions.IgnoreCase)]
    private static partial Regex Slowdown();

    [GeneratedRegex(@"^\s*revert\b|\b(?:reverts?|reverting|back out|roll(?:s|ing)? back|(?:sets?|setting|puts?|turns?|switch(?:es)?) (?:\S+ ){0,6}?(?:back|off)|disabl(?:e|es|ed|ing)|default (?:back )?to (?:false|off|disabled))\b", RegexOptions.IgnoreCase)]
    private static partial Regex TurnsBack();

    [GeneratedRegex(@"\b(?:" + Improvement.NotOptimization + @")|" + Improvement.NotOptimizationForeign, RegexOptions.IgnoreCase)]
    internal static partial Regex NotOptimizationWords();

    [GeneratedRegex(@"\b(?:" + Improvement.NotOptimizationAddsTooling + @")", RegexOptions.IgnoreCase)]
    internal static partial Regex NotOptimizationAddsTooling();

    [GeneratedRegex(@"\b(?:" + Improvement.NotOptimizationBudgetsAndTools + @")", RegexOptions.IgnoreCase)]
    internal static partial Regex NotOptimizationBudgetsAndTools();

    [GeneratedRegex(@"\b(?:" + Improvement.NotOptimizationToolChanges + @")", RegexOptions.IgnoreCase)]
    internal static partial Regex NotOptimizationToolChanges();

    [GeneratedRegex(@"\b(?:" + Improvement.NotOptimizationOther + @")", RegexOptions.IgnoreCase)]
    internal static partial Regex NotOptimizationOther();

    [GeneratedRegex(Improvement.NotOptimizationForeign, RegexOptions.IgnoreCase)]
    internal static partial Regex NotOptimizationForeign();

    [GeneratedRegex(Improvement.NotOptimizationPrefix, RegexOptions.IgnoreCase)]
    private static partial Regex NotOptimizationPrefix();

    [GeneratedRegex(@"^\s*docs?(?:\([^)]*\))?!?:|\bblog[- ]?post:|^\s*(?:(?:new|add|a)\s+)?blog[- ]?post\b", RegexOptions.IgnoreCase)]
    private static partial Regex DocsType();

    /// <summary>A conventional-commit type before a title ("perf(cli): "), also taken off by the before/after item.</summary>
    [GeneratedRegex(@"^\s*[a-z]+(?:\([^)]*\))?!?:\s*", RegexOptions.IgnoreCase)]
    internal static partial Regex ConventionalPrefix();

    // The verb a title opens with, after a commit type or an issue reference, measures what the change does: "Benchmark what
    // the filters save", "#12 Measure how much faster …" (but "profile and reduce the cold start" is an optimization).
    [GeneratedRegex(@"^\s*(?:[a-z]+(?:\([^)]*\))?!?:\s*)?(?:#\d+\s+|\[[^\]]{1,30}\]\s*)?(?:benchmark|measure|profile|track|instrument)(?:s|ed|ing)?\s+(?:what|how|whether|the (?:effect|impact|gain|gains|savings?|cost|speed-?up))\b", RegexOptions.IgnoreCase)]
    private static partial Regex MeasuringVerb();

    [GeneratedRegex(@"(?<![\w-])(?:" + Improvement.TitleClaims + @")(?![\w-])", RegexOptions.IgnoreCase)]
    internal static partial Regex TitleOnlyClaim();

    [GeneratedRegex(@"(?<![\w-])(?:" + Improvement.TitleClaimsWords + @")(?![\w-])", RegexOptions.IgnoreCase)]
    internal static partial Regex TitleOnlyClaimWords();

    [GeneratedRegex(@"(?<![\w-])(?:" + Improvement.TitleClaimsBounds + @")(?![\w-])", RegexOptions.IgnoreCase)]
    internal static partial Regex TitleOnlyClaimBounds();

    [GeneratedRegex(@"(?<![\w-])(?:" + Improvement.TitleClaimsLimits + @")(?![\w-])", RegexOptions.IgnoreCase)]
    internal static partial Regex TitleOnlyClaimLimits();

    [GeneratedRegex(@"(?<![\w-])(?:" + Improvement.TitleClaimsBuild + @")(?![\w-])", RegexOptions.IgnoreCase)]
    internal static partial Regex TitleOnlyClaimBuild();

    [GeneratedRegex(@"`[^`\n]+`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(Improvement.CostOfRemoved, RegexOptions.IgnoreCase)]
    private static partial Regex CostOfRemoved();

    [GeneratedRegex(Improvement.TitleRemoves, RegexOptions.IgnoreCase)]
    private static partial Regex TitleRemoves();

    [GeneratedRegex(@"\b(?:" + Improvement.DoneOnce + ")", RegexOptions.IgnoreCase)]
    private static partial Regex DoneOnce();

    [GeneratedRegex(@"\b(?:" + Improvement.CostNouns + @")\b[^.\n]{0,20}?\b(?:" + Improvement.CostWentDown + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex CostWentDown();

    [GeneratedRegex(@"\b(?:" + Improvement.FixesSlowness + ")", RegexOptions.IgnoreCase)]
    private static partial Regex FixesSlowness();

    [GeneratedRegex(Improvement.AddsTooling, RegexOptions.IgnoreCase)]
    private static partial Regex AddsTooling();

    [GeneratedRegex(@"^(?:ns|µs|ms|s|min|h|[KMGT]i?B|kB|B|req/s|rps|qps|tps|ops/s|fps|%|allocs|queries|calls|round trips|requests)$|/s$|/op$", RegexOptions.IgnoreCase)]
    private static partial Regex PerformanceUnit();

    [GeneratedRegex(@"\b(?:" + Improvement.PerformanceWords + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex PerformanceWord();

    [GeneratedRegex(@"\b(?:" + Techniques.TitleWords + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex TechniqueVerb();

    [GeneratedRegex(@"\bby default\b|\b(?:as |the |a )?default\b(?= *$)|\bdefault to\b|\bopt-?out instead of opt-?in\b|\bon by default\b", RegexOptions.IgnoreCase)]
    private static partial Regex MadeDefault();

    // An identifier: two or more parts joined by case (fastFallback, OptimizeInserts), "_" or ".".
    [GeneratedRegex(@"(?<![\w.])[A-Za-z][a-z0-9]*(?:[A-Z][a-z0-9]+|[_.][A-Za-z0-9]+)+(?![\w.])")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"optimi[sz]|lazy|lazily|parallel|cach|batch|pool|compress|prefetch|precomput|memoi[sz]", RegexOptions.IgnoreCase)]
    private static partial Regex SpeedStem();

    [GeneratedRegex(Improvement.FixesSize, RegexOptions.IgnoreCase)]
    private static partial Regex FixesSize();

    [GeneratedRegex(Improvement.TitleGoal, RegexOptions.IgnoreCase)]
    private static partial Regex TitleGoal();

    [GeneratedRegex(@"\b(?:disabl\w*|turn(?:s|ed|ing)? off|switch(?:es|ed|ing)? off|opt(?:s|ed|ing)? out of|without|no)\s+(?:[\w-]+\s+){0,2}$", RegexOptions.IgnoreCase)]
    private static partial Regex OffBefore();

    [GeneratedRegex(@"(?<!\S)/[\w.{}:-]+(?:/[\w.{}:-]*)+")]
    private static partial Regex RoutePath();

    [GeneratedRegex(@"^\s*Performance has improved\.", RegexOptions.Multiline)]
    private static partial Regex HarnessImproved();

    [GeneratedRegex(@"^\s*Performance has regressed\.", RegexOptions.Multiline)]
    private static partial Regex HarnessRegressed();

    [GeneratedRegex(@"\b(?:stay|stays|staying|finish(?:es)?|fits?|runs?|keeps?|completes?)\s+(?:[\w-]+\s+){0,3}?(?:(?:well|comfortably|safely)\s+)?(?:under|below|within|inside)\s+(?:the|its|our|their|that)\s+(?:[\w-]+\s+)?(?:limit|timeout|cap|quota|ceiling)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StaysUnderLimit();

    [GeneratedRegex(@"\b(?:timeout|time ?limit|size limit|memory limit|limit|cap|caps|capped|quota|ceiling)\b[^.\n]{0,30}?\d[\d.,]*\s?(?:ms|s|secs?|seconds?|minutes?|mins?|hours?|h|[KMGT]i?B|kB|mb|gb)\b|\d[\d.,]*[- ]?(?:ms|s|secs?|seconds?|minutes?|mins?|hours?|h|[KMGT]i?B|kB|mb|gb)\s+(?:time ?limit|timeout|limit|cap|quota|ceiling)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LimitAmount();

    // Two changes joined in one title: "indexes + benchmark suite", "batching and a dashboard".
    [GeneratedRegex(@"\s(?:\+|&|and|with|plus)\s|,\s", RegexOptions.IgnoreCase)]
    private static partial Regex Joined();
}
