using System.Text.RegularExpressions;
using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// Gate 3 evidence that is measured rather than reasoned: a query plan with row counts (EXPLAIN output, or a table of
/// the planner's estimates against actual rows), lock stacks (threads parked in a mutex wait, from a stack sampler),
/// counted duplicate calls ("the debug toolbar counts about 13,000 queries for that one request"), a measured breakdown
/// ("accounts for 95% of DB load", "the trace breakdown puts the time in ...") and trace or APM views. Reading the
/// code ("wmu.Lock() — 15 call sites"), a plan to profile ("capture where the time goes") or a hunch is none of these.
/// </summary>
internal static partial class MeasuredArtifacts
{
    /// <summary>What was measured, quoted, in the order found; empty when nothing was.</summary>
    public static IReadOnlyList<string> Find(IReadOnlyList<IssueSentence> sentences, DescriptionDocument document)
    {
        var found = new List<string>();
        foreach (var code in document.CodeBlocks)
        {
            if (QueryPlan().Match(code.Content) is { Success: true } plan)
            {
                found.Add("query plan: " + FirstLine(code.Content, plan.Index));
            }
            else if (LockStack().Match(code.Content) is { Success: true } stack)
            {
                found.Add("lock stack: " + FirstLine(code.Content, stack.Index));
            }
        }
        foreach (var table in document.Tables)
        {
            var header = string.Join(" | ", table.Header);
            if (RowsHeader().IsMatch(header) && EstimateHeader().IsMatch(header))
            {
                found.Add("query plan estimates against actual rows: | " + header + " |");
            }
            else if (QueryCountHeader().IsMatch(header) && table.Rows.Any(r => r.Any(Cues.HasDigit)))
            {
                found.Add("counted queries: | " + header + " |");
            }
        }
        foreach (var s in sentences)
        {
            var text = s.Text;
            if (s.IsQuestion || Planned().IsMatch(text) || ProfileStatements.IsGuess(text))
            {
                continue;
            }
            if (CountedQueries().IsMatch(text) && !CodeReading().IsMatch(text))
            {
                found.Add(text);
            }
            else if (MeasuredSource().IsMatch(text) && (WhereTimeGoes().IsMatch(text) || Cues.HasDigit(text) || Attached().IsMatch(text)))
            {
                found.Add(text);
            }
            else if (LoadShare().IsMatch(text))
            {
                found.Add(text);
            }
        }
        // A measurement named in one place and its reading in another ("(New Relic breakdown around the deploy)" ...
        // "Time spent in Ruby more than doubled"; "I benchmarked the storage side: 11 s" ... "most of the time goes
        // into listing from etcd"): the pairing counts wherever the two sit in the issue.
        var source = sentences.FirstOrDefault(s => !s.IsQuestion && !Planned().IsMatch(s.Text) && (MeasuredSource().IsMatch(s.Text) || MeasuredVerb().IsMatch(s.Text) && Cues.HasDigit(s.Text)));
        var reading = sentences.FirstOrDefault(s => !s.IsQuestion && !ProfileStatements.IsGuess(s.Text) && !Planned().IsMatch(s.Text) && TimeGoes().IsMatch(s.Text));
        if (found.Count == 0 && source is not null && reading is not null)
        {
            found.Add(reading.Text);
        }
        return found.Distinct().ToList();
    }

    /// <summary>True when a profile statement names real profiling (not "profile" as a word in a product name) and is not a plan.</summary>
    public static bool NamesProfiling(string text) => MeasuredSource().IsMatch(text) && !Planned().IsMatch(text);

    private static string FirstLine(string content, int index)
    {
        var start = content.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = content.IndexOf('\n', index);
        return content[start..(end < 0 ? content.Length : end)].Trim();
    }

    [GeneratedRegex(@"\b(?:actual (?:time=[\d.]+\.\.[\d.]+ )?rows=\d+|rows=\d+ (?:loops|width)=\d+|Buffers: shared (?:hit|read)=\d+)|\b(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|Nested Loop|Hash Join)\b[^\n]*\brows=\d+", RegexOptions.IgnoreCase)]
    private static partial Regex QueryPlan();

