using System.Text.RegularExpressions;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Items.Constraint;

/// <summary>
/// The constraint: a measurable target (metric, comparator, number, unit) and a link to where it is defined — an
/// issue (<c>#123</c>, <c>org/repo#123</c>), a ticket, an SLO or design document. Links to images, profiles, CI runs
/// and PRs that are merely stacked or related do not define a target.
/// </summary>
internal sealed partial class ConstraintItem : IItemJudge
{
    public ItemKind Kind => ItemKind.Constraint;

    public void Judge(ReviewContext context)
    {
        var document = context.Document;
        var targetBlocks = new HashSet<int>();
        // The paragraph that introduces a list: "Measures the four budgets:" makes each item a goal.
        var leadIn = string.Empty;
        foreach (var block in document.Blocks)
        {
            if (block.Role != BlockRole.ListItem)
            {
                leadIn = block.Text;
            }
            var listedGoal = block.Role == BlockRole.ListItem && GoalLeadIn().IsMatch(Sentences.Plain(leadIn)) && !ResultLeadIn().IsMatch(Sentences.Plain(leadIn));
            foreach (var sentence in block.Sentences)
            {
                foreach (var target in TargetReader.Read(sentence, block.In(ItemKind.Constraint), block.In(ItemKind.Monitoring), listedGoal))
                {
                    if (!context.Targets.Contains(target))
                    {
                        context.Targets.Add(target);
                    }
                    targetBlocks.Add(block.Index);
                }
            }
        }
        var links = Links(document, targetBlocks).Distinct().ToList();
        context.ConstraintLinks.AddRange(links);

        var hasTarget = context.Targets.Count > 0;
        var hasLink = links.Count > 0;
        var evidence = context.Targets.Take(3).Select(Describe).Concat(links.Take(2).Select(l => "defined in " + l));
        context.Set(Kind, hasTarget && hasLink, Messages(context, hasTarget, hasLink), evidence);
    }

    /// <summary>References that say where a target comes from.</summary>
    private static IEnumerable<string> Links(DescriptionDocument document, HashSet<int> targetBlocks)
    {
        foreach (var block in document.Blocks)
        {
            var nearTarget = targetBlocks.Contains(block.Index) || block.In(ItemKind.Constraint);
            foreach (var sentence in block.Sentences.Where(s => s.Contains('#', StringComparison.Ordinal)))
            {
                foreach (Match m in IssueReference().Matches(sentence))
                {
                    var lead = sentence[..m.Index];
                    // "#2259 (reflection memo) is already in": a change that landed, not where a target comes from.
                    if (!NotTheSource().IsMatch(lead) && !Landed().IsMatch(sentence[(m.Index + m.Length)..]) && !InsideCodeOrUrl(sentence, m.Index))
                    {
                        yield return m.Value.Trim();
                    }
                }
            }
            foreach (var link in block.Links.Where(l => !l.IsImage))
            {
                var kind = link.Kind;
                var context = ContextBefore(block.Text, link);
                if (kind is LinkKind.Image or LinkKind.Profile or LinkKind.CiRun or LinkKind.Dashboard or LinkKind.SourceCode or LinkKind.ToolDocumentation)
                {
                    continue;
                }
                if (NotTheSource().IsMatch(context))
                {
                    continue;
                }
                var isIssue = kind is LinkKind.Issue or LinkKind.Ticket;
                if (isIssue || (nearTarget && kind is not LinkKind.PullRequest) || (targetBlocks.Contains(block.Index) && kind == LinkKind.PullRequest))
                {
                    yield return link.Url;
                }
            }
        }
    }

    private static string ContextBefore(string text, LinkReference link)
    {
        var at = link.Text.Length > 0 ? text.IndexOf(link.Text, StringComparison.Ordinal) : text.IndexOf(link.Url, StringComparison.Ordinal);
        var lead = at > 0 ? text[..at] : string.Empty;
        var lastStop = Math.Max(lead.LastIndexOf(". ", StringComparison.Ordinal), lead.LastIndexOf('\n'));
        return lastStop >= 0 ? lead[(lastStop + 1)..] : lead;
    }

