using System.Text.RegularExpressions;
using PrReviewBot.Core.Items.Constraint;
using PrReviewBot.Core.Model;
using PrReviewBot.Core.Parsing;

namespace PrReviewBot.Core.Gates;

/// <summary>What the tables of an issue say: the Gate 1 table filled in, and endpoint/traffic-share tables.</summary>
internal sealed class TableReadings
{
    public List<Target> Targets { get; } = [];

    public List<LatencyReading> Latency { get; } = [];

    public List<TrafficRate> Traffic { get; } = [];

    public List<string> Usage { get; } = [];

    public List<HotEndpoint> Endpoints { get; } = [];

    public string? InfraConstraint { get; set; }
}

/// <summary>
/// Reads the process's Gate 1 table as teams fill it in (| Constraint | Target | Current |, one row per latency,
/// throughput, error budget, CPU, memory, infra constraint), and endpoint tables (| Endpoint | Share of traffic | p95 |).
/// Rows left as TBD or "?" count as unanswered.
/// </summary>
internal static partial class IssueTables
{
    public static TableReadings Read(DescriptionDocument document)
    {
        var readings = new TableReadings();
        foreach (var table in document.Tables)
        {
            var header = table.Header.Select(h => h.ToLowerInvariant()).ToList();
            var endpointColumn = header.FindIndex(h => EndpointHeader().IsMatch(h));
            if (endpointColumn >= 0)
            {
                ReadEndpoints(table, header, endpointColumn, readings);
                continue;
            }
            ReadConstraints(table, header, readings);
        }
        return readings;
    }

    private static void ReadConstraints(TableData table, List<string> header, TableReadings readings)
    {
        var targetColumn = header.FindIndex(h => TargetHeader().IsMatch(h));
        var currentColumn = header.FindIndex(h => CurrentHeader().IsMatch(h));
        foreach (var row in table.Rows)
        {
            if (row.Count < 2)
            {
                continue;
            }
            var metric = RowMetric(row[0]);
            if (metric is null)
            {
                continue;
            }
            for (var c = 1; c < row.Count; c++)
            {
                var cell = row[c].Trim();
                if (Leftovers.IsPlaceholder(cell) || cell.EndsWith('?'))
                {
                    continue;
                }
                var isCurrent = c == currentColumn;
                // Without a column headed as the target, only the Gate 1 table's own shape (| Constraint | value |) holds targets:
                // a "| metric | value |" or before/after table holds measurements, and a measurement is never a target.
                var isTarget = c == targetColumn || (targetColumn < 0 && c == 1 && !isCurrent && header.Count > 0 && ConstraintHeader().IsMatch(header[0]));
                if (metric == "infra")
                {
                    if (isTarget || targetColumn < 0)
                    {
                        readings.InfraConstraint ??= cell;
                    }
                    continue;
                }
                if (isTarget)
                {
                    ReadTargetCell(cell, metric, readings);
                }
                else if (isCurrent)
                {
                    ReadCurrentCell(row[0] + " " + cell, cell, metric, readings);
                }
            }
        }
    }

    private static void ReadTargetCell(string cell, string metric, TableReadings readings)
    {
        var targets = TargetReader.Read(cell, inConstraintSection: true).ToList();
        if (targets.Count == 0)
        {
            // "80 ms" in the target column: the comparator is implied by the metric.
            var q = Quantities.Find(Sentences.Plain(cell)).Select(f => f.Quantity).FirstOrDefault();
            if (q.Unit is null)
            {
                return;
            }
            var percentile = Percentile().Match(cell) is { Success: true } p ? p.Value.ToLowerInvariant() : null;
            targets.Add(new Target(metric, percentile, metric == "throughput" ? ">=" : "<", q.Value, q.Unit));
        }
        // The row says what the number is ("Error budget | < 0.1%" is an error rate, not a latency share).
        readings.Targets.AddRange(targets.Select(t => t with { Metric = metric }));
    }

