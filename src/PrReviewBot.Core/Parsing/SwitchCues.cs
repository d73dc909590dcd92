using System.Text.RegularExpressions;
using PrReviewBot.Core.Vocabulary;

namespace PrReviewBot.Core.Parsing;

/// <summary>
/// The cues of turning a change off, built from <see cref="Switching"/>: how to disable a switch and what happens
/// then. Asked once per sentence through <see cref="SentenceReading"/>; every mode reads them the same way.
/// </summary>
internal static partial class SwitchCues
{
    /// <summary>The phrase that tells how to disable, or null.</summary>
    public static string? DisableInstruction(string sentence)
    {
        var m = AssignOff().Match(sentence);
        if (m.Success)
        {
            return m.Value;
        }
        // "Set the repository variable CI_TEST_SHARDS to 1", "Pass --data-backend=pil", "delete the GOMEMLIMIT key",
        // "set var.x back to the previous value": a value to set, a flag to pass or remove, a command to run.
        m = SetValue().Match(sentence);
        if (m.Success)
        {
            return m.Value;
        }
        m = MatchDisableVerb(sentence);
        if (m.Success && !OnlyDefault().IsMatch(sentence))
        {
            return m.Value;
        }
        // "`CACHE_SIZE=32768` gives exactly the previous table": an assignment that brings back the old state.
        // AssignOld cannot match without an '=' (FastPaths).
        m = FastPaths.On && !sentence.Contains('=', StringComparison.Ordinal) ? Match.Empty : AssignOld().Match(sentence);
        return m.Success ? m.Value : null;
    }

    // "The old parser runs again if you leave `x` unset": the behaviour can come first, as long as it is a clause of its own.
    public static bool BehaviourBefore(string before) =>
        before.Length > 12 && Behaviour().Match(before) is { Success: true } m && !NoBehaviour().IsMatch(before[m.Index..]) &&
        BehaviourClause().IsMatch(before);

    // "= false", "to off", "set … to 0", "--no-x", "NAME 0": a value that means off, assigned to something.
    [GeneratedRegex(@"(?:=|\bto\b|:)\s*`?\s*['""]?(?:false|0(?![.\d])|off|no|disabled?|none|legacy|never)\b['""]?`?|\bset\b[^.]{0,80}?\b(?:false|0|off|disabled)\b|--no-[\w-]+|\bset\s+`?[\w.:-]+\s*=\s*true`?|\b[A-Za-z]\w*[._:-][\w.:-]+\s+(?:0|false|off)\b(?![.\d])|(?:改回|设为|设置为|設定|を|로|을)\s*`?(?:false|0|off)`?|" +
        // a setter called with an off value: "`settings.set_nodelay(false)`", "builder.WithCache(false)"
        @"\b[A-Za-z_]\w*\(\s*(?:false|off|disabled)\s*\)", RegexOptions.IgnoreCase)]
    internal static partial Regex AssignOff();

    // "Set `GOGC` explicitly in the environment, e.g. `GOGC=100`": set as an instruction, then the assignment itself.
    [GeneratedRegex(@"(?<=^\W*|(?:\b(?:can|could|just|simply|then|or|please|to)|[,;:])\s+)set\b(?:[^.\n]|\be\.g\.|\bi\.e\.){0,80}?\b[A-Za-z][\w.:-]*\s*=\s*[\w.-]+|\b(?:set|change|put|flip|revert|reset|switch)\s+(?:(?:the|its|this)\s+)?(?:[\w -]{0,30}\s)?[`'""]?[\w.:$-]{3,}[`'""]?\s+(?:back\s+)?to\s+(?:the\s+)?(?:[`'""]?[\w.-]+[`'""]?|(?:previous|old|original|default|prior)\s+value)|" + Switching.DisableCuesForeign + @"", RegexOptions.IgnoreCase)]
    internal static partial Regex SetValue();

    /// <summary><see cref="DisableVerb"/>'s match; asked as its two halves on the fast path (same answer, see <see cref="Alternation"/>).</summary>
    public static Match MatchDisableVerb(string text) =>
        FastPaths.On ? Alternation.Match(text, DisableVerbTurnOff(), DisableVerbLeaveOut()) : DisableVerb().Match(text);

    /// <summary>Whether <see cref="DisableVerb"/> matches; asked as its two halves on the fast path.</summary>
    public static bool HasDisableVerb(string text) =>
        FastPaths.On ? Alternation.IsMatch(text, DisableVerbTurnOff(), DisableVerbLeaveOut()) : DisableVerb().IsMatch(text);

    // The whole pattern's generated matcher is too large for the JIT to optimize (MinOpts); its halves are not.
    [GeneratedRegex(@"\b(?:" + Switching.DisableCues + @")(?![\w-])", RegexOptions.IgnoreCase)]
    internal static partial Regex DisableVerb();

    [GeneratedRegex(@"\b(?:" + Switching.DisableCuesTurnOff + @")(?![\w-])", RegexOptions.IgnoreCase)]
    internal static partial Regex DisableVerbTurnOff();

    [GeneratedRegex(@"\b(?:" + Switching.DisableCuesLeaveOut + @")(?![\w-])", RegexOptions.IgnoreCase)]
    internal static partial Regex DisableVerbLeaveOut();

    [GeneratedRegex(@"\b[A-Za-z][\w.:-]*\s*=\s*[\w.-]+(?=`?\s+(?:gives|restores|brings back|keeps|reproduces|means)\b[^.]{0,40}\b(?:previous|old|original|prior|former|earlier|current)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex AssignOld();

    // "off by default" describes the default, not how to turn the change off.
    [GeneratedRegex(@"^(?!.*\b(?:set|turn|switch|pass|leave|disable|flip|back|opt|remove|unset|omit)\b).*\boff by default\b", RegexOptions.IgnoreCase)]
    internal static partial Regex OnlyDefault();

    [GeneratedRegex(@"(?:" + Switching.BehaviourCuesForeign + @")|(?<!\b(?:off|on|switched|turned|enabled|disabled|back)\s)\bagain\b|\b(?:" + Switching.BehaviourCues + @")\b", RegexOptions.IgnoreCase)]
    internal static partial Regex Behaviour();

    [GeneratedRegex(@"\b(?:if|when|once|after|unless)\s*$|\b(?:runs?|is|are|works?|behaves?|goes|go|uses?)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex BehaviourClause();

    [GeneratedRegex(@"^\s*(?:again|back on)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex NoBehaviour();

    // A statement about the disabled state on its own: "When the flag is off, reads go to Redis".
    [GeneratedRegex(@"\b(?:when|if|while|with|without)\b[^.]{0,40}\b(?:off|disabled|false|unset|out|absent|missing|not set)\b[^.]{0,20},?\s*[^.]{0,80}\b(?:go(?:es)?|fall(?:s)? back|read|use[sd]?|serve[sd]?|run[s]?|is|are|behaves?|works?|stays?|keeps?)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex BehaviourStatement();
}