    private static bool InsideCodeOrUrl(string sentence, int index)
    {
        var before = sentence[..index];
        var ticks = before.Count(c => c == '`');
        if (ticks % 2 == 1)
        {
            return true;
        }
        var lastSpace = before.LastIndexOfAny(WordStops);
        var word = before[(lastSpace + 1)..];
        return word.Contains("://", StringComparison.Ordinal) || word.Contains('/') && !(FastPaths.On ? OwnerRepo().IsMatch(word) : Regex.IsMatch(word, @"^[\w.-]+/[\w.-]+$"));
    }

    private static IEnumerable<string> Messages(ReviewContext context, bool hasTarget, bool hasLink)
    {
        var section = context.Document.SectionsFor(ItemKind.Constraint).FirstOrDefault();
        if (hasTarget && !hasLink)
        {
            yield return $"The target `{Describe(context.Targets[0])}` has no link to where it is defined: add the issue, ticket or SLO document it comes from (e.g. \"see #123\").";
        }
        else if (!hasTarget && hasLink)
        {
            yield return $"The description links {context.ConstraintLinks[0]} but states no measurable target: say which metric must reach which value (e.g. \"p95 < 80 ms at 2,500 RPS\").";
        }
        else if (section is not null && section.IsEmpty)
        {
            yield return $"The \"{section.Title}\" section is empty or says N/A: name the target this change serves (metric, comparator, number, unit) and link where it is defined.";
        }
        else
        {
            yield return "No measurable target found: state the target this change serves (e.g. \"p95 < 80 ms at 2,500 RPS\") and link the issue or SLO that defines it.";
        }
    }

    internal static string Describe(Target t)
    {
        var metric = t.Percentile is null ? t.Metric : $"{t.Percentile} {t.Metric}";
        var unit = t.Unit is "%" or "x" ? t.Unit : " " + t.Unit;
        var cmp = t.Comparator.Length > 0 ? t.Comparator + " " : string.Empty;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{metric} {cmp}{t.Value:0.###}{unit}");
    }

    private static readonly char[] WordStops = [' ', '(', '\n'];

    // The pattern InsideCodeOrUrl asks Regex.IsMatch for, compiled once (FastPaths) instead of looked up in the regex cache
    // and interpreted on each question.
    [GeneratedRegex(@"^[\w.-]+/[\w.-]+$")]
    private static partial Regex OwnerRepo();

    // #123, org/repo#123 — not "#1" inside "Chain/chain-1" or a heading anchor.
    [GeneratedRegex(@"(?<![\w/#&])(?:[A-Za-z0-9][\w.-]*/[\w.-]+)?#\d{1,7}\b")]
    private static partial Regex IssueReference();

    // Stacked, preceding or related work is not where a target comes from.
    [GeneratedRegex(@"\b(?:builds? on|built on|depends on|depending on|stacked|on top of|replaces?|supersedes?|backport(?:s|ed)? of|backport|follow[- ]?ups?|related(?: to)?|similar(?: to)?|prior|previous(?:ly)?|next|reverts?|reverting|closed in favou?r of)\b[^.]{0,40}$|\b(?:after|following|with|also|cc|like in|as in|same as|stack|vs\.?)\W{0,3}$|←\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NotTheSource();

    [GeneratedRegex(@"^\s*(?:\([^()]{0,60}\))?\s*(?:is|was|has been|got|were|are)\s+(?:already\s+)?(?:in|merged|landed|released|shipped)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Landed();

    // A lead-in that names what follows as goals: "the four budgets:", "Targets:", "Requirements".
    [GeneratedRegex(@"\b(?:budgets?|targets?|goals?|requirements?|slos?|objectives?|constraints?|acceptance criteria)\b[^.!?]{0,40}[:]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex GoalLeadIn();

    // "Results against the targets:": what follows is measured, not asked for.
    [GeneratedRegex(@"\b(?:results?|measured|measurements?|numbers|before|after|achieved|got|now|today)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ResultLeadIn();
}
