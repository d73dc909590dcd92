using System.Globalization;
using PrReviewBot.Core.Items;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Findings;

/// <summary>Before/after numbers from a run shorter than the minimum (60 s by default), of unstated length, or from microbenchmarks only.</summary>
internal sealed class LoadTestTooShort : IFindingRule
{
    public string Id => FindingIds.LoadTestTooShort;

    public IEnumerable<Finding> Evaluate(ReviewContext context)
    {
        if (context.Measurements.Count == 0)
        {
            yield break;
        }
        var min = context.Config.Item(ItemKind.BeforeAfter).MinDurationSeconds;
        var duration = context.LoadTest?.DurationSeconds;
        const string why = "The process asks for a load test of at least 60 s sustained (not a burst) on production-like data: short runs miss GC cycles, cache warm-up and queueing.";
        var example = string.Create(CultureInfo.InvariantCulture, $"\"k6, 2,500 RPS constant arrival for 10 min on a production-sized dataset: p99 240 ms → 80 ms\" (at least {min} s).");
        if (duration is { } d && d < min)
        {
            yield return FindingFactory.Make(Id, string.Create(CultureInfo.InvariantCulture, $"The load test ran {d:0.#} s; at least {min} s sustained is required."), why, example);
        }
        else if (duration is null && context.MicrobenchmarkOnly)
        {
            yield return FindingFactory.Make(Id, "The numbers come from microbenchmarks only, not from a sustained load test.", why, example);
        }
        else if (duration is null)
        {
            yield return FindingFactory.Make(Id, "The load test's duration is not stated.", why, example);
        }
    }
}
