using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Gates.Judges;

namespace PrReviewBot.Core.Planning;

/// <summary>
/// Plan mode: from what an issue or PR states, an escalation plan per the ladder. Gates 1–3 open → measure first and
/// recommend no cache, singleflight or lock-free code. Otherwise the step the profile points at, with its evidence,
/// actions, metric proof for escalating, rollback flag, load-test plan and the steps skipped and why. Pure; never throws
/// on odd input.
/// </summary>
public sealed partial class EscalationPlanner
{
    /// <summary>Below this many requests per second the ladder's first two steps are expected to suffice (its own ranges).</summary>
    private const double LowTraffic = 2_000;

    public static EscalationPlanner Default { get; } = new();

    public EscalationPlan Plan(IssueDescription issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var facts = IssueReader.Read(issue);
        return Plan(facts, GateReviewer.Default.Judge(facts));
    }

    /// <summary>
    /// Which answer, in the process's order: push back on a bundle first (its answer — split, start with one — holds
    /// whatever the gates say); then work the ladder does not cover, whose own plan carries the measurements it needs;
    /// then "measure first" while gate 1, 2 or 3 is open; else the step the evidence points to. Gates 4 and 5 open do not
    /// block a plan: the plan is what answers them.
    /// </summary>
    internal static EscalationPlan Plan(IssueFacts facts, GateVerdict gates)
    {
        var units = Bundle.Units(facts.Techniques);
        if (units.Count >= 2)
        {
            return PushBack(facts, gates, units);
        }
        if (facts.Reading.Outside is { } outside)
        {
            return OutsideLadder(facts, gates, outside);
        }
        if (!gates.MeasurementsAnswered)
        {
            return MeasureFirst(facts, gates);
        }
        if (PointedStep(facts, gates) is { } step)
        {
            return OnTheLadder(facts, gates, EscalationLadder.Step(step));
        }
        return MeasuredOutsideLadder(facts, gates);
    }

    /// <summary>The step the proposal proves (gate 4 answered), else the step the profile reading points at, else step 1
    /// when the measured evidence is about the database.</summary>
    private static int? PointedStep(IssueFacts facts, GateVerdict gates)
    {
        var units = Bundle.Units(facts.Techniques);
        if (gates.Gate(GateKind.SimplestSolution).Satisfied && units.Count == 1 && units[0].Step is { } proven)
        {
            return proven;
        }
        if (facts.Pick.Step is { } pick)
        {
            return pick;
        }
        return facts.Pick.OutsideLadder is null && SimplestSolutionGate.Trigger(facts, 1) is not null ? 1 : null;
    }

    private static EscalationPlan PushBack(IssueFacts facts, GateVerdict gates, IReadOnlyList<ProposedUnit> units)
    {
        var basis = MeasureFirst(facts, gates);
        var first = units.Where(u => u.Step is not null).OrderBy(u => u.Step).FirstOrDefault() ?? units[0];
        var start = first.Step is { } s
            ? $"Start with {first.Name} (step {s.ToString(CultureInfo.InvariantCulture)}) alone, behind its own flag, once the evidence for it is measured; add the next technique only when metrics prove the first insufficient."
            : $"Start with {first.Name} alone, behind its own flag, measured before and after; add the next technique only when metrics prove the first insufficient.";
        var pushback = basis.Pushback.ToList();
        if (!pushback.Any(p => p.StartsWith("Not all at once", StringComparison.Ordinal)))
        {
            pushback.Insert(0, $"Not all at once: {Phrasing.List(units.Select(u => u.Name))}. Each is its own change, with its own feature flag and its own metric proof. Shipped together, nobody can tell which one helped and which one hurt, and none can be rolled back alone.");
        }
        var open = gates.Open.Where(g => g.Gate <= GateKind.Profile).Select(g => g.Gate.Number().ToString(CultureInfo.InvariantCulture)).ToList();
        return basis with
        {
            Kind = PlanKind.PushBack,
            // While gates 1–3 are open the plan still measures before anything else, and says so first.
            Headline = open.Count > 0
                ? $"Measure first, and not all at once: {units.Count} techniques proposed; start with {first.Name} once gate{(open.Count == 1 ? string.Empty : "s")} {Phrasing.List(open)} {(open.Count == 1 ? "is" : "are")} answered"
                : $"Not all at once: {units.Count} techniques proposed; start with {first.Name}",
            Pushback = pushback,
            Then = [start, .. basis.Then.Where(t => !t.StartsWith("Once the profile", StringComparison.Ordinal))],
        };
    }

