namespace PrReviewBot.Core.Vocabulary;

/// <summary>
/// How people say a change makes something faster, cheaper or smaller — and how they say a change is only about
/// performance without being an optimization (benchmarks, dashboards, budgets). Regular-expression alternations, in
/// the languages descriptions are written in.
/// </summary>
internal static class Improvement
{
    /// <summary>Verbs of making a cost smaller.</summary>
    public const string DecreaseVerbs =
        "shorten(?:s|ed|ing)?|reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|cut(?:s|ting)?|decreas(?:e|es|ed|ing)|halv(?:e|es|ed|ing)|shrink(?:s|ing)?|shrunk|" +
        "trim(?:s|med|ming)?|slim(?:s|med|ming)?|minimi[sz](?:e|es|ed|ing)|avoid(?:s|ed|ing)?|sav(?:e|es|ed|ing)|shav(?:e|es|ed|ing)|eliminat(?:e|es|ed|ing)|" +
        "drop(?:s|ped|ping)?|remov(?:e|es|ed|ing) (?:unnecessary|redundant|extra|needless|duplicate)|fewer|less";

    /// <summary>What a performance change makes smaller: time, memory, work, size.</summary>
    public const string CostNouns =
        "allocations?|allocs|latency|latencies|memory|mem|ram|rss|heap|cpu|time|times|overhead|garbage|gc|contention|re-?renders?|rebuilds?|recompositions?|reflows?|repaints?|" +
        "re-?rendering|size|bundle|payload|page load|load time|build time|compile[- ]time|wall[- ]?clock|round[- ]?trips|queries|" +
        "startup|start-up|copies|copying|syscalls?|system calls|lookups|i/o|io|disk (?:reads|writes|usage)|network|bandwidth|" +
        "footprint|cost|costs|work|calls|requests|scans|locks?|lock hold time|blocking|sql|statements|polling|polls|wake-?ups|boot time|compute|" +
        "jank|stutter|frame time|binary size|image size|download size|cold start|p\\d{2}|tail latency|" +
        // web vitals, and reads or writes a change does fewer of
        "lcp|fcp|tti|tbt|inp|ttfb|largest contentful paint|first contentful paint|time to interactive|total blocking time|" +
        "reads|writes|fetches|(?:[\\w-]+ )?(?:reads|writes)|" +
        // CI and test time, and what a run takes: "shorten the slowest CI test suites", "reduce runtime of tests"
        "ci (?:time|runs?|jobs?|pipelines?)|(?:test |ci )?suites?|test (?:runs?|time)|pipelines?|" +
        "run ?time(?! (?:dependenc\\w*|deps|errors?|exceptions?|checks?|types?|config\\w*|librar\\w*|environments?|versions?|image))|" +
        "(?:docker|container|base|oci) images?";

    /// <summary>
    /// The same in the other languages descriptions are written in: a cost named with a verb that makes it smaller, in
    /// either order ("クエリを削減", "减少内存分配", "메모리 사용량 감소", "reduce las consultas", "verringert den Speicherbedarf").
    /// </summary>
    public const string DecreaseCostForeign =
        "(?:" + CostNounsForeign + ")[^。.\\n]{0,15}?(?:削減|減ら|減少|短縮|軽減|低減|减少|降低|缩短|减小|줄이|줄였|감소|단축|절감)|" +
        "(?:削減|減少|短縮|軽減|低減|减少|降低|缩短|减小|줄이|감소|단축|절감)[^。.\\n]{0,10}?(?:" + CostNounsForeign + ")|" +
        "\\b(?:reduc|reduz|rédui|réduct|verringer|reduzier|disminu|diminu|minimi[zs])\\w*\\b[^.\\n]{0,40}?\\b(?:" + CostNounsRomance + ")\\b|" +
        // Russian: "сокращает число запросов", "запросов стало вдвое меньше"
        "(?:сокра[тщ]|уменьш|сниж|сниз)\\w*[^.\\n]{0,30}?(?:" + CostNounsRussian + ")|(?:" + CostNounsRussian + ")[^.\\n]{0,40}?меньше";

    private const string CostNounsRussian = "запрос\\w*|транзакц\\w*|памят\\w*|задержк\\w*|аллокац\\w*|нагрузк\\w*|времени|время";

    private const string CostNounsForeign =
        "クエリ|メモリ|レイテンシ|遅延|処理時間|読み込み時間|起動時間|実行時間|アロケーション|通信|負荷|" +
        "查询|内存|耗时|延迟|时延|开销|分配|请求数|쿼리|메모리|지연|할당|실행\\s?시간|로딩\\s?시간|응답\\s?시간";

    private const string CostNounsRomance =
        "consultas?|memoria|memória|mémoire|latencias?|latências?|latences?|tiempos? de (?:carga|respuesta|ejecución)|tempos? de (?:carga|resposta|execução)|" +
        "temps de (?:chargement|réponse|calcul)|requêtes|requisições|peticiones|asignaciones|alocações|allocations|" +
        "speicher\\w*|latenz\\w*|abfragen|laufzeit|ladezeit|allokationen";

    /// <summary>Verbs of making a rate or speed larger.</summary>
    public const string IncreaseVerbs = "improv(?:e|es|ed|ing|ements?)|increas(?:e|es|ed|ing)|boost(?:s|ed|ing)?|rais(?:e|es|ed|ing)|doubl(?:e|es|ed|ing)|higher|better";

    public const string SpeedNouns = "performance|perf|throughput|speed|startup|start-up|efficiency|hit rate|cache hits|fps|frame rate|qps|rps";

