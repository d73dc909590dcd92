namespace PrReviewBot.Core.Model;

/// <summary>The verdict's conclusion as the JSON contract names it.</summary>
public enum Conclusion
{
    /// <summary>Every required item is present and no finding is an error.</summary>
    Success,

    /// <summary>A required item is missing or a finding is an error.</summary>
    Failure,

    /// <summary>Not an optimization PR: nothing to enforce (the check still passes).</summary>
    Skipped,
}

/// <summary><c>enforce</c> fails the check on a failing verdict; <c>shadow</c> reports it as neutral while a team rolls the bot out.</summary>
public enum ReviewMode
{
    Enforce,
    Shadow,
}

public static class Conclusions
{
    public static string Name(this Conclusion conclusion) => conclusion switch
    {
        Conclusion.Success => "success",
        Conclusion.Failure => "failure",
        Conclusion.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(conclusion)),
    };

    public static string Name(this ReviewMode mode) => mode == ReviewMode.Shadow ? "shadow" : "enforce";
}
