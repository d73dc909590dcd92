namespace PrReviewBot.Core.Vocabulary;

/// <summary>
/// The words of turning a change off: what a switch is called, how people say "turn it off", and how they say what
/// happens then. Regular-expression alternations; readers combine them by proximity rather than matching whole sentences.
/// </summary>
internal static class Switching
{
    /// <summary>Nouns and services that make a name in the same sentence a switch.</summary>
    public const string SwitchNouns =
        "parameters?|variables?|propert(?:y|ies)|remote config|launchdarkly|unleash|flagsmith|flipt|flagd|split\\.io|configcat|" +
        "growthbook|configmap|features?|cvar|console variable|flags?|feature[- ]gates?|feature[- ]toggles?|gates?|cluster settings?|" +
        "settings?|knobs?|toggles?|env(?:ironment)? var(?:iable)?s?|options?|kill[- ]?switch(?:es)?|config(?:uration)? (?:keys?|entry|entries|lines?|files?)|" +
        "switch(?:es)?|opt[- ]?(?:in|out)|query hints?|pragmas?|session variables?|build tags?|cargo features?|preprocessor (?:macro|define)s?";

    /// <summary>
    /// How to turn a change off: a verb of disabling, a value to set or restore, a flag to pass, leave out or remove.
    /// Each is a cue, not an instruction on its own: readers ask for a switch nearby.
    /// </summary>
    public const string DisableCues = DisableCuesTurnOff + "|" + DisableCuesLeaveOut;

    /// <summary>
    /// The first half of <see cref="DisableCues"/> (turn off, disable, opt out, put back, restore, leave out), kept as a
    /// pattern of its own so its matcher stays small enough for the JIT to optimize (see docs/PERFORMANCE.md).
    /// </summary>
    public const string DisableCuesTurnOff =
        // turn/switch/flip it off, disable
        "turn(?:ed|s|ing)?\\s+(?:(?:it|this|them|that|the(?: [\\w-]+){1,3}|\\w+)\\s+)?(?:off|back on)|switch(?:ed|es|ing)?\\s+(?:(?:it|this|them|that|the(?: [\\w-]+){1,3})\\s+)?off|" +
        "flip(?:ped|s)?\\s+(?:(?:it|this|the \\w+)\\s+)?(?:off|back)|" +
        // "the cache-disabling hooks": glued after a noun by a hyphen, the verb names what a thing does, it tells nobody to act
        "(?<!\\w-)(?:disable[ds]?(?! by default)|disabling|deactivat(?:e|es|ed|ing))|" +
        // opt out, kill switch, back out, roll back by
        "opt(?:s|ed|ing)?[- ]out|to back out|back (?:it|this|them) out|kill[- ]?switch|roll(?:ing)? (?:it |this )?back (?:by|with|via)|" +
        // put/set/change something back, restore the old value
        "(?:set|put|change|flip|revert|reset|switch|move|return)(?:s|es|ted|ting|ed|ing)?\\s+(?:(?:it|them|this|that|either|both|the \\w+|[`'\"]?[\\w.:$-]{2,}[`'\"]?|[\\w$]+[-_.:][\\w.:$-]+ [\\w.:$-]{1,20})\\s+)?back|" +
        "back to (?:the |its )?(?:previous|old|original|default|prior|legacy|former|earlier) (?:value|setting|default|mode|behaviou?r)|" +
        "restor(?:e|es|ed|ing) (?:the |its )?(?:previous|old|original|default|prior|legacy|former) (?:value|setting|default|mode|behaviou?r)|" +
        "<?(?:previous|old|original|prior) value>?|" +
        // leave it out, remove the setting, stop passing the flag
        "leave (?:it |them |the [\\w-]+ |[`'\"]?[\\w.:$-]{2,}[`'\"]? )?(?:out|off|unset|empty)|leaving (?:it |the [\\w-]+ )?(?:out|off|unset)";

    /// <summary>The second half of <see cref="DisableCues"/>: remove a setting, stop passing a flag, pass an off flag, go back.</summary>
    public const string DisableCuesLeaveOut =
        // what is removed is named as a switch: quoted, shaped like one (`a.b`, `A_B`, `MAX`), or followed by what it is
        "(?:remove|delete|unset|drop|omit|comment out)(?:ing)?\\s+(?:the\\s+)?(?:[`'\"][^`'\"\\n]{2,80}[`'\"]|[\\w$]+[-_.:$][\\w.:$-]+|(?-i:[A-Z][A-Z0-9_]{3,})\\b|[\\w.:$-]{3,}(?:\\s+[^\\s.]{1,40}){0,2}(?=\\s+" + RemovedKinds + "))(?:\\s+" + RemovedKinds + ")?|" +
        "(?:without|don't pass|do not pass|stop passing|no longer pass(?:ing)?|drop) (?:the )?(?:[`'\"]?--?[\\w-]+[`'\"]?|flag|option|setting)|" +
        "(?:don't|do not|never) (?:set|enable|pass|add)|unset (?:it|the)|" +
        // the switch in the state that is off: "with `USE_CACHE` unset", "with the flag removed"
        "with (?:the )?[`'\"]?[\\w.:$-]{2,}[`'\"]?(?: (?:flag|option|setting|variable|key))? (?:unset|removed|omitted|left out|commented out|off|disabled|set to (?:false|0|off|no))|" +
        // pass a --no- flag or a value that means off
        "--no-[\\w-]+|(?:pass|(?:start|run|launch|build)(?: \\S+)? with)\\s+[`'\"]?--[\\w-]+(?:=[\\w.-]+)?|" +
        // "To load the widget on every page again, set …": doing the old thing again, then how
        "to \\w+ (?:[\\w-]+ ){0,6}?again\\b(?=[^.\\n]{0,20}?\\b(?:set|pass|add|use|export|put|run with)\\b)|" +
        // a switch whose name says it turns something off, set to on: "`SKIP_WARMUP=1`", "`disable_page_cache: true`"
        "(?:[A-Za-z][\\w.-]*?[_.-])?(?:disable|disabled|no|skip)[_-][\\w.-]+\\s*[=:]\\s*['\"]?(?:true|1|on|yes)['\"]?|" +
        // "anyone who wants the old behaviour can set …": wishing for the old state, before how to get it
        "(?:want|wants|need|needs|prefer|prefers) (?:the|its|their) (?:old|previous|original|former|legacy|earlier) [\\w-]+|" +
        "to go back|(?:go|goes|going) back (?:with|by|via|using)|to revert to|to restore the|to get the old|for the old|(?:get|gets|got|have|bring|brings|brought) (?:it|them|that|the [\\w-]+) back|(?:build|compile|link)(?:s|ed|ing)?\\s+without";