    private static void ReadCurrentCell(string rowText, string cell, string metric, TableReadings readings)
    {
        switch (metric)
        {
            case "latency":
                var latency = CurrentNumbers.Latency(Sentences.Plain(cell)).ToList();
                if (latency.Count == 0 && Quantities.Find(Sentences.Plain(cell)).FirstOrDefault() is { Quantity.Family: UnitFamily.Time } q)
                {
                    var pct = Percentile().Match(rowText) is { Success: true } p ? p.Value.ToLowerInvariant() : "p95";
                    latency.Add(new LatencyReading(pct, q.Quantity.Value, q.Quantity.Unit));
                }
                readings.Latency.AddRange(latency);
                break;
            case "throughput":
                readings.Traffic.AddRange(CurrentNumbers.Rates(Sentences.Plain(cell), []).Select(r => r with { Kind = RateKind.Current }));
                break;
            default:
                readings.Usage.Add($"{metric} {cell}");
                break;
        }
    }

    private static void ReadEndpoints(TableData table, List<string> header, int endpointColumn, TableReadings readings)
    {
        var shareColumn = header.FindIndex(h => ShareHeader().IsMatch(h));
        var latencyColumns = header.Select((h, i) => (h, i)).Where(x => Percentile().IsMatch(x.h) || x.h.Contains("latency", StringComparison.Ordinal)).ToList();
        foreach (var row in table.Rows)
        {
            if (row.Count <= endpointColumn || Leftovers.IsPlaceholder(row[endpointColumn]))
            {
                continue;
            }
            double? share = null;
            if (shareColumn >= 0 && shareColumn < row.Count)
            {
                share = HotPathReader.Share(row[shareColumn], inHotPathSection: true);
            }
            readings.Endpoints.Add(new HotEndpoint(row[endpointColumn].Replace("`", string.Empty, StringComparison.Ordinal).Trim(), share));
            foreach (var (h, i) in latencyColumns)
            {
                if (i < row.Count && Quantities.Find(Sentences.Plain(row[i])).FirstOrDefault() is { Quantity.Family: UnitFamily.Time } q &&
                    !TargetHeader().IsMatch(h))
                {
                    var pct = Percentile().Match(h) is { Success: true } p ? p.Value.ToLowerInvariant() : "p95";
                    readings.Latency.Add(new LatencyReading(pct, q.Quantity.Value, q.Quantity.Unit));
                }
            }
        }
    }

    private static string? RowMetric(string name)
    {
        var n = name.ToLowerInvariant();
        return n switch
        {
            _ when n.Contains("latency", StringComparison.Ordinal) || n.Contains("response time", StringComparison.Ordinal) || Percentile().IsMatch(n) => "latency",
            _ when n.Contains("throughput", StringComparison.Ordinal) || n.Contains("rps", StringComparison.Ordinal) || n.Contains("traffic", StringComparison.Ordinal) || n.Contains("requests", StringComparison.Ordinal) => "throughput",
            _ when n.Contains("error", StringComparison.Ordinal) => "error rate",
            _ when n.Contains("cpu", StringComparison.Ordinal) => "CPU",
            _ when n.Contains("memory", StringComparison.Ordinal) || n.Contains("ram", StringComparison.Ordinal) || n.Contains("heap", StringComparison.Ordinal) => "memory",
            _ when n.Contains("infra", StringComparison.Ordinal) || n.Contains("cost", StringComparison.Ordinal) || n.Contains("budget", StringComparison.Ordinal) => "infra",
            _ => null,
        };
    }

    [GeneratedRegex(@"\b(?:endpoints?|routes?|paths?|operations?|handlers?|urls?|apis?)\b")]
    private static partial Regex EndpointHeader();

    [GeneratedRegex(@"\b(?:share|% of|traffic|requests|rps|qps|volume)\b|%")]
    private static partial Regex ShareHeader();

    [GeneratedRegex(@"\b(?:targets?|goals?|slos?|slas?|budgets?|required|requirements?|limits?|must)\b")]
    private static partial Regex TargetHeader();

    [GeneratedRegex(@"\b(?:constraints?|requirements?|slos?|gate 1)\b")]
    private static partial Regex ConstraintHeader();

    [GeneratedRegex(@"\b(?:current(?:ly)?|baseline|today|now|measured|actual|observed|as[- ]is)\b")]
    private static partial Regex CurrentHeader();

    [GeneratedRegex(@"\bp\d{2}(?:\.\d+)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Percentile();
}