    /// <summary>Direct claims: optimize, speed up, faster, N× faster, more efficiently.</summary>
    public const string Claims = ClaimsWords + "|" + ClaimsResults;

    /// <summary>
    /// <see cref="Claims"/> in two parts, each a pattern of its own whose matcher the JIT still optimizes (see
    /// docs/PERFORMANCE.md, ninth session): the claim words (optimize, speed up, faster, lazy loading).
    /// </summary>
    public const string ClaimsWords =
        // "optimizing compilers", "optimizer passes" name parts of a compiler, not a claim
        // "I need to optimize its query before we merge": work still to do is not what the change does
        // (the look back starts after the literal "optimi", so it costs nothing where the word is absent)
        "optimi(?<!(?:need|needs|have|has|want|wants|plan|plans|going|ought|try|tries) to optimi|(?:should|will|must|could|might|would|can|may) (?:still |also )?optimi)" +
        "[sz](?:e|es|ed|ing)(?! (?:compilers?|tiers?|pass(?:es)?|jits?|builds?|flags?|levels?))|speed(?:s|ing|ed)?[ -]?up|speedups?|(?:faster|quicker)(?! ways? to| to (?:set up|write|review|debug|find|read|learn|navigate|onboard))|cheaper|leaner|lighter|" +
        "more efficient(?:ly)?|efficiently|(?<!\\b(?:no|any|without|zero) )(?:perf(?:ormance)?|speed) (?:improvement|optimi[sz]ation|fix|win|boost|benefit|gain)s?|hot ?path|" +
        "lazy[- ]?load(?:s|ed|ing)?|defer(?:s|red|ring)? (?:the )?(?:loading|initiali[sz](?:ation|ing)|parsing|fetching|computing|rendering)\\b[^.\\n]{0,60}?\\buntil\\b";

    /// <summary>The second part of <see cref="Claims"/>: a time or latency improved, N+1, ratios and factors, artefacts made smaller.</summary>
    public const string ClaimsResults =
        // "Improve `Pages#show` response time": improving a time or a latency is making it smaller
        "improv(?:e|es|ed|ing)\\s+(?:the\\s+)?(?:[\\w`#.:/'’-]+\\s+){0,3}?(?:(?:response|load|loading|build|boot|render(?:ing)?|startup|page[- ]load|query|run|execution|compile|wait) times?|latenc(?:y|ies)|memory (?:usage|use|footprint)|allocations|allocs|cpu usage)|eager[- ]?load(?:s|ed|ing)?|\\d*n\\+1|n \\+ 1(?= (?:quer|problem|issue|select|fetch|[가-힣]|[\\u3040-\\u30ff]|[\\u4e00-\\u9fff]))|\\d+(?:\\.\\d+)?\\s?(?:x|×) (?:faster|quicker|speed-?up|throughput|fewer|less|smaller)|" +
        "\\d+(?:\\.\\d+)?\\s?% (?:faster|quicker|less|fewer|smaller|lower|reduction|speed-?up|improvement)|" +
        // a speed-up told as a factor: "improves that by roughly a factor of 3", "faster by a factor of ~2"
        "(?:improv(?:e|es|ed|ing)|speed(?:s|ed|ing)? (?:\\w+ )?up|faster|quicker|reduc(?:e|es|ed|ing)|cut(?:s|ting)?)\\b[^.\\n]{0,30}?\\bby (?:(?:" + Units.Approximately + ")\\s*)*(?:a )?factor of ~?\\d|" +
        // a shipped artefact made smaller: "makes the release tarball smaller", "a smaller wheel"
        "mak(?:e|es|ing)\\s+(?:the\\s+|our\\s+|its\\s+|their\\s+)?(?:[\\w-]+\\s+){0,2}?(?:" + ShippedArtefacts + ")\\s+(?:much\\s+|a lot\\s+|a bit\\s+)?smaller\\b|" +
        "smaller\\s+(?:(?!(?:ones?|and|or|than)\\s)[\\w-]+\\s+)?(?:bundles?|binar(?:y|ies)|downloads?|zips?|archives?|tarballs?|wheels?|jars?|apks?|ipas?|payloads?|installers?|(?:docker|container|oci) images?)\\b";

    /// <summary>What a build ships, whose size a change can bring down (pictures excluded: "smaller images" is often layout).</summary>
    private const string ShippedArtefacts =
        "bundles?|binar(?:y|ies)|packages?|zips?|zip ?files?|archives?|tarballs?|artifacts?|artefacts?|deployments?|deployment packages?|downloads?|" +
        "installs?|installers?|wheels?|jars?|apks?|ipas?|payloads?|(?:docker|container|oci) images?|layers?";

    /// <summary>A result told as a ratio: "2.2x better", "60% reduction", "3× faster".</summary>
    public const string RatioResult =
        "\\d+(?:\\.\\d+)?\\s?(?:x|×|%)\\s+(?:better|faster|quicker|fewer|less|smaller|lower|improvement|reduction|decrease|speed-?up)\\b";

    /// <summary>Doing less work: once instead of every time, only what is needed, no re-runs.</summary>
    public const string LessWork = LessWorkSaved + "|" + LessWorkAvoided;