    private static EscalationPlan MeasureFirst(IssueFacts facts, GateVerdict gates)
    {
        var r = facts.Reading;
        var open = gates.Open.Select(g => g.Gate).Where(g => g <= GateKind.Profile).ToList();
        var measure = new List<MeasurementTask>();
        if (open.Contains(GateKind.HardTargets))
        {
            measure.Add(new MeasurementTask(GateKind.HardTargets,
                "The baseline: p50/p95/p99 latency, throughput, error rate, CPU and memory under today's traffic.",
                "A latency histogram per endpoint and error-rate, CPU and memory gauges in your metrics system; request rates from the access logs. Then write the Gate 1 table (latency, throughput, error budget, CPU, memory, infra constraint) from the actual requirement, and put each target on a dashboard."));
        }
        if (open.Contains(GateKind.HotPath))
        {
            measure.Add(new MeasurementTask(GateKind.HotPath,
                "The hot path: the endpoints that carry more than 80% of the traffic, their p50/p95/p99, how stale their data may be, and the read/write ratio.",
                "Rank endpoints by request count from the access logs or APM; read their latency distribution from the histogram; ask the data's owners what staleness is acceptable."));
        }
        if (open.Contains(GateKind.Profile))
        {
            measure.Add(new MeasurementTask(GateKind.Profile,
                "The bottleneck: where the time goes on the hot path, and its type (CPU, I/O, memory pressure, contention, external dependency).",
                $"Profile under production-like load: {ProfileGate.ProfilerAdvice(r.Runtime)}."));
        }
        if (r.NewService)
        {
            var rate = r.PeakRate is { } peak ? Phrasing.Number(peak.Value) + " " + peak.Unit : "the expected peak rate";
            measure.Add(new MeasurementTask(GateKind.HotPath,
                "A service that is not in production yet has no traffic to profile: build the simple version with observability from day one.",
                $"Load test the simple design at {rate} for at least 60 s sustained with production-like data, and profile that run; its numbers are the baseline."));
        }
        measure.Add(new MeasurementTask(GateKind.HardTargets,
            "Observability before optimization: a latency histogram (p50, p95, p99) for the hot-path endpoints, the error rate, CPU and memory gauges, and dependency latency (database, Redis, external APIs).",
            "You cannot optimize what you cannot measure, and you cannot detect a regression without monitoring."));

        var notRecommended = new List<string>
        {
            "No cache, no singleflight and no lock-free code yet: none of them is justified until the profile shows the bottleneck it removes.",
        };
        if (r.ProposedTechniques.Count > 0)
        {
            notRecommended.Add($"Not now: {Phrasing.List(r.ProposedTechniques)}. Each needs metric proof first.");
        }

        var headline = open.Count == 0 ? "Measure first" : "Measure first: gate" + (open.Count == 1 ? " " : "s ") + Phrasing.List(open.Select(g => g.Number().ToString(CultureInfo.InvariantCulture))) + (open.Count == 1 ? " is" : " are") + " still open";
        return new EscalationPlan
        {
            Kind = PlanKind.MeasureFirst,
            Headline = headline,
            Gates = gates,
            Measure = measure,
            Pushback = Pushback(facts, recommended: null),
            NotRecommended = notRecommended,
            LoadTest = BaselineLoadTest(r),
            Then =
            [
                "Once the profile names the bottleneck, start at step 1 of the escalation ladder (fix the query) and move up only when the current step is insufficient AND metrics prove it.",
                "One optimization at a time, each behind its own feature flag so it can be disabled without redeploying.",
                "Prove each one with a load test (at least 60 s sustained; p50/p95/p99, throughput, error rate) before and after, and a flamegraph comparison for hot-path changes.",
                "Run `/perf-review plan` again when gates 1–3 are answered.",
            ],
            Questions = gates.Open.Where(g => g.Gate <= GateKind.Profile).SelectMany(g => g.Questions).ToList(),
        };
    }

