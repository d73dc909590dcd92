using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Vocabulary;
using PrReviewBot.Core.Items.BeforeAfter;

namespace PrReviewBot.Core.Items.Profile;

/// <summary>
/// Profile evidence: an artifact that shows the bottleneck — a flamegraph or profiler screenshot, a link to a
/// trace/pprof/speedscope/Perfetto/Firefox-profiler view, or profiler output pasted in a code block. Saying "I
/// profiled it" or quoting time shares in prose is not an artifact; neither is the word "flamegraph" naming a feature.
/// </summary>
internal sealed partial class ProfileItem : IItemJudge
{
    public ItemKind Kind => ItemKind.Profile;

    public void Judge(ReviewContext context)
    {
        var document = context.Document;
        var artifacts = new List<ProfileArtifact>();
        var blocks = document.Blocks;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            foreach (var link in block.Links)
            {
                if (Artifact(link, block, blocks, i) is { } artifact)
                {
                    artifacts.Add(artifact);
                }
            }
        }
        foreach (var code in document.CodeBlocks)
        {
            if (ProfilerOutput(code, LeadOf(code, blocks)) is { } kind)
            {
                artifacts.Add(new ProfileArtifact(kind, $"code block at line {code.Line}"));
            }
        }
        context.ProfileArtifacts.AddRange(artifacts.DistinctBy(a => a.Reference));
        context.Bottlenecks.AddRange(BottleneckReader.Read(document));