    /// <summary>
    /// <see cref="LessWork"/> in two parts, each a pattern of its own whose matcher the JIT still optimizes (see
    /// docs/PERFORMANCE.md, ninth session): a cost saved with its amount, work off the waited path, a bound, once instead of each time.
    /// </summary>
    public const string LessWorkSaved =
        // a cost saved with the amount stated beside it: "saves roughly 300 ms of start-up time", "saving a lot of CPU time (2 s on …)"
        "(?:sav|shav)(?:e|es|ed|ing)\\s+(?:(?:about|around|roughly|nearly|almost|over|up to|some|~)\\s*)?\\d[\\d.,]*\\s?(?:ms|µs|us|s|secs?|seconds?|minutes?|mins?|[KMG]i?B|kB|%)\\s+(?:of|off)\\s+(?:the\\s+|our\\s+|its\\s+)?(?:" + MachineCosts + ")\\b|" +
        "(?:sav|shav)(?:e|es|ed|ing)\\b[^.\\n]{0,40}?\\b(?:" + MachineCosts + ")\\b[^.\\n]{0,20}?\\((?:(?:about|around|roughly|nearly|over|up to|~)\\s*)?\\d[\\d.,]*\\s?(?:ms|µs|us|s|secs?|seconds?|minutes?|mins?|[KMG]i?B|kB|%)(?![\\w/])|" +
        // work moved off the path that is waited on: "off the critical path", "off the main thread"
        "(?:off|out of) (?:the )?(?:critical|hot|main|request|render|ui) (?:path|thread|loop)|" +
        // a cost brought under a bound: "get memory below 1 GB", "keep the bundle under 200 kB"
        "(?:get|gets|getting|keep|keeps|keeping|bring|brings|bringing)\\s+(?:[\\w-]+\\s+){0,3}?(?:below|under|within)\\s+~?\\d[\\d.,]*\\s?(?:[KMGT]i?B|kB|ms|s|sec|seconds|minutes?|min|%)\\b|" +
        "(?:only )?once (?:per \\w+ )?instead of|" +
        // work done in bulk instead of piece by piece: "copies whole runs instead of checking bit by bit", "instead of one at a time"
        "instead of\\b[^.\\n]{0,30}?\\b(?:(?<unit>bit|byte|row|line|item|element|entry|record|char|character|page|file|key|one|node|chunk|block|message|request|query|frame) by \\k<unit>|one at a time)\\b|instead of (?:on |for |in )?(?:every|each|per)\\b|instead of \\w+ing\\b[^.\\n]{0,30}?\\b(?:on|for|in) (?:every|each)\\b|instead of (?:\\w+ing )?(?:and \\w+ing )?(?:the )?(?:whole|entire|full|complete|all)\\b";

    /// <summary>The second part of <see cref="LessWork"/>: no re-runs, caching, fewer operations, batching, background work, waste removed.</summary>
    public const string LessWorkAvoided =
        "(?:don't|do not|doesn't|does not|avoid|avoids|skip|skips|stop|stops|no longer|never) (?:re-?|redundant(?:ly)? |repeated(?:ly)? )(?:run|comput|render|fetch|load|read|pars|query|sync|buil[dt]|allocat|copy|walk|scan|evaluat|calculat|initiali[sz]|creat|serializ|sort)\\w*|" +
        "(?:memoi[sz]|cach|precomput|reus)(?:e|es|ed|ing)\\b[^.\\n]{0,40}\\binstead of (?:re-?)?(?:comput|calculat|fetch|load|read|pars|query|creat|build)\\w*|" +
        // "cuts the number of aggregations per request", "the first share no longer causes a visible hitch"
        "(?:cut(?:s|ting)?|reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|halv(?:e|es|ed|ing))\\s+(?:the\\s+)?(?:number|count) of [\\w-]+(?:\\s+[\\w-]+)?\\s+(?:per|for each|on each|on every|in each) \\w+|" +
        "no longer (?:causes?|shows?|has|gives?|triggers?) (?:a |an |any )?(?:\\w+ )?(?:hitch(?:es)?|jank|stutter|lag|freeze|stall|pause|delay)s?\\b|" +
        // "Insert many rows in a single query", "send the ids in one request"
        "(?:in|with|into|as|through) (?:a single|one) (?:query|statement|request|call|round[- ]?trip|batch|pass|transaction|write)\\b|" +
        // work moved to a thread no one waits on: "Capture profiles on a BG thread"
        "(?:on|to|in|onto) (?:a |the )?(?:background|bg|worker|separate|dedicated) (?:thread|queue|task|worker|job)s?\\b|" +
        // "Disable scheduler busy waiting", "stop polling the queue": waiting that burns CPU, taken away
        "(?:disabl|remov|eliminat|avoid|stop|drop|turn(?:s|ed|ing)? off|switch(?:es|ed|ing)? off)\\w*\\s+(?:[\\w-]+\\s+){0,3}?(?:busy[- ]?wait\\w*|spin[- ]?wait\\w*|busy[- ]?(?:loop|poll)\\w*|spinning)\\b|" +
        // "Remove some Task allocations from the handler": what is removed is pure cost
        "(?:remov|eliminat)(?:e|es|ed|ing)\\s+(?:[\\w-]+\\s+){0,3}?(?:allocations?|allocs|boxing|copies|syscalls|round[- ]trips)\\b|" +
        // "saves opening and closing a connection per request"
        "sav(?:e|es|ed|ing) \\w+ing\\b[^.\\n]{0,40}?\\b(?:per|for each|on each|on every|for every) (?:request|call|query|row|item|page|frame|iteration|message|event|job)\\b";

    /// <summary>What a machine spends (not people's time: "saves ten minutes of setup" is not an optimization).</summary>
    private const string MachineCosts =
        "cpu(?: time)?|memory|ram|rss|heap|allocations?|latency|bandwidth|disk(?: space| i/o)?|i/o|network|gc(?: time)?|" +
        "(?:build|boot|startup|start-up|load|loading|ci|run|compile|response|render|query|request|execution|wall[- ]?clock|processing) time|p\\d{2}";