    private static EscalationPlan OnTheLadder(IssueFacts facts, GateVerdict gates, LadderStep step)
    {
        var r = facts.Reading;
        var endpoint = HotEndpointName(r);
        // The issue's own flag name when it names exactly one; otherwise a suggestion from the endpoint and the step.
        var named = r.Rollback.FlagNames.Count == 1 ? r.Rollback.FlagNames[0] : null;
        var flag = named ?? FlagName(endpoint, step.FlagSuffix);
        var evidence = new List<string>(facts.Pick.Evidence.Select(Phrasing.Quote));
        if (Context(r) is { } context)
        {
            evidence.Add(context);
        }
        return new EscalationPlan
        {
            Kind = PlanKind.LadderStep,
            Headline = $"Step {step.Number}: {step.Name}",
            Gates = gates,
            Step = step,
            Evidence = evidence,
            Actions = Actions(facts, step, endpoint),
            MetricProofToEscalate = step.Number < 6 ? step.MetricProofToEscalate + $" Only then consider step {step.Number + 1} ({EscalationLadder.Step(step.Number + 1).Name})." : step.MetricProofToEscalate,
            Rollback = new RollbackFlag(flag,
                $"Turn `{flag}` off at runtime (config or flag service, no redeploy); keep it on by default only after the load test proves the gain. {step.Rollback}",
                step.WhenDisabled,
                Suggested: named is null),
            LoadTest = StepLoadTest(r, step),
            Skipped = Skipped(facts, step.Number),
            Pushback = Pushback(facts, step.Number),
            NotRecommended = NotRecommended(step.Number),
            Questions = StepQuestions(facts, gates, step.Number),
            Then =
            [
                $"Ship step {step.Number} alone, behind `{flag}`, and measure it in production against the target before deciding anything else.",
                "Add alert rules for regression (p99 breach, error-rate spike" + (step.Number is 2 or 3 ? ", cache hit-rate drop" : string.Empty) + ") with the change.",
            ],
        };
    }

