using System.Text.RegularExpressions;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Detection;

/// <summary>
/// Decides whether a PR is an optimization PR (PRODUCT §2): a configured label, a title prefix such as <c>perf:</c>,
/// or a body that uses at least two of the five item headings. With <c>detection.infer_from_text</c> it also reads
/// the wording: an optimization verb in the title ("Reduce allocations in…", "Speed up…"), or in the body backed by
/// numbers or a profile. Any other PR gets a successful "Not an optimization PR" check.
/// </summary>
internal static partial class OptimizationDetector
{
    public static (bool IsOptimization, string Reason) Detect(ReviewContext context)
    {
        var pr = context.Pr;
        var detection = context.Config.Detection;
        foreach (var label in pr.Labels)
        {
            var words = " " + SectionAliases.Normalise(label) + " ";
            var match = detection.Labels.FirstOrDefault(l => l.Length > 0 &&
                (label.Trim().Equals(l, StringComparison.OrdinalIgnoreCase) || words.Contains(" " + SectionAliases.Normalise(l) + " ", StringComparison.Ordinal)));
            if (match is not null)
            {
                return (true, $"it has the label `{label.Trim()}`");
            }
        }
        var title = pr.Title.Trim();
        var prefix = detection.TitlePrefixes.FirstOrDefault(p => p.Length > 0 && title.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        if (prefix is not null)
        {
            return (true, $"its title starts with `{prefix}`");
        }
        var headed = context.Document.Sections.Where(s => s.Style == SectionStyle.Heading || s.Style == SectionStyle.BoldLabel || s.Style == SectionStyle.ListLabel)
            .SelectMany(s => s.Kinds).Distinct().ToList();
        if (detection.MinItemHeadings > 0 && headed.Count >= detection.MinItemHeadings)
        {
            return (true, $"its description has {headed.Count} of the five item headings");
        }
        if (detection.InferFromText)
        {
            var titleVerb = OptimizationVerb().Match(title);
            if (titleVerb.Success && !NotAnOptimization().IsMatch(title))
            {
                return (true, $"its title says \"{titleVerb.Value.Trim()}\"");
            }
            if (TextSaysOptimization(context) is { } said)
            {
                return (true, said);
            }
        }
        return (false, "it has no optimization label, no `perf:` title prefix and fewer than "
                       + $"{Math.Max(detection.MinItemHeadings, 1)} of the five item headings");
    }

    /// <summary>
    /// The body claims a speed-up in so many words ("optimized", "speeds up", "reduces allocations"), or shows numbers
    /// or a profile while talking about performance. Descriptions that add tooling, metrics or dashboards are not.
    /// </summary>
    private static string? TextSaysOptimization(ReviewContext context)
    {
        var prose = context.Document.Prose.Select(Sentences.Plain).ToList();
        var opening = context.Document.Blocks
            .Where(b => b.Role != BlockRole.Heading && b.Text.Trim().Length > 0 && !b.Text.TrimEnd().EndsWith(':'))
            .Select(b => Sentences.Plain(b.Text)).FirstOrDefault() ?? string.Empty;
        if (NotAnOptimization().IsMatch(opening) || NotAnOptimization().IsMatch(context.Pr.Title))
        {
            return null;
        }
        var claim = prose.Select(p => ClaimVerb().Match(p)).FirstOrDefault(m => m.Success);
        if (claim is not null)
        {
            return $"its description says \"{claim.Value.Trim()}\"";
        }
        var evidence = context.Measurements.Count > 0 || context.ProfileArtifacts.Count > 0;
        // "Batch avatar lookups", "Precompute affinity bitmaps", "cache Bazel externals": a technique in the title,
        // backed by numbers or a profile in the body.
        if (evidence && TechniqueVerb().Match(context.Pr.Title) is { Success: true } technique)
        {
            return $"its title says \"{technique.Value.Trim()}\" and the description shows measurements or a profile";
        }
        var vocabulary = prose.Select(p => PerformanceWord().Match(p)).FirstOrDefault(m => m.Success);
        return evidence && vocabulary is not null
            ? $"its description shows measurements or a profile and talks about {vocabulary.Value.Trim().ToLowerInvariant()}"
            : null;
    }

    [GeneratedRegex(@"\b(?:optimi[sz](?:e|es|ed|ing)|speed(?:s|ed|ing)?[ -]up|faster|quicker|" +
                    @"(?:reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|cut(?:s|ting)?|decreas(?:e|es|ed|ing)|halv(?:e|es|ed|ing))\b[^.\n]{0,30}\b(?:allocations?|allocs|latency|memory usage|cpu usage|cpu time|run ?time|startup time|wall[- ]?clock|overhead|gc pressure|garbage|contention)|" +
                    @"improv(?:e|es|ed|ing)\b[^.\n]{0,20}\b(?:performance|throughput|latency))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimVerb();

    [GeneratedRegex(@"\b(?:faster|slower|slow|speed|latency|throughput|contention|allocat\w+|garbage|perf|performance|optimi[sz]\w+|reduc\w+|improv\w+|cuts?|drops?|halve[sd]?|wins?|jank|stutter\w*|hitch\w*|bottleneck|hot ?path|hot ?spots?|cpu|gpu|memory|startup|start-up|wall[- ]?clock|quicker|overhead|re-?render\w*|n\+1|once per|per[- ]item|round[- ]trips?|fewer|frame ?time|fps)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PerformanceWord();

    [GeneratedRegex(@"\b(?:batch(?:es|ed|ing)?|cach(?:e|es|ed|ing)|precompute[sd]?|precalcul\w+|memoi[sz]e[sd]?|shard(?:s|ed|ing)?|paralleli[sz]e[sd]?|vectori[sz]e[sd]?|simd|inline[sd]?|lazy|lazily|pool(?:s|ed|ing)?|reuse[sd]?|avoid(?:s|ed)?|skip(?:s|ped)?|without the|instancing|index(?:es)?|prefetch\w*|stream(?:s|ed|ing)?|fast-[\w-]+|by default)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TechniqueVerb();


    [GeneratedRegex(@"\b(?:optimi[sz](?:e|es|ed|ing|ation|ations)|speed(?:s|ing)?[ -]?up|speedups?|faster|quicker|perf(?:ormance)? (?:improvement|optimi[sz]ation|fix|win)s?|" +
                    @"(?:reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|cut(?:s|ting)?|decreas(?:e|es|ed|ing)|avoid(?:s|ed|ing)?|sav(?:e|es|ed|ing)|shav(?:e|es|ed|ing)|halv(?:e|es|ed|ing)|eliminat(?:e|es|ed|ing))\b[^.\n]{0,40}\b(?:allocations?|allocs|latency|memory|cpu|time|overhead|garbage|gc|contention|re-?renders?|re-?rendering|size|wall[- ]?clock|round[- ]?trips|queries|startup|start-up|copies|copying)|" +
                    @"improv(?:e|es|ed|ing)\b[^.\n]{0,30}\b(?:performance|throughput|latency|speed|startup)|" +
                    @"lazy[- ]?load(?:s|ed|ing)?|eager[- ]?load(?:s|ed|ing)?|n\+1)\b|최적화|성능\s?개선|最適化|高速化|优化|性能", RegexOptions.IgnoreCase)]
    private static partial Regex OptimizationVerb();

    // Tooling, metrics, dashboards and docs about performance are not optimizations.
    [GeneratedRegex(@"\b(?:add(?:s|ed)?|introduc(?:e|es|ed))\b[^.\n]{0,40}\b(?:benchmarks?|dashboards?|metrics?|profiling|tooling|tool|load[- ]testing|instrumentation)\b|\bperformance issues?\b|\boptimi[sz]e[sd]? (?:the )?imports\b|^\s*docs?(?:\([^)]*\))?!?:|\bhow to (?:profile|benchmark|measure)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotAnOptimization();
}