    private const string RemovedKinds = "(?:key|variable|env(?:ironment)? var(?:iable)?|setting|entry|line|flag|option|feature)";

    /// <summary>Values that mean "off" when assigned to a switch.</summary>
    public const string OffValues = "false|0|off|no|n|disabled?|none|never|legacy|old|classic|v1|previous|default";

    /// <summary>
    /// What happens when the change is off: the old path runs again, the system falls back, behaves as before.
    /// </summary>
    public const string BehaviourCues =
        "falls? back|fell back|fallback to|(?:gives|restores|brings back|reproduces) (?:exactly |you )?(?:the )?(?:previous|old|original|prior|former|earlier) [\\w-]+|(?:puts?|is|are|goes|runs?) (?:\\w+ ){0,3}back on\\b|go(?:es)? back to|went back to|(?:is|are|it's) back to|gets? (?:the |its )?(?:[\\w-]+ ){0,3}back\\b|switch(?:es)? back to|brings? back|restores?|returns? to|" +
        // "turn parallel processing off again", "builds run one after another again"
        "(?:off|back|sequential(?:ly)?|serial(?:ly)?|one (?:at a time|after (?:the )?(?:other|another))|individually) again|" +
        "as before|exactly as|as today|as (?:it|they) (?:always |still |once )?(?:did|does|do|was|were|used to)|the way (?:it|they) (?:always )?(?:did|does|do|was|were|used to|worked)|like before|like today|" +
        "same as (?:before|today|now|earlier)|what it was|(?:the )?behaviou?rs? (?:from |of )?before (?:this|the) (?:pr|change|patch|commit)|how it was|as in (?:earlier|previous|older) (?:releases?|versions?)|" +
        "(?:current|old|previous|original|existing|legacy|prior|former|earlier|default|today's|today’s|pre-[\\w.]+|unoptimi[sz]ed|slow|regular|classic|v1|portable|generic|scalar|fallback) " +
        "(?:behaviou?rs?|path|code ?path|implementation|algorithm|logic|mode|strategy|ceiling|limits?|planner|parser|engine|route|query|handler|one|way|default)|" +
        "reverts? to|bypass(?:es|ed|ing)?|straight (?:from|to)|directly (?:from|to)|instead of|is used|are used|unchanged|behaves|" +
        "the old \\w+|only affects|keeps? (?:the|using)|stays? on|goes straight|no longer|is skipped|are skipped|skips|ignores?|" +
        "stops? (?:using|caching|doing|batching|reading)|uses? the (?:old|previous|original|existing|legacy|slow|default)|" +
        "(?:is|are) not (?:used|applied|cached|called)|nothing changes|no effect|not applied|then\\b|" +
        // "turning it off draws with meshes, but isn't as fast": how the off state compares with the change
        "(?:is|are|isn't|aren't|is not|are not) (?:not )?as fast|(?:is|are|runs?) slower|" +
        // "`x: false` -> back to the old minifier": an arrow reads as "and then it is".
        "(?<=(?:->|→|=>|⇒)\\s{0,3})back to";

    /// <summary>The same ideas in the other languages descriptions are written in.</summary>
    public const string BehaviourCuesForeign =
        "和之前一样|与之前相同|照旧|回到|恢复|回退|以前と同じ|元に戻|に戻り|に戻る|従来|이전과 같|이전처럼|기존처럼|예전처럼|되돌아|" +
        "como antes|wie vorher|wie bisher|comme avant|revient|reviens|retombe|l'ancien|volta (?:a|para)|vuelve a|" +
        "как раньше|как прежде|как до (?:этого|изменени\\w*)|напрямую|возвраща\\w* к";

    public const string DisableCuesForeign =
        "(?:を|に)\\s*(?:戻[しすせ]|変更|設定)|(?:로|으로)\\s*(?:바꾸|변경|설정|되돌리)|改回|改为|设为|设置为|关闭|禁用|去掉|删掉|删除|移除|" +
        "(?:mettre|remettre|passer)\\s+(?:à|a)\\s|désactiver|desactivar|desativar|deaktivieren|auf\\s+false|ausschalten|abschalten|" +
        "отключ(?:ить|ите|ается|ение)|выключ(?:ить|ите|ается|ение)";

    /// <summary>Saying the only way back is a revert: not a rollback switch.</summary>
    public const string RevertOnly =
        "revert(?:ing)? (?:the|this) (?:pr|commit|change)|revert;|just revert|git revert|plain code change|no flag|no setting|no kill switch";
}