    /// <summary>
    /// Work the ladder does not cover, answered honestly rather than forced onto a step: what to measure for that kind
    /// of work, the change to make once it is measured, and how to roll it back.
    /// </summary>
    private static EscalationPlan OutsideLadder(IssueFacts facts, GateVerdict gates, OutsideWork kind)
    {
        var r = facts.Reading;
        var target = r.Targets.FirstOrDefault() is { } t ? Phrasing.Describe(t) : r.StatedGoals.FirstOrDefault() is { } g ? "\"" + Phrasing.Quote(g) + "\"" : null;
        var (headline, measure, actions, rollback, proof) = kind switch
        {
            OutsideWork.FrontEnd => (
                "Outside the ladder: a front-end budget",
                new List<MeasurementTask>
                {
                    new(GateKind.HardTargets, target is not null ? $"The budget: {target}, checked on every build." : "The budget: the page-load and size limits to hold (e.g. LCP ≤ 2.5 s at p75, compressed JavaScript per route ≤ 170 kB).",
                        "Lighthouse CI (or WebPageTest) on a production build served as in production (compressed, same CDN settings), median of at least three runs; field data (Web Vitals RUM) for the p75 users really see."),
                    new(GateKind.Profile, "Where the bytes and the time go: the largest modules in the bundle and the main-thread work before the largest paint.",
                        "A bundle analyzer report for the production build, and a performance trace from the browser's developer tools."),
                },
                new List<string>
                {
                    "Take the largest cost the measurement shows first (one change: split a route, drop or replace a heavy dependency, defer below-the-fold code), and measure again.",
                    "Fail the build when the budget is exceeded, so it cannot grow back.",
                },
                "Revert the change, or ship it behind a flag that serves the previous bundle; the budget check in CI shows whether it held.",
                "The budget check passes on the production build, and field data (p75) moves the same way."),
            OutsideWork.Startup => (
                "Outside the ladder: application start-up",
                new List<MeasurementTask>
                {
                    new(GateKind.HardTargets, target is not null ? $"The start-up target: {target}, on a named device and build type." : "The start-up target: cold and warm start time (median and p95) to reach, on a named low-end device, release build.",
                        "Repeat cold starts (at least 10 runs, app force-stopped between runs, device unlocked and idle) and report median and p95, not one stopwatch reading."),
                    new(GateKind.Profile, "Where start-up time goes: the phases from process start to the first usable screen.",
                        "A start-up trace (Perfetto or Android Studio profiler on Android, Instruments on iOS, the runtime's own startup tracing elsewhere) with markers around initialisation, storage bootstrap and the first frame."),
                },
                new List<string>
                {
                    "Move or defer the largest phase the trace shows (lazy initialisation, work off the main thread, a smaller first screen) — one change at a time, measured the same way.",
                    "Keep the start-up benchmark in CI so a regression is caught before release.",
                },
                "Each change behind a remote flag, or reverted in the next release; compare the start-up distribution with the flag on and off.",
                "The median and p95 start-up time on the same device and build type meet the target."),
            _ => (
                "Outside the ladder: a regression to bisect",
                new List<MeasurementTask>
                {
                    new(GateKind.HardTargets, target is not null ? $"The baseline to get back to: {target}." : "The baseline to get back to: the metric on the last good build, from the same benchmark, as the target.",
                        "Run the same benchmark (same hardware, data and duration, at least 60 s sustained) on the last good and the first bad build, several runs each, and report the spread, so the difference is real."),
                    new(GateKind.Profile, "The culprit: the change between the good and the bad build that causes the difference, and where the time goes now.",
                        "Bisect between the good and the bad build with that benchmark; profile both builds under the same load and compare the flamegraphs."),
                },
                new List<string>
                {
                    "Revert the culprit, or fix it if the change is needed, then rerun the benchmark against the baseline.",
                    "Add the benchmark to CI with a threshold, so the same regression fails the build next time.",
                },
                "Reverting the culprit commit or version is the rollback; keep it possible until the fix is proven.",
                "The benchmark on the fixed build is back within noise of the good build."),
        };
        var evidence = new List<string>();
        if (r.OutsideEvidence is { } why)
        {
            evidence.Add(Phrasing.Quote(why));
        }
        evidence.AddRange(r.MeasuredEvidence.Take(2).Select(Phrasing.Quote));
        var flag = FlagName(HotEndpointName(r), kind == OutsideWork.Regression ? "revert" : "change");
        return new EscalationPlan
        {
            Kind = PlanKind.OutsideLadder,
            Outside = kind,
            Headline = headline,
            Gates = gates,
            Measure = measure,
            Evidence = evidence,
            Actions = actions,
            MetricProofToEscalate = proof,
            Rollback = new RollbackFlag(flag, rollback, "The previous behaviour returns; only the measured metric changes.", Suggested: r.Rollback.FlagNames.Count == 0),
            LoadTest = kind == OutsideWork.Regression ? BaselineLoadTest(r) : null,
            Skipped = EscalationLadder.Steps.Select(s => new SkippedStep(s.Number, s.Name, "Not this kind of work: the ladder is for a request path backed by a database and caches.")).ToList(),
            Pushback = Pushback(facts, recommended: null),
            NotRecommended = ["No server-side cache, singleflight or lock-free code for this: none of them addresses what this kind of work measures."],
            Questions = gates.Open.Where(g => g.Gate == GateKind.HardTargets).SelectMany(g => g.Questions).Take(2).ToList(),
        };
    }

