namespace PrReviewBot.Core.Vocabulary;

/// <summary>
/// The words that put a number on one side of a change: before (old, baseline, main, used to, 旧版本) or after (new,
/// this PR, now, 新版本). Regular-expression alternations; <c>Label</c> lists are for short labels that introduce a
/// block or a line ("Before:", "old build", "This PR"), <c>InProse</c> lists for cues inside a sentence.
/// </summary>
internal static class SideWords
{
    /// <summary>The plain words for "before" and "after" in the languages descriptions are written in.</summary>
    public const string BeforeWord = "before|avant|antes|vorher|przed|prima|voor|önce(?:si)?|до";

    public const string AfterWord = "after(?:wards?)?|apr[eè]s|despu[eé]s|depois|nachher|po|dopo|sonra(?:sı)?|после";

    /// <summary>Words that make a number expected rather than measured: "should bring it near 5 minutes", "target 80 ms".</summary>
    public const string Expectation =
        "expected|expect|expects|expecting|estimated?|estimates?|projected|predicted|prediction|should|would|could|will|hope|hoping|" +
        "aim(?:ing)?|plan(?:ned)?|forecast|goal|target(?:ing)?|budget";

    public const string BeforeLabel =
        BeforeWord + "|old(?: build| binary| version| code| implementation)?|baseline|base|main|master|trunk|develop|dev|previous(?:ly)?|prev|original|orig|" +
        "initial|unoptimi[sz]ed|(?:commit|at|on) [0-9a-f]{7,40}|[a-z0-9.-]+ (?:main|master|trunk)$|" +
        "without(?: (?:the|this) (?:change|patch|pr|fix))?|current main|unpatched|stock|vanilla|reference|control|" +
        "ancien|alt|" +
        // "Pre-change" / "pre-patch", "starting point"; labels are matched on normalised text ("pre change").
        "pre ?(?:change|patch|fix|pr|merge|optimi[sz]ation|refactor|upgrade)s?|starting point|" +
        "punto di partenza|point de d[ée]part|punto de partida|ponto de partida|ausgangs(?:punkt|lage|zustand)";

    public const string AfterLabel =
        AfterWord + "|new(?: build| binary| version| code| implementation)?|with (?:this|the)|with fix|with|" +
        "this pr|this branch|the branch|pr|branch|head|patched|optimi[sz]ed|candidate|contender|proposed|fix|fixed|experiment|treatment|" +
        "neu|" +
        "post ?(?:change|patch|fix|pr|merge|optimi[sz]ation|refactor|upgrade)s?|" +
        "punto di arrivo|questo (?:branch|ramo|pr)|con (?:questo|questa) (?:pr|modifica|patch)|point d ?arriv[ée]e|punto de llegada|ponto de chegada";

    public const string BeforeForeign =
        "変更前|修正前|改善前|適用前|适用前|优化前|修改前|变更前|之前|以前|旧版本|旧版|旧代码|原来|原版|原始|적용\\s?전|변경\\s?전|수정\\s?전|기존|이전|^前$";

    public const string AfterForeign =
        "変更後|修正後|改善後|適用後|适用后|优化后|修改后|变更后|之后|新版本|新版|新代码|적용\\s?후|변경\\s?후|수정\\s?후|개선\\s?후|이후|^[后後]$";

    /// <summary>The code as it is before the change, named in a sentence or a lead-in: "with the current code".</summary>
    public const string CurrentState = "(?:with|on|in|using) the (?:current|existing) (?:code|version|build|implementation|release|query|approach)";

    /// <summary>Cues inside a sentence that the number after them is the old one.</summary>
    public const string BeforeInProse =
        "before|previously|used to(?: [a-z]+){0,2}|originally|formerly|prior to (?:this|the) (?:change|pr|patch)|" +
        "on `?(?:main|master|trunk|develop)|without (?:this|the) (?:change|patch|pr|fix)|in the old (?:code|version|build)|" +
        "(?:under|with|on|in) the (?:old|previous|former) (?:default|settings?|config(?:uration)?|behaviou?r|code|version|build|implementation)|" +
        "where before|had been|it was|they were|was at|were at|was|were|" +
        // a cache's two states: "uncached, the build takes 7 minutes; with the cache, around 3"
        "uncached|without (?:the |a |any )?cach(?:e|es|ing)|from scratch|" +
        CurrentState + "|" +
        // "`master` made ~90,000 queries", "main takes 4.2 s": a place named as the subject of a measured verb.
        "(?:main|master|trunk|upstream|the baseline)(?= (?:" + PlaceVerb + "))|" +
        // French, Spanish, Portuguese, German
        "avant|auparavant|jusqu'(?:à présent|ici)|prenai(?:en)?t|était|étaient|antes|hasta ahora|tardaba(?:n)?|demoraba(?:n)?|" +
        "até agora|levava(?:m)?|demorava(?:m)?|vorher|früher|bisher|dauerte(?:n)?|brauchte(?:n)?";

    /// <summary>Cues inside a sentence that the number after them is the new one.</summary>
    public const string AfterInProse =
        "after|now|with (?:this|the) (?:change|patch|pr|fix|branch)|on this branch|with it|" +
        "down to|dropped to|drops to|fell to|falls to|went to|goes to|reduced to|cut to|is now|are now|now at|(?:is|are|it's|goes|went) back to|" +
        "(?:with|using) (?:the )?(?:new|patched) [a-z]+|" +
        "with (?:the |a )?(?:warm )?cach(?:e|es|ing)|from (?:the )?cache|" +
        "(?:this|the|my) (?:branch|pr|patch)(?= (?:" + PlaceVerb + "))|" +
        "maintenant|désormais|après|passe à|tombe à|avec (?:ce|cette) (?:pr|changement|modification|correctif|patch)|" +
        "(?<!hasta )ahora|después|baja a|bajó a|con (?:este|el) (?:pr|cambio|parche)|(?<!até )agora|com (?:este|o|esta|a) (?:pr|patch|mudança|alteração)|" +
        "jetzt|nun|nachher|sinkt auf|fällt auf|mit (?:diesem|dieser|dem|der) (?:pr|patch|änderung)";

    /// <summary>
    /// What follows a place that is the subject of a measurement: a verb of measuring or a number ("this branch ~12,000",
    /// "main takes 4.2 s", "the PR needs 3 queries").
    /// </summary>
    private const string PlaceVerb =
        "takes?|took|makes?|made|does|did|runs?|ran|needs?|needed|uses?|used|spends?|spent|gives?|gave|reports?|reported|" +
        "shows?|showed|sends?|sent|issues?|issued|averages?|averaged|allocates?|allocated|sits? at|sat at|is at|was at|" +
        Units.Approximately + "|only|just|\\d";

    /// <summary>Where a number was measured, named after it: "~750ms on master", "~350ms on the branch".</summary>
    public const string Places = "main|master|trunk|develop|upstream|base|baseline|head|branch|pr|patch|change|fix|release";

    /// <summary>
    /// The two states of a switch, as labels name them: "`jit=off`", "Cache disabled", "YJIT on". The state without the
    /// change is read as the before side unless the change itself turns something off.
    /// </summary>
    public const string OffState = "off|disabled|false|without";

    public const string OnState = "on|enabled|true|with";
}
