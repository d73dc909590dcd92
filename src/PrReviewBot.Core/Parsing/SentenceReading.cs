namespace PrReviewBot.Core.Parsing;

/// <summary>
/// One reading of one sentence (a sentence of prose, a list item, a table cell or a line of a code block): the facts
/// items combine, each worked out at most once however many items, findings and modes ask. Get one from
/// <see cref="DescriptionDocument.Read"/>, which hands the same reading to everyone who asks about the same text.
/// </summary>
internal sealed class SentenceReading(string text)
{
    private string? _plain;
    private bool? _switchWords;
    private bool? _hasDisableVerb;
    private bool? _behaviour;
    private bool? _behaviourStatement;
    private bool _disableRead;
    private string? _disable;

    public string Text { get; } = text;

    /// <summary>The text without code-span backticks and bold markers.</summary>
    public string Plain => _plain ??= Sentences.Plain(Text);

    /// <summary>A word that can make a name a switch ("flag", "setting", "env", "turn", "rollback"...), by a cheap scan.</summary>
    public bool HasSwitchWord => _switchWords ??= Cues.Any(Text, Cues.SwitchWords);

    /// <summary>The phrase that says how to turn something off ("set X=false", "leave the flag out"), or null.</summary>
    public string? DisableInstruction
    {
        get
        {
            if (!_disableRead)
            {
                _disable = SwitchCues.DisableInstruction(Plain);
                _disableRead = true;
            }
            return _disable;
        }
    }

    /// <summary>A verb of disabling anywhere in the sentence, as written (with code spans).</summary>
    public bool HasDisableVerb => _hasDisableVerb ??= SwitchCues.HasDisableVerb(Text);

    /// <summary>A cue for what happens when the change is off ("falls back", "as before", "the old parser").</summary>
    public bool HasBehaviour => _behaviour ??= SwitchCues.Behaviour().IsMatch(Plain);

    /// <summary>A statement about the disabled state on its own: "When the flag is off, reads go to Redis".</summary>
    public bool IsBehaviourStatement => _behaviourStatement ??= SwitchCues.BehaviourStatement().IsMatch(Plain);
}