    private static EscalationPlan MeasuredOutsideLadder(IssueFacts facts, GateVerdict gates)
    {
        var r = facts.Reading;
        var pick = facts.Pick;
        var endpoint = HotEndpointName(r);
        var flag = FlagName(endpoint, "fix");
        var actions = new List<string>();
        if (pick.OutsideLadder is { } outside)
        {
            actions.Add(outside);
        }
        else
        {
            actions.Add("Fix what the profile shows on the hot path, in the simplest way that removes the cost.");
        }
        actions.Add("Profile again after the change: the bottleneck must have moved, or the fix did not address it.");
        var evidence = pick.Evidence.Select(Phrasing.Quote).ToList();
        if (evidence.Count == 0)
        {
            evidence.AddRange(r.ProfileFindings.Take(2).Select(Phrasing.Quote));
        }
        if (Context(r) is { } context)
        {
            evidence.Add(context);
        }
        return new EscalationPlan
        {
            Kind = PlanKind.OutsideLadder,
            Headline = "Outside the ladder: a targeted fix where the profile points",
            Gates = gates,
            Evidence = evidence,
            Actions = actions,
            MetricProofToEscalate = "Only if the fix is in and the target is still missed, with a new profile showing what dominates now, look at the ladder again.",
            Rollback = new RollbackFlag(flag, $"Turn `{flag}` off at runtime (no redeploy).", "The previous code path runs; only latency changes."),
            LoadTest = StepLoadTest(r, null),
            Skipped = EscalationLadder.Steps.Select(s => new SkippedStep(s.Number, s.Name, $"Not indicated: {s.When}")).ToList(),
            Pushback = Pushback(facts, recommended: null),
            NotRecommended = ["No cache, singleflight or lock-free code for this: the profile does not show the bottleneck they remove."],
            Questions = StepQuestions(facts, gates, 0),
        };
    }

    private static List<string> Actions(IssueFacts facts, LadderStep step, string? endpoint)
    {
        var r = facts.Reading;
        var where = endpoint is not null ? $" in {Phrasing.Endpoint(endpoint)}" : string.Empty;
        var actions = new List<string>();
        switch (step.Number)
        {
            case 1:
                var evidence = string.Join(' ', facts.Pick.Evidence);
                if (NPlusOne().IsMatch(evidence))
                {
                    actions.Add($"Replace the N+1 fetch loop{where} with one batched query (`WHERE id = ANY($1)`) or a join: one round trip per request instead of one per item.");
                    actions.AddRange(step.Actions.Where(a => !a.Contains("N+1", StringComparison.Ordinal)));
                }
                else
                {
                    actions.AddRange(step.Actions);
                }
                break;
            case 2:
                actions.AddRange(step.Actions);
                actions.Add(r.Staleness is { } staleness
                    ? $"Keep the TTL within the staleness the data tolerates (\"{Phrasing.Quote(staleness)}\")."
                    : "Choose the TTL from the staleness the data tolerates — the issue does not say yet (see the questions).");
                actions.Add("Put a circuit breaker and a timeout around Redis, so the service falls back to the database when Redis is slow or down.");
                break;
            case 3:
                foreach (var action in step.Actions)
                {
                    if (action.StartsWith("Size L1", StringComparison.Ordinal) && MemoryBudget(r) is { } budget)
                    {
                        actions.Add($"Size L1 to fit the memory budget ({budget}): bound it by entries or bytes, well inside that budget, and cache only the hot keys, not everything.");
                    }
                    else
                    {
                        actions.Add(action);
                    }
                }
                if (r.Staleness is { } tolerated)
                {
                    actions.Add($"Keep the L1 TTL below the staleness the data tolerates (\"{Phrasing.Quote(tolerated)}\").");
                }
                break;
            default:
                actions.AddRange(step.Actions);
                break;
        }
        return actions;
    }

    private static List<SkippedStep> Skipped(IssueFacts facts, int recommended)
    {
        var r = facts.Reading;
        var skipped = new List<SkippedStep>();
        foreach (var s in EscalationLadder.Steps.Where(s => s.Number != recommended))
        {
            string reason;
            if (s.Number < recommended)
            {
                reason = r.StepsInPlace.Contains(s.Number)
                    ? "Already in place: " + InPlaceEvidence(facts, s.Number)
                    : $"Not the bottleneck: the profile does not show its trigger ({Lower(s.When)})";
            }
            else if (s.Number == recommended + 1)
            {
                reason = recommended == 1 && s.Number == 2
                    ? "No cache: the profile shows the cost in the queries themselves; a cache would hide that cost, not remove it, and adds invalidation and staleness to manage. Only after step 1 proves insufficient: " + EscalationLadder.Step(recommended).MetricProofToEscalate
                    : $"Only after step {recommended} proves insufficient, with metric proof: {EscalationLadder.Step(recommended).MetricProofToEscalate}";
            }
            else
            {
                reason = $"No metric proof: it applies only when {Lower(s.When)}";
            }
            skipped.Add(new SkippedStep(s.Number, s.Name, reason));
        }
        return skipped;
    }