        var present = context.ProfileArtifacts.Count > 0;
        var evidence = context.ProfileArtifacts.Take(3).Select(a => $"{a.Kind}: {Shorten(a.Reference)}")
            .Concat(context.Bottlenecks.Take(2).Select(b => "bottleneck: " + BottleneckReader.Name(b)));
        context.Set(Kind, present, present ? [] : Messages(document), evidence);
    }

    private static ProfileArtifact? Artifact(LinkReference link, TextBlock block, IReadOnlyList<TextBlock> blocks, int index)
    {
        var kind = link.Kind;
        if (kind == LinkKind.Profile)
        {
            return new ProfileArtifact(KindOf(link.Url + " " + link.Text), link.Url);
        }
        // Public documentation of a tool ("[baseline profiles](https://developer.android.com/…)") explains a technique; it is not a profile of this change.
        if (kind is LinkKind.Issue or LinkKind.PullRequest or LinkKind.CiRun or LinkKind.SourceCode or LinkKind.Ticket or LinkKind.ToolDocumentation || LinkKinds.IsRepositoryHome(link.Url))
        {
            return null;
        }
        var text = link.Text.Contains("://", StringComparison.Ordinal) ? string.Empty : link.Text;
        var words = text + " " + FileName(link.Url);
        if (ProfileWord().IsMatch(words) && !NotAProfile().IsMatch(words))
        {
            return new ProfileArtifact(KindOf(words), link.Url);
        }
        if (!link.IsImage && !Attachment(link.Url) && kind is not (LinkKind.Other or LinkKind.Document))
        {
            return null;
        }
        // An image is profiler output when the text that introduces it says so ("Mutex profile before:",
        // "### Heap profile after", "Performance panel recording:"), or when it sits in a profile section.
        if (block.In(ItemKind.Profile) && !block.In(ItemKind.BeforeAfter))
        {
            return new ProfileArtifact("image", link.Url);
        }
        var lead = LeadText(block, link);
        if (lead.Trim().Length == 0 || (link.IsImage && Sides.OfBareLabel(lead) != Side.None))
        {
            lead = IntroductionBefore(blocks, index) + " " + lead;
        }
        if (!link.IsImage && !Attachment(link.Url))
        {
            // A plain link is an artifact only when the words right before it introduce it as one:
            // "Unity Profiler capture from a dev build: [marsh.data](…)".
            var tail = lead.TrimEnd();
            if (!(tail.EndsWith(':') || tail.EndsWith('(') || tail.EndsWith('—') || tail.EndsWith('-')) || tail.Length == 0)
            {
                return null;
            }
            lead = tail.Length > 120 ? tail[^120..] : tail;
        }
        return IntroducesProfile(lead) ? new ProfileArtifact(KindOf(lead), link.Url) : null;
    }

    /// <summary>
    /// The sentence that introduces an image with no words of its own: the last sentence of the block before it, or, past
    /// bare side labels ("**before**", "## After", "main:") and the other side's image, of the prose before those:
    /// "Flamegraphs of the app:" / "## Before" / image / "## After" / image.
    /// </summary>
    private static string IntroductionBefore(IReadOnlyList<TextBlock> blocks, int index)
    {
        for (var i = index - 1; i >= 0 && i >= index - 5; i--)
        {
            var text = blocks[i].Text.Trim();
            if (Sides.OfBareLabel(text) != Side.None || ImageOnly().IsMatch(text) || (blocks[i].Role == BlockRole.Heading && Sides.Of(text) != Side.None))
            {
                continue;
            }
            var sentences = Sentences.Of(blocks[i].Text).ToList();
            var last = sentences.LastOrDefault() ?? string.Empty;
            // "We used the framework's profiler. In the screenshots below you can see …:" — a sentence that only points
            // at the screenshots takes the tool from the sentence before it.
            return sentences.Count > 1 && last.TrimEnd().EndsWith(':') && PointsAtScreenshots().IsMatch(last)
                ? sentences[^2] + " " + last
                : last;
        }
        return string.Empty;
    }

    private static bool IntroducesProfile(string text)
    {
        var plain = Sentences.Plain(text);
        if (!ProfileWord().IsMatch(plain) && !ProfilerView().IsMatch(plain))
        {
            return false;
        }
        return !NotAProfile().IsMatch(plain) && !Absent().IsMatch(plain);
    }

    /// <summary>The text of the block up to the link: "Profiler capture, before:" for the image that follows it.</summary>
    private static string LeadText(TextBlock block, LinkReference link)
    {
        var at = link.Text.Length > 0 && !link.Text.Contains("://", StringComparison.Ordinal)
            ? block.Text.IndexOf(link.Text, StringComparison.Ordinal)
            : block.Text.IndexOf(link.Url, StringComparison.Ordinal);
        var lead = at >= 0 ? block.Text[..at] : block.Text;
        var lines = lead.Split('\n');
        return lines.Length > 0 ? lines[^1].Length > 0 ? lines[^1] : lead : lead;
    }

    /// <summary>
    /// The sentence that introduces a code block. A bare side label ("Before:") borrows the sentence before it:
    /// "Profiler output on my machine:" / "Before:" / the block.
    /// </summary>
    private static string LeadOf(CodeSnippet code, IReadOnlyList<TextBlock> blocks)
    {
        var lead = code.LeadSentence;
        if (Sides.OfBareLabel(lead) == Side.None)
        {
            return lead;
        }
        // Walk back from the block, so only the few blocks just before it are asked.
        for (var i = blocks.Count - 1; i >= 0; i--)
        {
            var b = blocks[i];
            if (b.Index >= code.Index || b.Role == BlockRole.Heading || b.Text.Equals(code.LeadIn, StringComparison.Ordinal))
            {
                continue;
            }
            if (Sides.Of(b.Text) == Side.None)
            {
                return (Sentences.Of(b.Text).LastOrDefault() ?? string.Empty) + " " + lead;
            }
        }
        return lead;
    }

    private static string? ProfilerOutput(CodeSnippet code, string lead)
    {
        var content = code.Content;
        if (content.Length == 0)
        {
            return null;
        }
        if (PprofTop().IsMatch(content))
        {
            return "pprof output";
        }
        if (PerfReport().IsMatch(content))
        {
            return content.TrimStart().StartsWith("==", StringComparison.Ordinal) ? "valgrind output" : "perf output";
        }
        if (Heaptrack().IsMatch(content))
        {
            return "heaptrack output";
        }
        if (AsyncProfiler().IsMatch(content))
        {
            return "async-profiler output";
        }
        if (PythonProfiler().IsMatch(content))
        {
            return "profiler output";
        }
        if (GprofTable().IsMatch(content))
        {
            return "gprof output";
        }
        if (ExplainAnalyze().IsMatch(content))
        {
            return "EXPLAIN ANALYZE output";
        }
        // A breakdown of one run's time by phase, module or step ("parsing  2.02", "lib/a.ts  ~237ms"), which the text
        // just before (or the block's own first line) calls timings or a breakdown: timing output, not a comparison.
        if (TimingWord().IsMatch(lead + " " + FirstLines(content)) && !Absent().IsMatch(lead) && !NotAProfile().IsMatch(lead) && IsTimingBreakdown(content))
        {
            return "timing output";
        }
        // Call stacks or timed frames that the text just before calls a trace, a profile or where the time goes.
        if (SampledWord().IsMatch(lead) && !Absent().IsMatch(lead) && !NotAProfile().IsMatch(lead) && LooksLikeFrames(content))
        {
            return "profiler output";
        }
        // A table of shares (functions with percentages) that the text just before calls a profile or a sample.
        if (!content.Contains('%', StringComparison.Ordinal) || content.Contains("ns/op", StringComparison.Ordinal) ||
            content.Contains("delta", StringComparison.Ordinal) || content.Contains("vs base", StringComparison.Ordinal) || BenchmarkStatistics().IsMatch(content))
        {
            return null;
        }
        if (!(SampledWord().IsMatch(lead) || SampledWord().IsMatch(FirstLines(content))) || Absent().IsMatch(lead))
        {
            return null;
        }
        var shareLines = content.Split('\n').Count(l => l.Contains('%', StringComparison.Ordinal) && ShareLine().IsMatch(l));
        return shareLines >= 3 ? "profiler output" : null;
    }

    /// <summary>
    /// Stack frames ("CA::Layer::display", "performWorkUntilDeadline()", "pkg/db.(*Conn).Query") with times or
    /// shares beside them, or a stack of three or more frames.
    /// </summary>
    private static bool LooksLikeFrames(string content)
    {
        var frames = 0;
        var timed = 0;
        foreach (var line in content.Split('\n').Take(200))
        {
            if (Frame().IsMatch(line))
            {
                frames++;
            }
            if (TimedLine().IsMatch(line))
            {
                timed++;
            }
        }
        return frames >= 3 || (frames >= 1 && timed >= 1);
    }

    /// <summary>
    /// Three or more lines that each give a named part its time or share, and nothing that marks a benchmark harness,
    /// a load test or the shell's <c>time</c> (those are measurements of the whole, read by the before/after item).
    /// </summary>
    private static bool IsTimingBreakdown(string content)
    {
        if (BenchmarkStatistics().IsMatch(content) || WholeRunOutput().IsMatch(content))
        {
            return false;
        }
        var parts = 0;
        foreach (var line in content.Split('\n').Take(200))
        {
            if (PartTime().IsMatch(line) && ++parts >= 3)
            {
                return true;
            }
        }
        return false;
    }

    private static IEnumerable<string> Messages(DescriptionDocument document)
    {
        var section = document.SectionsFor(ItemKind.Profile).FirstOrDefault();
        var mention = document.AllSentences.FirstOrDefault(s => MentionsProfiling().IsMatch(Sentences.Plain(s)));
        if (section is not null && (section.IsEmpty || Absent().IsMatch(section.Content.ToString())))
        {
            yield return $"The \"{section.Title}\" section has no profile attached: add the flamegraph, trace or profiler output that shows the bottleneck this change removes (Gate 3: \"Do not guess the bottleneck. Profile it.\").";
        }
        else if (mention is not null)
        {
            yield return $"The description mentions profiling (\"{Shorten(mention)}\") but attaches no profile: link the flamegraph, trace or pprof file, or paste the profiler output in a code block.";
        }
        else
        {
            yield return "No profile evidence found: attach a flamegraph, trace or profiler output showing the bottleneck this change removes.";
        }
    }

    private static string KindOf(string text)
    {
        var t = text.ToLowerInvariant();
        return t switch
        {
            _ when t.Contains("flame", StringComparison.Ordinal) => "flamegraph",
            _ when t.Contains("pprof", StringComparison.Ordinal) || t.Contains(".pb.gz", StringComparison.Ordinal) => "pprof",
            _ when t.Contains("speedscope", StringComparison.Ordinal) => "speedscope",
            _ when t.Contains("perfetto", StringComparison.Ordinal) => "Perfetto trace",
            _ when t.Contains("firefox", StringComparison.Ordinal) => "Firefox profile",
            _ when t.Contains("jaeger", StringComparison.Ordinal) || t.Contains("trace", StringComparison.Ordinal) => "trace",
            _ when t.Contains("pyroscope", StringComparison.Ordinal) => "Pyroscope profile",
            _ when t.Contains("heap", StringComparison.Ordinal) => "heap profile",
            _ when t.Contains("mutex", StringComparison.Ordinal) || t.Contains("contention", StringComparison.Ordinal) => "mutex profile",
            _ when t.Contains("performance panel", StringComparison.Ordinal) || t.Contains("devtools", StringComparison.Ordinal) => "DevTools profile",
            _ => "profile",
        };
    }

    private static string FileName(string url)
    {
        var path = url.Split('?', '#')[0];
        var slash = path.LastIndexOf('/');
        return slash >= 0 ? path[(slash + 1)..] : path;
    }

    private static bool Attachment(string url) => AttachmentUrl().IsMatch(url);

    private static string FirstLines(string text) => string.Join(' ', text.Split('\n').Take(2));

    internal static string Shorten(string text)
    {
        var t = text.Replace('\n', ' ').Trim();
        return t.Length <= 80 ? t : t[..77].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\b(?:" + Tools.ProfileArtifacts + "|" + Tools.Profilers + @"|flame|profil(?:e|er|es|ing)|tracing)(?![A-Za-z])|프로파일러|프로파일", RegexOptions.IgnoreCase)]
    private static partial Regex ProfileWord();

    [GeneratedRegex(@"\b(?:performance (?:panel|tab|recording|profile)|devtools performance|recording|capture[ds]?|sampl(?:ed|ing)|hot ?spots?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProfilerView();

    [GeneratedRegex(@"^(?!.*\b(?:graphs?|charts?|dashboards?|plots?|gráficos?)\b).*(?:\b(?:screen ?shots?|capturas?(?: de tela| de pantalla)?|images?|imagens|imágenes|pictures?)\b|スクリーンショット|截图|스크린샷)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex PointsAtScreenshots();

    // A block that is only an image (or a side label with its image): "main: ![before](…)".
    [GeneratedRegex(@"^(?:\S{1,20}:?\s*)?(?:!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ImageOnly();

    // The words "profile"/"trace" naming something that is not a profile of this change.
    [GeneratedRegex(@"\b(?:user profile|firefox profile|(?:baseline|build|release|debug) profiles?(?! of)|profile (?:card|page|picture|photo|settings|switch(?:ing)?)|browser profile|profile creation|trace[- ]?id|stack ?trace|traceback|trace processor|tracing (?:sdk|library|instrumentation)|add(?:s|ed)? (?:tracing|profiling)|profiling (?:instrumentation|tool|support))\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotAProfile();

    [GeneratedRegex(@"\b(?:no|not|without|n/a|none)\b[^.]{0,20}\b(?:capture|attached|profile|flamegraph|trace)|\bnot attached\b|\bno capture\b", RegexOptions.IgnoreCase)]
    private static partial Regex Absent();

    [GeneratedRegex(@"\b(?:profil(?:ed|ing|er)|flame ?graph|pprof|traced?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MentionsProfiling();

    [GeneratedRegex(@"(?:user-images\.githubusercontent\.com|/user-attachments/|/files/\d+/|\.(?:png|jpe?g|gif|svg|webp|zip|html)(?:$|[?#]))", RegexOptions.IgnoreCase)]
    private static partial Regex AttachmentUrl();

    [GeneratedRegex(@"\bflat%?\s+flat%\s+sum%\s+cum\s+cum%|Showing nodes accounting for", RegexOptions.IgnoreCase)]
    private static partial Regex PprofTop();

    // perf report's header, or its rows without one: shares, command, object, then "[.]" (user) or "[k]" (kernel) and the symbol
    // (with -g a row may open with the "+"/"-" that folds its call tree).
    [GeneratedRegex(@"^#\s*(?:Overhead|Samples:)|^\s*Children\s+Self\s+Command|^\s*Samples:\s+\d|^\s*[-+]?\s*\d+[.,]\d+%\s+(?:\d+[.,]\d+%\s+)?\S+\s+\S+\s+\[[.kgu]\]\s+\S|^\s*Performance counter stats for\b|^==\d+==\s+(?:I\s+refs|D\s+refs|Collected)\s*:", RegexOptions.Multiline)]
    private static partial Regex PerfReport();

    // heaptrack's summary lines: "1.20GB leaked over 48113 calls from", "peak heap memory consumption:".
    [GeneratedRegex(@"\b(?:leaked|allocated|peak) over \d+ calls from\b|^\s*peak heap memory consumption\b|^\s*calls to allocation functions\s*:", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex Heaptrack();

    [GeneratedRegex(@"---\s+\d+\s+(?:ns|samples)\s+\(\d+(?:\.\d+)?%\)|Total samples\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex AsyncProfiler();

    // cProfile/pstats, py-spy top, and line-level profilers (line_profiler, pprofile): "Line #  Hits  Time".
    [GeneratedRegex(@"ncalls\s+tottime\s+(?:\w+_)?percall\s+cumtime|%Own\s+%Total\s+OwnTime|Line #\s*\|?\s*Hits\s*\|?\s*Time\b", RegexOptions.IgnoreCase)]
    private static partial Regex PythonProfiler();

    // gprof's flat profile and call graph: "Flat profile:", "Each sample counts as 0.01 seconds.", "% cumulative self".
    [GeneratedRegex(@"^\s*Flat profile:|Each sample counts as \d|%\s+cumulative\s+self\b|^\s*Call graph \(explanation follows\)", RegexOptions.Multiline)]
    private static partial Regex GprofTable();

    [GeneratedRegex(@"\(actual time=\d|Execution Time:\s+\d|Planning Time:\s+\d", RegexOptions.IgnoreCase)]
    private static partial Regex ExplainAnalyze();

    // "foo()", "A::b", "pkg.(*T).m", "at a.b.c(", "mod!fn", or a qualified name followed by its time ("Mod.Sub.fn   48,499ms").
    [GeneratedRegex(@"[A-Za-z_]\w*(?:\(\)|::\w+|\.\(\*?\w+\)\.\w+)|^\s*(?:at\s+)?[\w$]+(?:\.[\w$<>]+){2,}(?:\(|\s{2,}\d)|^\s*(?:\d+\s+)?[\w.]+!\w+")]
    private static partial Regex Frame();

    [GeneratedRegex(@"\b(?:total|self|count|max|samples?|wall|cpu)\b\s*:?\s*\d[\d.,]*\s?(?:ms|µs|us|s|%)?|\d[\d.,]*\s?(?:ms|µs|us|%)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimedLine();

    [GeneratedRegex(@"[A-Za-z_][\w:./<>-]+.*\b\d+(?:\.\d+)?%|\b\d+(?:\.\d+)?%.*[A-Za-z_][\w:./<>-]{3,}")]
    private static partial Regex ShareLine();

    // A benchmark harness's statistics ("Time (mean ± σ)", "(min … max)", "samples with 991 evaluations"): timings of
    // repeated runs, not where the time goes.
    [GeneratedRegex(@"mean\s*±\s*σ|\(min\s*…\s*max\)|samples? with \d+ evaluations|\bMode\s+Cnt\s+Score\b", RegexOptions.IgnoreCase)]
    private static partial Regex BenchmarkStatistics();

    // Timings as something measured ("per-stage timings", "timing output of", "launch timing from #12"), not as
    // something configured ("timing settings", "timings we configured").
    [GeneratedRegex(@"^(?!.*\b(?:config\w*|settings?|defaults?|timeouts?|set to)\b).*(?:\b(?:timings|timing (?:output|breakdown|report|log|data|from|of|for)|time breakdown|breakdown of (?:the )?time|time (?:spent )?per (?:phase|stage|step|module|pass))\b|耗时|소요 시간)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TimingWord();

    // "parsing ... 2.02", "cnt: 1 sum: 0.03", "lib/a.ts   ~237ms  import": a name, then (after a colon or a wide gap)
    // a number with an optional time unit or percent sign.
    [GeneratedRegex(@"^\s*[A-Za-z_./@][^\d\n]{1,60}?(?::\s*|\s{2,}|\t)~?\d[\d.,]*\s?(?:" + Units.TimeInProse + @"|%)?(?![\w/])", RegexOptions.IgnoreCase)]
    private static partial Regex PartTime();

    // Output about a whole run: ns/op, throughput, request latencies, the shell's real/user/sys and GNU time's -v report.
    [GeneratedRegex(@"ns/op|ops/s|req(?:uest)?s?/s(?:ec)?|\bRequests/sec\b|^\s*real\s+\d|Command being timed|Elapsed \(wall clock\)|Maximum resident set size|\bLatency\s+\d|\bThroughput\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex WholeRunOutput();

    [GeneratedRegex(@"\b(?:sampl(?:ed|ing|es?)|profil(?:e|er|ed|ing)|hot ?spots?|capture[ds]?|zone statistics|trac(?:e|es|ing)|spans?|breakdown|where the time goes|call ?stacks?|stacks?|" + Tools.ProfileArtifacts + "|" + Tools.Profilers + @")(?![\w-])", RegexOptions.IgnoreCase)]
    private static partial Regex SampledWord();
}