    /// <summary>Work now done once: "the result is now read once into a static", "parsed only once".</summary>
    public const string DoneOnce =
        "(?:read|comput|load|fetch|pars|resolv|evaluat|calculat|creat|buil|initiali[sz]|look)\\w*\\s+(?:up\\s+)?(?:\\w+\\s+)?(?:only\\s+)?once\\b(?! (?:more|again))";

    /// <summary>A cost named first, then how it went down: "CPU went down a little", "allocations dropped".</summary>
    public const string CostWentDown = "(?:went|goes|gone|go) down|dropped|drops|fell|decreased|(?:is|are|was|were) (?:lower|reduced|smaller)";

    /// <summary>A title that takes on slowness: "Fix slow People page", "Workaround for slowdown spikes".</summary>
    public const string FixesSlowness =
        // "Fix checkout page performance", "fixes the search performance": the performance of a thing is what is fixed (not a
        // performance test, suite or dashboard)
        "fix(?:es|ed|ing)?\\s+(?:the\\s+)?(?:[\\w`#./-]+\\s+){1,4}?(?:perf|" + PerformanceSpelt + ")\\b(?!\\s+(?:tests?|suites?|benchmarks?|dashboards?|metrics?|monitor\\w*|ci|jobs?|reports?|runs?|harness)\\b)|" +
        "(?:fix(?:es|ed|ing)?|workaround|work around|avoid(?:s|ing)?|prevent(?:s|ing)?|address(?:es|ing)?|mitigat(?:e|es|ing)|resolv(?:e|es|ing))\\b" +
        "[^.\\n]{0,40}?\\b(?:slow(?:ness|downs?)?|sluggish\\w*|latency spikes?|hitch(?:es|ing)?|hitch time|jank\\w*|stutter\\w*|oom(?:s|-?kill\\w*)?|out[- ]of[- ]memory|cls|lcp|inp|(?:cumulative )?layout shifts?|(?:perf|" + PerformanceSpelt + "|speed|latency|throughput) (?:regressions?|problems?|issues?|bottlenecks?))\\b";

    /// <summary>
    /// A fix whose whole subject is the size of what is built or shipped: "fix: wasm bundle size", "Fix the APK size".
    /// Read on the whole title, the commit type being the verb.
    /// </summary>
    public const string FixesSize =
        "^\\s*fix(?:es|ed)?(?:\\([^)]*\\))?!?:?\\s+(?:the\\s+)?(?:[\\w.-]+\\s+){0,2}?(?:build|bundle|binary|image|package|deployment|function|lambda|apk|app|wheel|artifact) sizes?(?: limits?)?\\s*$";

    /// <summary>"performance" as titles spell it, typos included: "performace", "perfomance", "performnace", "preformance".</summary>
    public const string PerformanceSpelt = "p(?:er|re)f(?:or|ro|o)m(?:an|en|na|a)c?e";

    /// <summary>Reverting or turning off something because it made things slower (an optimization too).</summary>
    public const string Slowdown =
        "slower|slowdowns?|slowed (?:down)?|made (?:\\w+ ){1,3}slow\\b|(?:performance|cpu|memory|resource)[- ]heavy|(?:perf(?:ormance)?|compile[- ]time|latency|speed|throughput|memory) regressions?|regress(?:ed|ion|ions)\\b(?! (?:tests?|testing|suites?|coverage|runs?)\\b)";

    /// <summary>
    /// Claims that count in a title but are too loose in a body ("optimizations" names a feature as often as work), and
    /// the gitmoji for performance (⚡️, ":zap:") that commit-style titles open with.
    /// </summary>
    public const string TitleClaims = TitleClaimsWords + "|" + TitleClaimsBounds + "|" + TitleClaimsLimits + "|" + TitleClaimsBuild;

    /// <summary>
    /// <see cref="TitleClaims"/> in three parts, each a pattern of its own whose matcher the JIT still optimizes (see
    /// docs/PERFORMANCE.md, ninth session): claim words, cost reductions, speed-only switches.
    /// </summary>
    public const string TitleClaimsWords = "⚡️?|:zap:|optimi(?<!(?:disabl\\w*|turn\\w* off|skip\\w*|without|no) optimi)[sz]ations?|micro-optimi[sz]ations?|perf(?:ormance)? (?:by|via|through) [a-z]+ing|(?:perf(?:ormance)?|speed|latency|throughput|startup|start-up|memory|cpu) (?:improvements?|enhancements?)|(?:perf(?:ormance)?|speed|optimi[sz]ation) pass(?:es)?|" +
        // "payload reduction", "memory reduction": a cost named with the noun of making it smaller
        "(?:" + CostNouns + ") reductions?|" +
        // turning on a compiler that makes code faster: "Enable YJIT", "let Rails manage the YJIT default"
        "(?:enabl\\w*|turn\\w* on|switch\\w* on|allow\\w*|us(?:e|es|ing))\\b[^.\\n]{0,30}?\\b(?:[yzm]?jit|\\w*pgo|lto|profile-guided optimi[sz]ation|link-time optimi[sz]ation|" +
        // runtime and build switches whose only purpose is speed or size: server GC, a minifier
        "server ?(?:gc|garbage ?collection)|\\w*minif(?:y|ier|ication)|minif(?:y|ied|ication))\\b";