    private static List<string> NotRecommended(int step)
    {
        var above = EscalationLadder.Steps.Where(s => s.Number > step).Select(s => s.Number switch
        {
            2 => "no cache",
            3 => "no in-process L1 cache",
            4 => "no singleflight",
            5 => "no zero-serialization",
            6 => "no lock-free code",
            _ => s.Name,
        }).ToList();
        return above.Count == 0 ? [] : [$"In this change: {Phrasing.List(above)}. Each is a separate step that needs its own metric proof."];
    }

    /// <summary>Bundling, premature design and proposals the evidence does not support.</summary>
    private static List<string> Pushback(IssueFacts facts, int? recommended)
    {
        var r = facts.Reading;
        var pushback = new List<string>();
        var asked = r.ProposedTechniques.ToList();
        if (r.ProposedSteps.Count >= 2 || asked.Count >= 3)
        {
            pushback.Add($"Not all at once: {Phrasing.List(asked)}. Each is its own step of the escalation ladder, with its own feature flag and its own metric proof. Shipped together, nobody can tell which one helped and which one hurt, and none can be rolled back alone.");
        }
        if (r.ProposedSteps.Count > 0 && recommended is null)
        {
            var proofs = r.ProposedSteps.Where(s => s > 1).Select(s => $"{EscalationLadder.ShortName(s)} only when {Lower(EscalationLadder.Step(s).When)}").ToList();
            if (proofs.Count > 0)
            {
                pushback.Add($"Start from the ladder's step 1 and climb one step at a time, each with metric proof: {string.Join("; ", proofs)}. \"I think we need an L1 cache\" is not proof; \"Redis round-trip is 2ms and accounts for 60% of p99 at current load\" is.");
            }
        }
        var peak = r.PeakRate;
        if (r.NewService && (peak is null || peak.Value < LowTraffic))
        {
            var range = RateRange(r);
            pushback.Add($"Premature design: at {range} a properly indexed database and possibly one Redis cache layer is likely enough. L1 caches and singleflight are for 10K–50K RPS with a measured stampede or Redis round-trip; patterns designed for high-scale systems add complexity at this load. Start simple: indexes verified with EXPLAIN, connection pooling and observability from day one; add one Redis layer only when metrics show repeated reads dominate.");
        }
        else if (!r.NewService && peak is { } p && p.Value < LowTraffic && r.ProposedSteps.Any(s => s >= 3))
        {
            pushback.Add($"At {Phrasing.Number(p.Value)} {p.Unit}, an L1 cache, singleflight or lock-free code is unlikely to be needed: the ladder's typical range for them starts around 10K RPS. The trigger is always the profile, not the traffic number — show the metric that makes them necessary.");
        }
        if (recommended is { } step)
        {
            var above = r.ProposedSteps.Where(s => s > step).ToList();
            if (above.Count > 0)
            {
                pushback.Add($"You ask about step{(above.Count > 1 ? "s" : string.Empty)} {Phrasing.List(above.Select(a => a.ToString(CultureInfo.InvariantCulture)))}, but the profile points at step {step}: start there, and escalate only when metrics prove step {step} insufficient.");
            }
        }
        if (r.ProposedTechniques.Any(t => t.StartsWith("circuit", StringComparison.Ordinal)) && recommended is null)
        {
            pushback.Add("Circuit breakers belong with each new external dependency when you add it (Gate 5), not as an up-front pattern.");
        }
        return pushback;
    }