    [GeneratedRegex(@"\b(?:__lll_lock_wait|pthread_mutex_lock|futex_wait\w*|sync\.\(\*(?:RW)?Mutex\)\.(?:R)?Lock|runtime\.semacquire\w*|Monitor\.(?:Enter|Wait)|parking to wait for|waiting to lock|LockSupport\.park)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LockStack();

    [GeneratedRegex(@"\b(?:actual )?rows\b", RegexOptions.IgnoreCase)]
    private static partial Regex RowsHeader();

    [GeneratedRegex(@"\b(?:estimate[sd]?|planner|reltuples|plan)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EstimateHeader();

    [GeneratedRegex(@"\b(?:queries per|query count|number of queries|sql queries|db calls)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QueryCountHeader();

    // "counts about 13,000 queries for that one request", "close to 6,000 queries for that single page view",
    // "about 301 SQL queries per call", "per-page query counts captured with ...".
    [GeneratedRegex(@"\b\d[\d,.]*\s?[kK]?\s+(?:sql |db |database |redundant |duplicate )?(?:queries|selects|round[- ]trips|db calls|database calls)\s+(?:for|per|on|in)\s+(?:that |this |one |a |each |every |the )?(?:single |one )?(?:\w+ )?(?:request|page|page view|view|call|search|load|render)\b|\bquery counts? (?:captured|measured|recorded|logged)\b|\b(?:counts?|counted|logs?|logged|shows?|showed|captured|recorded)\s+(?:about |close to |over |nearly |roughly |~)?\d[\d,.]*\s?[kK]?\s+(?:sql )?queries\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountedQueries();

    // "15 call sites", "the loop runs 288 times": counted by reading the code.
    [GeneratedRegex(@"\bcall[- ]sites?\b|\b(?:in|from) the (?:source|code)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodeReading();

    [GeneratedRegex(@"\b(?:profil(?:ing|ed|er)\b|(?:cpu|heap|mutex|block|lock|allocation|alloc|wall[- ]clock|database|db|query|start-?up|memory) profiles?\b|the profile (?:shows|says|puts|points)|flame ?graphs?|flame ?charts?|pprof|poor man's profiler|pmp\b|traces?\b|tracer|tracing\b|span trees?|spans\b|apm\b|new relic|datadog|honeycomb|sentry transaction|logfire|debug toolbar|sql panel|query log|slow ?query log|pg_stat_statements|explain analy[sz]e|breakdown)|\b(?:" + Tools.Profilers + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex MeasuredSource();

    [GeneratedRegex(@"\b(?:puts? the time|where the time goes|time (?:is )?spent|spends?|spent|dominat\w+|accounts? for|most of the (?:time|cpu|allocations)|nearly all|almost all|essentially all|all (?:of )?the time|is in\b|are in\b|shows?|showed|show the same|took|takes|averaged|contention|allocat\w+|blocked|waiting|hot(?:test)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhereTimeGoes();

    [GeneratedRegex(@"\b(?:attached|screenshot|linked|see the (?:graph|trace|profile))\b|\.pb(?:\.gz)?\b|\.svg\b", RegexOptions.IgnoreCase)]
    private static partial Regex Attached();

    [GeneratedRegex(@"\b(?:benchmarked|measured|timed|instrumented)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MeasuredVerb();

    [GeneratedRegex(@"\b(?:most of the (?:time|cost|start-?up cost|latency|cpu)|(?:the )?time (?:goes|is spent|spent) (?:in|into|on)|time spent in|puts? the time in|(?:nearly|almost) all of the time)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimeGoes();

    // "It accounts for 95% of DB load", "74% of the time ... inside it 60% MySQL".
    [GeneratedRegex(@"\b(?:accounts? for|takes?|uses?|is)\s+(?:about |~|nearly |over )?\d{1,3}(?:\.\d+)?\s?% of (?:the )?(?:db|database|cpu|total|wall|request|all)?\s?(?:load|time|cpu)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LoadShare();

    // A profile or trace that is still to be taken: "Profile first: capture where the ~10 s goes", "take start-up profiles".
    [GeneratedRegex(@"\b(?:capture|take|run|collect|get|add|will|would|should|next steps?|need to|needs to|plan to|going to|if a (?:profile|trace)|todo|tbd|put the profile)\b[^.]{0,40}\b(?:profil\w*|traces?|flame ?graphs?|pprof|apm)\b|\b(?:profile|trace) first\b|\bhaven'?t (?:profiled|traced)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Planned();
}
