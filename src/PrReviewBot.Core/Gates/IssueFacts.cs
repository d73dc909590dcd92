using PrReviewBot.Core.Parsing;
using PrReviewBot.Core.Planning;

namespace PrReviewBot.Core.Gates;

/// <summary>
/// An issue read once: the parsed document, its gate sections and sentences, the public <see cref="IssueReading"/>,
/// and what the gates and the plan need beyond it (profile evidence clauses, vague wishes, the ladder pick).
/// </summary>
internal sealed class IssueFacts
{
    public required DescriptionDocument Document { get; init; }

    public required IReadOnlyList<GateSection> Sections { get; init; }

    public required IReadOnlyList<IssueSentence> Sentences { get; init; }

    public required IssueReading Reading { get; init; }

    /// <summary>"feels slow", "make it faster": wishes that are not targets, quoted.</summary>
    public required IReadOnlyList<string> VagueWishes { get; init; }

    /// <summary>The technique mentions behind <see cref="IssueReading.ProposedSteps"/> and <see cref="IssueReading.StepsInPlace"/>.</summary>
    public required IReadOnlyList<TechniqueMention> Techniques { get; init; }

    /// <summary>The ladder step the profile points at (from the profile findings).</summary>
    public required LadderPick Pick { get; init; }

    /// <summary>The title of a gate section that holds nothing but template leftovers, if the gate has no other section.</summary>
    public string? EmptySection(GateKind gate)
    {
        var sections = Sections.Where(s => s.Gate == gate).ToList();
        return sections.Count > 0 && sections.All(s => s.IsEmpty) ? sections[0].Title : null;
    }
}