    private static List<string> StepQuestions(IssueFacts facts, GateVerdict gates, int step)
    {
        var r = facts.Reading;
        var questions = new List<string>();
        if (step is 2 or 3 && r.Staleness is null)
        {
            questions.Add("What staleness can the data tolerate (real-time? 30 seconds? 5 minutes?) — it bounds the TTL and decides the invalidation strategy.");
        }
        if (step == 3 && MemoryBudget(r) is null)
        {
            questions.Add("What is the memory budget (Gate 1: steady-state < 60–70% of RAM)? L1 must be sized to fit it.");
        }
        if (step is 2 or 3 && r.ReadWriteRatio is null)
        {
            questions.Add("What is the read/write ratio? A cache pays off on read-heavy data with predictable hot keys.");
        }
        if (!r.Rollback.AlertRules)
        {
            questions.Add("Which alert rules will catch a regression (p99 breach, error-rate spike" + (step is 2 or 3 ? ", cache hit-rate drop" : string.Empty) + ")?");
        }
        return questions;
    }

    private static LoadTestPlan BaselineLoadTest(IssueReading r) =>
        new(60, RateText(r),
            ["p50, p95 and p99 latency", "throughput", "error rate", "CPU and memory"],
            [
                $"Run at least 60 s sustained (not a burst) at {RateText(r)}, with production-like data (cardinality and payload sizes).",
                "Record the results as the baseline the targets and every later step are compared against.",
            ]);

    private static LoadTestPlan StepLoadTest(IssueReading r, LadderStep? step)
    {
        var metrics = new List<string> { "p50, p95 and p99 latency", "throughput", "error rate" };
        switch (step?.Number)
        {
            case 1:
                metrics.Add("database query latency histogram and queries per request");
                break;
            case 2:
                metrics.Add("cache hit rate and Redis latency");
                break;
            case 3:
                metrics.Add("L1 hit and miss rates, Redis hit rate, memory use");
                break;
            case 4:
                metrics.Add("singleflight dedup rate and database calls per expired key");
                break;
            case 5 or 6:
                metrics.Add("CPU and allocation rate");
                break;
        }
        var target = r.Targets.FirstOrDefault(t => t.Metric == "latency") ?? r.Targets.FirstOrDefault();
        var compare = target is not null ? $" and against the target ({Phrasing.Describe(target)})" : string.Empty;
        return new LoadTestPlan(60, RateText(r), metrics,
            [
                $"Run at least 60 s sustained (5 minutes is better; not a burst) at {RateText(r)}, with production cardinality and payload sizes.",
                "Run it twice on the same build and data: flag off (baseline) and flag on.",
                $"Compare the two runs{compare}; commit the script and link the results in the PR.",
                "Capture a flamegraph in both runs and compare them: the bottleneck should have moved.",
            ]);
    }

    private static string RateText(IssueReading r)
    {
        var rate = r.Traffic.Where(t => t.Kind != RateKind.Expected).OrderByDescending(t => t.Value).FirstOrDefault()
                   ?? r.Traffic.OrderByDescending(t => t.Value).FirstOrDefault();
        var target = r.Targets.Where(t => t.Metric == "throughput").OrderByDescending(t => t.Value).FirstOrDefault();
        if (target is not null && (rate is null || target.Value > rate.Value))
        {
            return $"{Phrasing.Number(target.Value)} {target.Unit} (the throughput target)";
        }
        return rate switch
        {
            null => "the production request rate (from the access logs)",
            { Kind: RateKind.Expected } => $"{Phrasing.Number(rate.Value)} {rate.Unit} (the expected peak)",
            _ => $"{Phrasing.Number(rate.Value)} {rate.Unit} (today's traffic)",
        };
    }

    private static string RateRange(IssueReading r)
    {
        var rates = r.Traffic.Select(t => t.Value).Distinct().Order().ToList();
        return rates.Count switch
        {
            0 => "this traffic",
            1 => $"{Phrasing.Number(rates[0])} {r.Traffic[0].Unit}",
            _ => $"{Phrasing.Number(rates[0])}–{Phrasing.Number(rates[^1])} {r.Traffic[0].Unit}",
        };
    }