    /// <summary>The second part of <see cref="TitleClaims"/>: costs brought under a bound, tuning, smaller images and payloads.</summary>
    public const string TitleClaimsBounds =
        // a cost brought under a bound by a verb of making it smaller: "Slim the worker image below 1G"
        "(?:" + DecreaseVerbs + ")\\b[^.\\n]{0,40}?\\b(?:below|under|to (?:less than|under|below))\\s+~?\\d[\\d.,]*\\s?(?:" + BoundUnits + "|[KMGT]i?\\b)|" +
        // a page-speed score the title reaches or raises: "Get the docs site to a Lighthouse score of 95", "Raise PageSpeed to 90"
        "(?:reach|hit|get|gets|getting|rais|improv|boost|bump|push)\\w*\\s+(?:[\\w-]+\\s+){0,5}?(?:lighthouse|pagespeed|psi)\\b[^.\\n]{0,25}?(?:\\bscores?\\b|\\b\\d{2,3}\\b)|" +
        // a platform's size, memory or time limit the change works within: "Cope with the function size limit", "fit under the upload limits"
        "(?:deal(?:s|t|ing)? with|cop(?:e|es|ing) with|work(?:s|ing)? around|get(?:s|ting)? (?:around|under)|stay(?:s|ing)? (?:under|within|below)|fit(?:s|ting)? (?:in|into|under|within))\\b[^.\\n]{0,30}?\\b(?:size|memory|time|deployment|package|upload|payload|bundle)\\s+limits?\\b|" +
        // Android's ahead-of-time startup profiles: "Generate baseline profiles for the app module"
        "(?:add|creat|generat|ship|includ|enabl|us|introduc)\\w*\\s+(?:an?\\s+|the\\s+)?(?:[\\w-]+\\s+)?baseline[- ]profiles?\\b|" +
        // "Tune application performance", "performance tuning"
        "tun(?:e|es|ed|ing)\\b[^.\\n]{0,30}?\\bperformance\\b|performance[- ]tuning|" +
        // a time a page, build or start is brought towards: "first pass towards a 3 second load"
        "(?:towards?|under|below|within)\\s+(?:an?\\s+)?~?\\d[\\d.,]*[- ]?(?:ms|s|secs?|seconds?|minutes?|mins?)\\s+(?:page[- ]?)?(?:loads?|load times?|builds?|starts?|start-?up|boot|responses?|renders?|runs?)\\b|" +
        // smaller images and compressed payloads
        "(?:smaller|small|slim(?:mer)?|minimal|lighter|tiny|distroless|alpine)\\s+(?:base\\s+|docker\\s+|container\\s+|runtime\\s+)?images?\\b|" +
        "(?:gzip|brotli|zstd)(?:-?compress(?:ed|ion))?\\b[^.\\n]{0,30}?\\b(?:bundles?|assets|responses?|payloads?|static files)\\b|(?:bundles?|assets|responses?|payloads?|static files)\\b[^.\\n]{0,30}?\\b(?:gzip|brotli|zstd)(?:-?compressed)?\\b";

    /// <summary>The third part of <see cref="TitleClaims"/>: work done once or only when needed, a platform's limit not hit.</summary>
    public const string TitleClaimsLimits =
        // work done once per run instead of each time: "Read repositories.txt once per run"
        "(?:read|load|pars|comput|fetch|build|resolv|creat)\\w*\\s+(?:[\\w.`/-]+\\s+){0,2}once (?:per|at|on|during|instead)\\b|" +
        // a cost brought under a bound or a platform's limit: "so builds finish under 15 minutes", "below the 300 MB limit",
        // "so no job hits the 6-hour limit"
        "(?:finish|complete|run|load|open|render|respond|build|import|export|sync|stay|fit|start|boot)(?:s|es)?\\s+(?:[\\w-]+\\s+){0,8}?(?:in\\s+)?(?:under|below|within|inside|in less than)\\s+~?\\d[\\d.,]*[- ]?" + BoundUnits + "|" +
        "(?:below|under|within|inside)\\s+(?:the\\s+|an?\\s+|its\\s+)?(?:[\\w'’-]+\\s+){0,2}?~?\\d[\\d.,]*[- ]?" + BoundUnits + "\\s+(?:[\\w'’-]+\\s+){0,2}?(?:limit|cap|ceiling|quota|budget)|" +
        "(?:no|never|not|don't|doesn't|won't|without)\\s+(?:[\\w-]+\\s+){0,3}?(?:hits?|hitting|exceed\\w*|reach\\w*|runs? into|go(?:es)? over)\\s+(?:the\\s+|an?\\s+|its\\s+|their\\s+)?(?:[\\w'’-]+\\s+){0,2}?\\d[\\d.,]*[- ]?" + BoundUnits + "\\s+(?:[\\w'’-]+\\s+){0,2}?(?:limit|cap|ceiling|quota|timeout)|" +
        // work done only when it is needed: "only read oom_score when the column is shown"
        "only (?:read|load|comput|fetch|query|render|pars|call|run|build|creat|initiali[sz]|allocat|scan|sort|sync|send|writ|refresh|recomput)\\w*\\b[^.\\n]{1,40}?\\b(?:when|if)\\b";

