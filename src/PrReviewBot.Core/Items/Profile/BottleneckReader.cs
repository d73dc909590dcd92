using System.Buffers;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Items.Profile;

/// <summary>
/// Reads what the description says the bottleneck is, in the classes of the process's Gate 3 table: CPU, I/O,
/// memory pressure, contention, external dependency. A class counts only in a sentence that talks about cost
/// ("dominates", "spent in", "bottleneck", "blocked on", "N+1", "contention"...).
/// </summary>
internal static partial class BottleneckReader
{
    public static IEnumerable<BottleneckClass> Read(DescriptionDocument document) =>
        Read(document.AllPlainSentences.Concat(document.CodeBlocks.Select(c => Sentences.Plain(c.LeadIn))));

    /// <summary>The classes named in these plain sentences only (gate mode reads the profiling statements, not the whole issue).</summary>
    public static IReadOnlyList<BottleneckClass> Read(IEnumerable<string> plainSentences)
    {
        var found = new List<BottleneckClass>();
        foreach (var text in plainSentences)
        {
            if (!Cues.Any(text, Cues.CostWords) || !CostCue().IsMatch(text))
            {
                continue;
            }
            Add(found, ContentionStems, Contention(), text, BottleneckClass.Contention);
            Add(found, IoStems, Io(), text, BottleneckClass.Io);
            Add(found, MemoryStems, Memory(), text, BottleneckClass.Memory);
            Add(found, ExternalStems, External(), text, BottleneckClass.ExternalDependency);
            Add(found, CpuStems, Cpu(), text, BottleneckClass.Cpu);
        }
        return found;
    }

    public static string Name(BottleneckClass c) => c switch
    {
        BottleneckClass.Cpu => "CPU",
        BottleneckClass.Io => "I/O",
        BottleneckClass.Memory => "memory pressure",
        BottleneckClass.Contention => "contention",
        BottleneckClass.ExternalDependency => "external dependency",
        _ => c.ToString(),
    };

    private static readonly SearchValues<string> ContentionStems = Stems("lock", "mutex", "contention", "contended", "latch", "synchroni", "atomic");
    private static readonly SearchValues<string> IoStems = Stems("i/o", "io-bound", "io bound", "database", "db", "sql", "quer", "select", "n+1", "round", "network", "disk", "redis", "postgres", "mysql", "fetch", "blocked on", "wall", "storage", "s3", "cache miss");
    private static readonly SearchValues<string> MemoryStems = Stems("alloc", "gc", "garbage", "heap", "memory", "oom", "rss", "working set", "buffer");
    private static readonly SearchValues<string> ExternalStems = Stems("upstream", "downstream", "external", "third", "dependency", "span breakdown", "remote", "vendor");
    private static readonly SearchValues<string> CpuStems = Stems("cpu", "marshal", "serializ", "encod", "decod", "pars", "regex", "hash", "comput", "evaluat", "main thread", "scripting", "render", "pipeline", "instruction", "loop", "copy", "copying", "sort", "trap");

    private static SearchValues<string> Stems(params string[] stems) => SearchValues.Create(stems, StringComparison.OrdinalIgnoreCase);

    private static void Add(List<BottleneckClass> found, SearchValues<string> stems, Regex regex, string text, BottleneckClass c)
    {
        if (!found.Contains(c) && text.AsSpan().ContainsAny(stems) && regex.IsMatch(text))
        {
            found.Add(c);
        }
    }

    [GeneratedRegex(@"\b(?:bottleneck|dominat\w*|spen[dt]s?|spending|hot ?path|hot ?spots?|slow(?:est|er|s)?|expensive|cost(?:s|ly)?|bound|blocked|block(?:s|ing)|wait(?:s|ing)?|time(?:s)? out|timing out|limit(?:s|ed|ing)?|caps?|share of|% of|pointed (?:at|to)|shows?|showed|profile|flame ?graph|trace|contention|contended|n\+1|round[- ]trips?|pressure|churn|allocat\w+|stall\w*|trap\w*|re-?render\w*|jank|where the time goes|(?:most|much|half|the bulk|the majority|\d+\s?%)\s+of\s+(?:the|its|our)\s+(?:time|cpu|samples|wall[- ]?clock|runtime)|(?:went|goes|going) into|more frequent|too many|too often|because|the problem|the issue|the cause|caused by)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CostCue();

    [GeneratedRegex(@"\b(?:lock(?:s|ing)?|mutex\w*|rwmutex|contention|contended|latch(?:es)?|synchroni[sz]\w+|spin ?lock|lock-free|atomic)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Contention();

    [GeneratedRegex(@"\b(?:i/o|io[- ]bound|database|db|sql|quer(?:y|ies)|select|n\+1|round[- ]trips?|network|disk|redis|postgres\w*|mysql|fetch(?:es|ing)?|blocked on|wall[- ]clock|storage|s3|cache miss(?:es)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Io();

    [GeneratedRegex(@"\b(?:allocat\w+|allocs?|gcs?|garbage|heap|memory|oom|rss|working set|buffers?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Memory();

    [GeneratedRegex(@"\b(?:upstream|downstream|external (?:service|api|dependency|call)|third[- ]party|dependency|span breakdown|remote (?:service|call)|vendor api)\b", RegexOptions.IgnoreCase)]
    private static partial Regex External();

    [GeneratedRegex(@"\bcpu\b|\b(?:marshal\w*|unmarshal\w*|serializ\w+|deserializ\w+|encod\w+|decod\w+|pars(?:e|ing)|regexp?|hash(?:ing)?|compute|computation|(?:re-?)?evaluat\w+|main thread|scripting|re-?render\w*|pipeline|instructions?|hot loop|tight loop|copy(?:ing)?|sort(?:ing)?|traps?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cpu();
}
