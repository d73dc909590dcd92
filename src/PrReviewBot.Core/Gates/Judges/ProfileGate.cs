using PrReviewBot.Core.Items.Profile;

namespace PrReviewBot.Core.Gates.Judges;

/// <summary>
/// Gate 3: a measured artifact that says where the time goes — a profile or trace (attached, linked or pasted), a query
/// plan with row counts, lock stacks, counted duplicate calls, or an APM or trace breakdown. Reading the code, arithmetic,
/// a hypothesis or a profile still to be taken does not count: "Do not guess the bottleneck. Profile it." The bottleneck
/// type (the Gate 3 table) is asked for when the evidence does not name it.
/// </summary>
internal sealed class ProfileGate : IGateJudge
{
    public GateKind Gate => GateKind.Profile;

    public GateResult Judge(IssueFacts facts, IReadOnlyList<GateResult> earlier)
    {
        var r = facts.Reading;
        var answers = new List<string>();
        answers.AddRange(r.ProfileArtifacts.Take(2).Select(a => $"{a.Kind} attached"));
        answers.AddRange(r.MeasuredEvidence.Take(2).Select(f => "measured: \"" + Phrasing.Quote(f) + "\""));
        if (r.Bottlenecks.Count > 0)
        {
            answers.Add("bottleneck: " + Phrasing.List(r.Bottlenecks.Select(BottleneckReader.Name)));
        }

        var hasEvidence = r.ProfileArtifacts.Count > 0 || r.MeasuredEvidence.Count > 0;
        var questions = new List<string>();
        if (!hasEvidence)
        {
            if (facts.EmptySection(Gate) is { } section)
            {
                questions.Add($"The \"{Phrasing.Quote(section)}\" section is still empty (TBD / N/A).");
            }
            foreach (var guess in r.Guesses.Take(2))
            {
                questions.Add($"\"{Phrasing.Quote(guess)}\" is a guess, not a profile. Do not guess the bottleneck. Profile it.");
            }
            questions.Add($"Profile the hot path under production-like load and attach what it shows: {ProfilerAdvice(r.Runtime)}. For database time, EXPLAIN ANALYZE output or the query count per request counts as well.");
        }

        var further = new List<string>();
        if (hasEvidence && r.Bottlenecks.Count == 0)
        {
            further.Add("What type of bottleneck does it show: CPU bound, I/O bound, memory pressure, contention or an external dependency?");
        }
        if (r.ProfileArtifacts.Count == 0 && hasEvidence)
        {
            further.Add("Link the profile or trace itself, so reviewers can check the reading.");
        }
        return new GateResult(Gate, hasEvidence ? GateStatus.Satisfied : GateStatus.Open, answers, questions, further);
    }

    /// <summary>The Gate 3 table's tools, with the runtime's own profiler when the issue names one.</summary>
    internal static string ProfilerAdvice(string? runtime)
    {
        var cpu = runtime switch
        {
            "Go" => "a CPU flamegraph from pprof",
            "JVM" => "a CPU flamegraph from async-profiler",
            ".NET" => "a CPU trace from dotnet-trace",
            "Python" => "a flamegraph from py-spy",
            "Node.js" => "a CPU profile (node --cpu-prof)",
            _ => "a CPU flamegraph from the language profiler",
        };
        return $"{cpu} for CPU-bound code, a wall-clock profile or distributed trace for I/O (threads blocked on network or database), a heap profile for memory pressure, a lock profile for contention, and the span breakdown (OpenTelemetry/APM) for a slow upstream";
    }
}