    /// <summary>
    /// The fourth part of <see cref="TitleClaims"/>: changes whose only purpose is speed or size even with no speed word —
    /// caching in a build or CI, a multi-stage image, a minified bundle, the runtime's memory and CPU knobs, unneeded work
    /// skipped, smoothness restored.
    /// </summary>
    public const string TitleClaimsBuild =
        // a cache for a build or CI run: "Cache the toolchain in CI", "Gradle caching", "improve the build cache"
        // (not one turned off or bypassed: "disable the Gradle cache" is said to be slow or it is a fix)
        "(?<!(?:disabl\\w*|remov\\w*|drop\\w*|delet\\w*|nuk\\w*|purg\\w*|clear\\w*|bypass\\w*|ignor\\w*|skip\\w*|invalidat\\w*|without|no|turn\\w* off)\\s+(?:[\\w-]+\\s+){0,3})" +
        "(?:cach(?:e|es|ed|ing)\\b[^.\\n]{0,40}?\\b(?:" + BuildRuns + ")|(?:" + BuildRuns + ")\\s+(?:[\\w-]+\\s+){0,2}?cach(?:e|es|ed|ing)|improv\\w*\\s+(?:the\\s+)?(?:[\\w-]+\\s+){0,2}?cach(?:e|es|ing))|" +
        // a multi-stage image build adopted: "Use a multi-stage Dockerfile", "Switch the worker to a multi-stage build"
        "(?:us|add|mov|switch|convert|introduc|adopt|turn|mak|rewrit)\\w*\\b[^.\\n]{0,25}?\\bmulti-?stage\\b[^.\\n]{0,20}?\\b(?:builds?|dockerfiles?|images?|containers?)|" +
        // a bundle switched to its minified form: "Serve the minified bundle", "switch the script to a minified copy"
        "(?:chang|switch|mov|swap|convert)\\w*\\b[^.\\n]{0,30}?\\bto\\s+(?:the\\s+|a\\s+)?minified|(?:us|serv|ship|load)(?:e|es|ed|ing|s)?\\s+(?:the\\s+|a\\s+)?minified|" +
        // the runtime's memory and CPU knobs: "set GOMEMLIMIT from the pod limit", "cap malloc arenas", "size the JVM heap to the container"
        "gomemlimit|gomaxprocs|gogc|malloc[_ ]arena\\w*|malloc_arena_max|(?:siz|tun|cap|bound)\\w*\\s+(?:the\\s+)?(?:go|jvm|node|v8|\\.net)\\s+(?:gc|garbage collector|heap)|" +
        // unneeded work not done: "Avoid hashing unused columns", "skip parsing redundant headers"
        "(?:avoid|skip|stop)(?:s|ped|ping)?\\s+\\w+ing\\s+(?:the\\s+|any\\s+)?(?:unneeded|unnecessary|needless|redundant|unused|superfluous)|" +
        // smoothness brought back or made better: "restore smooth scrolling", "smoother list animations"
        "restor\\w*\\s+(?:the\\s+)?smooth\\w*\\s+(?:[\\w-]+\\s+)?(?:scroll\\w*|animations?|rendering|playback|frame rate)|smoother\\s+(?:[\\w-]+\\s+)?(?:scroll\\w*|animations?|rendering|playback|frame rate)";

    /// <summary>What a build or CI run is made of, for caching named in a title ("Cache npm in CI").</summary>
    private const string BuildRuns =
        "ci|builds?|pipelines?|workflows?|jobs?|runners?|bazel|gradle|cargo|maven|sbt|npm|yarn|pnpm|pip|node_modules|dependenc(?:y|ies)|toolchains?|" +
        "docker|buildx|(?:docker |image )?layers|gha|github actions|actions|e2e|compil\\w*|ccache|sccache";

    /// <summary>
    /// What a removed or disabled thing is said to cost: "that costs latency", "costs us some RAM", "the shared store is
    /// really slow". Read with a title that removes or turns something off.
    /// </summary>
    public const string CostOfRemoved =
        "costs?\\s+(?:us\\s+)?(?:a lot of\\s+|lots of\\s+|some\\s+|extra\\s+|real\\s+|noticeable\\s+)?(?:perf(?:ormance)?|memory|cpu|ram|latency|throughput|startup|start-up)\\b|" +
        "(?:is|are|was|were|being|gets|got)\\s+(?:\\w+\\s+)?slow\\b(?!\\s+(?:to\\s+(?:review|read|write|type)|path))|" +
        // work as the subject of "expensive" ("extracting the symbols is expensive"); a plan or a licence that is expensive is money
        "\\b\\w+ing\\s+(?:[\\w`'-]+\\s+){0,3}?(?:is|are|was|were)\\s+(?:\\w+\\s+)?(?:expensive|costly)\\b";

    /// <summary>A title that takes something away or turns it off: "Drop the spare poller", "disable the shared store".</summary>
    public const string TitleRemoves =
        "^\\s*(?:\\[[^\\]\\n]{1,30}\\]\\s*|[A-Z][A-Z0-9]+-\\d+:?\\s+|#\\d+:?\\s+)*(?:remov|drop|delet|disabl|turn\\w* off|switch\\w* off|get rid of|stop)\\w*\\b";

    /// <summary>
    /// A goal stated as the title, read on the whole title (a "Performance:" prefix included): "Performance: answer in
    /// &lt; 2s at p95", "[Sprint 9] Performance: garantir resposta &lt; 2s".
    /// </summary>
    public const string TitleGoal =
        "\\bperformance\\b[^.\\n]{0,40}?(?:<|≤|\\bunder\\b|\\bbelow\\b|\\bwithin\\b|\\bmenos de\\b|\\babaixo de\\b|\\bmoins de\\b|\\bunter\\b)\\s*~?\\d[\\d.,]*\\s?" + BoundUnits;

    /// <summary>Units of a bound on time or size, as titles write them ("15 minutes", "6-hour", "300 MB").</summary>
    private const string BoundUnits = "(?:[KMGT]i?B|kB|ms|s|secs?|seconds?|minutes?|mins?|hours?|h|%)\\b";