    /// <summary>"p95 240 ms against a target of p95 latency &lt; 80 ms, at 2,500 RPS": the gap the step must close.</summary>
    private static string? Context(IssueReading r)
    {
        var target = r.Targets.FirstOrDefault(t => t.Metric == "latency");
        var current = target is not null ? r.Latency.FirstOrDefault(l => l.Percentile == target.Percentile) ?? r.Latency.FirstOrDefault() : r.Latency.FirstOrDefault();
        if (current is null && target is null)
        {
            return null;
        }
        var sb = new StringBuilder();
        if (current is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{current.Percentile} is {Phrasing.Number(current.Value)} {current.Unit}");
        }
        if (target is not null)
        {
            sb.Append(sb.Length > 0 ? " against a target of " : "target: ").Append(Phrasing.Describe(target));
        }
        if (r.Traffic.FirstOrDefault(t => t.Kind != RateKind.Expected) is { } rate)
        {
            sb.Append(CultureInfo.InvariantCulture, $", at {Phrasing.Number(rate.Value)} {rate.Unit}");
        }
        return sb.ToString();
    }

    private static string? MemoryBudget(IssueReading r) =>
        r.Targets.FirstOrDefault(t => t.Metric == "memory") is { } t ? Phrasing.Describe(t) : null;

    private static string InPlaceEvidence(IssueFacts facts, int step)
    {
        var mention = facts.Sentences.SelectMany(s => Clauses.Of(s.Text)).FirstOrDefault(t => step switch
        {
            1 => InPlaceQuery().IsMatch(t),
            2 => InPlaceCache().IsMatch(t),
            _ => false,
        });
        return mention is not null ? $"\"{Phrasing.Quote(mention)}\"" : "the issue says so";
    }

    internal static string? HotEndpointName(IssueReading r)
    {
        var top = r.Endpoints.Where(e => e.Name.Length > 0).OrderByDescending(e => e.SharePercent ?? -1).FirstOrDefault();
        return top?.Name;
    }

    /// <summary>"product listing endpoint" + "l1_cache" → <c>product_listing_l1_cache</c>; "GET /api/v1/feed/{id}" → <c>feed_…</c>.</summary>
    internal static string FlagName(string? endpoint, string suffix)
    {
        var words = new List<string>();
        if (endpoint is not null)
        {
            var name = HttpVerb().Replace(endpoint, string.Empty);
            if (name.TrimStart().StartsWith('/'))
            {
                var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries)
                    .Where(s => !s.Contains('{') && !s.StartsWith(':') && !VersionOrApi().IsMatch(s) && !s.All(char.IsDigit)).ToList();
                name = segments.Count > 0 ? segments[^1] : string.Empty;
            }
            words.AddRange(FlagWord().Matches(name.ToLowerInvariant()).Select(m => m.Value)
                .Where(w => w is not ("endpoint" or "endpoints" or "route" or "routes" or "handler" or "handlers" or "rpc" or "resolver" or "mutation")));
        }
        if (words.Count == 0)
        {
            words.Add("perf");
        }
        return string.Join('_', words.Take(3)) + "_" + suffix;
    }

    private static string Lower(string sentence) =>
        sentence.Length > 0 ? char.ToLowerInvariant(sentence[0]) + sentence[1..].TrimEnd('.') : sentence;

    [GeneratedRegex(@"\bn\s?\+\s?1\b|\bone (?:query|select|call|round[- ]trip|request) per\b|\bquery per (?:item|row|post|request)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NPlusOne();

    [GeneratedRegex(@"\b(?:quer(?:y|ies)|db|database)\b[^.;]{0,30}\b(?:optimi[sz]ed|index-only|indexed)\b|\bindex-only\b", RegexOptions.IgnoreCase)]
    private static partial Regex InPlaceQuery();

    [GeneratedRegex(@"\b(?:redis|memcached?|cache)\b[^.;]{0,40}\bhit[- ]?(?:rate|ratio)\b|\b(?:already|existing|currently)\b[^.;]{0,30}\b(?:redis|cache)\b", RegexOptions.IgnoreCase)]
    private static partial Regex InPlaceCache();

    [GeneratedRegex(@"^\s*(?:GET|POST|PUT|PATCH|DELETE)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex HttpVerb();

    [GeneratedRegex(@"^(?:v\d+|api)$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionOrApi();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex FlagWord();
}