    public const string ClaimsForeign = "최적화|성능\\s?개선|最適化|高速化|优化|性能|提速|加速|beschleunig\\w*|schneller|plus rapide|acelera\\w*|más rápido|mais rápido|" +
        "optimiza(?:r|do|da|mos|ción|cion)?\\b|otimiza\\w*|acc[ée]l[èée]r\\w*|оптимиз\\w*|ускор\\w*|быстрее|" +
        // a rate that went up: "吞吐明显上去了", "スループットが向上", "처리량이 향상"
        "(?:吞吐|スループット|처리량|qps|tps|rps)[^。，,.\\n]{0,8}?(?:提升|提高|翻倍|上去|上升|向上|増加|향상|증가)";

    /// <summary>
    /// Performance work that is not an optimization: adds or retires benchmarks, tooling, dashboards, alerts, metrics or
    /// docs; tightens or raises a budget; a feature named after performance.
    /// </summary>
    public const string NotOptimization = NotOptimizationAddsTooling + "|" + NotOptimizationBudgetsAndTools + "|" + NotOptimizationToolChanges + "|" + NotOptimizationOther;

    /// <summary>
    /// <see cref="NotOptimization"/> in three parts, each a pattern of its own whose matcher the JIT still optimizes
    /// (see docs/PERFORMANCE.md, ninth session): tooling added or set up.
    /// </summary>
    public const string NotOptimizationAddsTooling =
        "(?:add(?:s|ed|ing)?|introduc(?:e|es|ed|ing)|implement(?:s|ed|ing)?|set(?:s|ting)? up|wire(?:s|d)? up|enabl(?:e|es|ed|ing)|retir(?:e|es|ed|ing)|" +
        "updat(?:e|es|ed|ing)|run(?:s|ning)?|port(?:s|ed)?|document(?:s|ed|ing)?|setup|set-up)\\b[^.\\n]{0,25}?\\b" +
        "(?:" + ToolingNouns + ")\\b";

    /// <summary>The second part of <see cref="NotOptimization"/>: budgets and limits changed, tooling worked on.</summary>
    public const string NotOptimizationBudgetsAndTools =
        "(?:enforc(?:e|es|ed|ing)|add(?:s|ed|ing)?|introduc(?:e|es|ed|ing))\\b[^.\\n]{0,40}?\\bbudgets?\\b|" +
        "(?:tighten|lower|raise|relax|reduce|increase|bump|adjust)(?:s|ed|ing)?\\b[^.\\n]{0,40}?\\b(?:budgets?|limits?|regression (?:max|threshold|limit)|thresholds?|slos?|slis?|slas?|objectives?)\\b|" +
        "optimi[sz]\\w*\\s+(?:[\\w-]+\\s+){0,3}?(?:dashboards?|imports|docs?|documentation|alerts?|panels?|readme)\\b|" +
        // a tool named as what the change works on: "Improve async-profiler integration", "pprof support for workers"
        "(?:" + ToolingNouns + ")\\s+(?:integration|support|setup|plugin|task|target|script|wrapper|config(?:uration)?)\\b";

    /// <summary>The third part of <see cref="NotOptimization"/>: a tool changed, an observability artefact added, a metric gated.</summary>
    public const string NotOptimizationToolChanges =
        // the tool itself as what changes: "Flame graph improvements", "profiling updates", "dashboard tweaks"
        "(?:" + ToolingNouns + ")\\s+(?:improvements?|updates?|tweaks?|fixes|changes|polish|styling|restyl\\w*|clean-?ups?|refactor\\w*|redesign)\\s*$|" +
        // "add p99 request latency percentile panels": the artefact added is the title's last word
        "(?:add(?:s|ed|ing)?|introduc(?:e|es|ed|ing)|creat(?:e|es|ed|ing))\\s+(?:(?!(?:for|to|on|in|into|of|from|with|by|behind)\\s)[\\w-]+\\s+){1,6}?(?:dashboards?|panels?|alerts?|alerting rules?|metrics?|graphs?|charts?)\\s*$|" +
        // a check that holds a metric where it is: "gate bundle size and load time in CI", "ratchet the p95"
        "^\\s*(?:[a-z]+(?:\\([^)]*\\))?!?:\\s*)?(?:gat(?:e|es|ed|ing)|ratchet\\w*)\\s+(?![^\\n]*\\bbehind\\b)[^.\\n]{0,40}?\\b(?:time|size|latenc(?:y|ies)|memory|p\\d{2}|lcp|cls|inp|tbt)\\b";

    /// <summary>The fourth part of <see cref="NotOptimization"/>: dashboards, docs, flags retired, instrumentation, benchmarks.</summary>
    public const string NotOptimizationOther =
        // a title that is only the name of an observability artefact: "SLO dashboard", "Latency alerts"
        "^\\s*(?:[\\w-]+\\s+){0,3}(?:dashboards?|alerts?|alerting rules?|panels?)\\s*$|" +
        "\\bperformance (?:tab|page|view|panel|report)\\b|\\bperformance issues?\\s+(?:[\\w-]+\\s+){0,2}?(?:options?|flags?|settings?|types?|templates?|labels?|detect\\w*|group\\w*|ingest\\w*|post[- ]process\\w*|ui|page|tab|list|creation|rollout|feature)\\b|\\bhow to (?:profile|benchmark|measure)\\b|" +
        "\\bblog[- ]?post:|^\\s*(?:(?:new|add|a)\\s+)?blog[- ]?post\\b|" +
        // retiring a flag after a rollout; adding a way to turn an optimization off
        "(?:remov|drop|delet|retir|clean(?:s|ed|ing)? up)\\w*\\b[^.\\n]{0,30}?\\b(?:flags?|toggles?|feature gates?)\\b|" +
        "(?:allow|support|option|variable|flag|setting|switch|toggle)\\w*\\s+(?:to\\s+|for\\s+)?(?:disabl\\w+|turn\\w* off|switch\\w* off)\\s+(?:the\\s+)?(?:[\\w-]+\\s+){0,5}(?:speed-?ups?|optimi[sz]ations?|fast paths?|acceleration)\\b|" +
        // a switch for an optimization that does not work is a fix to the switch: "the minifier option cannot be disabled"
        "(?:speed-?ups?|optimi[sz]ations?|fast paths?|minif\\w+)\\s+(?:(?:option|flag|setting|switch)\\s+)?(?:can'?t|cannot|can not|could not|couldn'?t|won'?t|doesn'?t|does not|isn'?t|is not)\\s+(?:be\\s+)?(?:turn\\w* off|disabl\\w*|switch\\w* off|set to false|opted out)|" +
        // a time traced or measured as the whole title is instrumentation: "Trace the app's cold-start time"
        "(?:trac|measur|track|instrument)(?:e|es|ed|ing|s)?\\s+(?:the\\s+)?(?:(?!and\\b|or\\b|then\\b|to\\b)[\\w'’-]+\\s+){0,2}?(?:startup|start-up|boot|load|launch|build|response|render|cold[- ]start)\\s+(?:times?|durations?|latenc(?:y|ies))\\s*$|" +
        // adding a flag that turns something off is a feature: "add a `--no-optimize` flag"
        "(?:add(?:s|ed|ing)?|introduc(?:e|es|ed|ing)|support(?:s|ed|ing)?)\\b[^.\\n]{0,20}?--no-[\\w-]+|" +
        // logging or exposing timings is instrumentation
        "(?:log(?:s|ged|ging)?|record(?:s|ed|ing)?|emit(?:s|ted|ting)?|expos(?:e|es|ed|ing)|report(?:s|ed|ing)?)\\b[^.\\n]{0,30}?\\b(?:timings?|durations?|spans?|metrics?)\\b|" +
        "\\b(?:(?:macro|micro)?benchmarks?|" + Tools.Benchmark + "|" + Tools.LoadTest + ")\\b";

    /// <summary>The same in the other languages descriptions are written in: a load test, benchmark or profiling added.</summary>
    public const string NotOptimizationForeign =
        "(?:負荷試験|負荷テスト|ベンチマーク|性能テスト|プロファイ\\w*|压测|压力测试|基准测试|性能测试|부하\\s?테스트|벤치마크)[^。\\n]{0,20}?(?:作成|追加|導入|添加|新增|编写|추가|작성)";

    /// <summary>What performance tooling is called: benchmarks, profilers, dashboards, docs.</summary>
    public const string ToolingNouns =
        "(?:macro|micro)?benchmarks?|bench(?:mark)? (?:suite|harness)|jmh suite|criterion bench\\w*|load[- ]?tests?|perf(?:ormance)? tests?|" +
        "profil(?:er|ing)(?: ui| support| tool\\w*)?|perf[- ]maps?|tooling|dashboards?|panels?|alerts?|alerting|metrics?|spans?|tracing|instrumentation|" +
        "telemetry|observability|flame ?graphs?|docs?|documentation|guide|" + Tools.Benchmark + "|" + Tools.Profilers;

    /// <summary>The narrower form for a description's first sentence: it adds tooling.</summary>
    public const string AddsTooling =
        "(?:add(?:s|ed)?|introduc(?:e|es|ed))\\b[^.\\n]{0,40}\\b(?:benchmarks?|dashboards?|metrics?|profiling|tooling|tool|load[- ]testing|instrumentation)\\b|" +
        "\\bmak(?:e|es|ing) it easier to (?:run|profile|benchmark|measure|trace|record)\\b|" +
                "\\bperformance issues? (?:template|form|label|detection|detector)\\b|\\boptimi[sz]e[sd]? (?:the )?imports\\b|^\\s*docs?(?:\\([^)]*\\))?!?:|\\bhow to (?:profile|benchmark|measure)\\b|" +
        "^\\s*(?:a |the |this |new )?(?:blog post|article|write-?up)\\b";

    /// <summary>Conventional-commit scopes that say the change is tooling, docs or observability.</summary>
    public const string NotOptimizationPrefix =
        "^\\s*(?:[\\w.-]+/)*(?:docs?|bench|benchmarks?|observability|monitoring|dashboards?|telemetry|profiling|instrumentation|tracing|metrics)(?:\\([^)]*\\))?!?:|" +
        "^\\s*(?:feat|perf|chore|fix)\\((?:bench|benchmarks?|dashboards?|observability|monitoring|telemetry|docs?)\\)!?:";

    /// <summary>Words that show a text is about performance at all (with measurements or a profile beside them).</summary>
    public const string PerformanceWords =
        "faster|slower|slow|speed|boot time|latency|throughput|contention|allocat\\w+|garbage|perf|performance|optimi[sz]\\w+|reduc\\w+|improv\\w+|cuts?|drops?|halve[sd]?|wins?|jank|stutter\\w*|hitch\\w*|bottleneck|hot ?path|hot ?spots?|cpu|gpu|memory|startup|start-up|wall[- ]?clock|quicker|overhead|re-?render\\w*|n\\+1|once per|per[- ]item|round[- ]trips?|fewer|frame ?time|fps";
}
