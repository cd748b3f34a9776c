using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;

namespace PoQ.Replay.Tests;

/// <summary>
/// Seeded commits of ledger deltas over a small universe of keys, so keys repeat across commits: each commit holds a key
/// at most once (as a commit's book does), close times collide (the task id decides the latest), some evaluators have no
/// latest task. The expected ledgers are computed here with LINQ, apart from the code under test.
/// </summary>
internal static class LedgerDeltaSamples
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<List<NodeLedger>> NodeCommits(int seed, int commits)
    {
        var random = new Random(seed);
        var keys = (from role in new[] { RecordedRoles.Inference, RecordedRoles.Evaluator }
                    from node in Enumerable.Range(0, 5)
                    from partition in Enumerable.Range(0, 3)
                    select (role, NodeId: $"n-{node}", partition)).ToList();
        return [.. Enumerable.Range(0, commits).Select(_ => keys.Where(_ => random.NextDouble() < 0.4).Select(k => new NodeLedger
        {
            Role = k.role,
            NodeId = k.NodeId,
            Partition = k.partition,
            Id = NodeLedger.IdOf(k.role, k.NodeId, k.partition),
            Count = random.Next(1, 9),
            Amount = random.Next(0, 5_000_000) / 1_000_000m,
            SumOfSquares = random.Next(0, 9_000_000) / 1_000_000m,
            LastPaidAt = Start.AddMilliseconds(random.Next(0, 50)),
        }).ToList())];
    }

    public static List<List<EvaluatorLedger>> EvaluatorCommits(int seed, int commits)
    {
        var random = new Random(seed);
        var keys = (from evaluator in Enumerable.Range(0, 4) from partition in Enumerable.Range(0, 3) select (Id: $"e-{evaluator}", partition)).ToList();
        return [.. Enumerable.Range(0, commits).Select(_ => keys.Where(_ => random.NextDouble() < 0.5).Select(k =>
        {
            bool latest = random.NextDouble() < 0.8;
            return new EvaluatorLedger
            {
                EvaluatorId = k.Id,
                Partition = k.partition,
                Sampled = random.Next(0, 9),
                Scored = random.Next(0, 9),
                Settled = random.Next(0, 9),
                Excluded = random.Next(0, 3),
                DeviationSum = random.Next(-3_000_000, 3_000_000) / 1_000_000m,
                DeviationSquares = random.Next(0, 9_000_000) / 1_000_000m,
                DeviationMin = random.Next(-50, 0) / 10.0,
                DeviationMax = random.Next(0, 50) / 10.0,
                LastClosedAt = latest ? Start.AddMilliseconds(random.Next(0, 4)) : null,
                LastTaskId = latest ? $"t-{random.Next(0, 1000)}" : null,
                Trust = latest ? random.Next(0, 1000) / 1000.0 : null,
            };
        }).ToList())];
    }

    /// <summary>Node ledgers by key, as comparable tuples (decimals compare by value, times by instant).</summary>
    public static List<(string, string, int, long, decimal, decimal, DateTimeOffset)> Expected(IEnumerable<NodeLedger> deltas) =>
        [.. deltas.GroupBy(d => (d.Role, d.NodeId, d.Partition))
            .Select(g => (g.Key.Role, g.Key.NodeId, g.Key.Partition, g.Sum(d => d.Count), g.Sum(d => d.Amount), g.Sum(d => d.SumOfSquares), g.Max(d => d.LastPaidAt)))
            .Order()];

    public static List<(string, string, int, long, decimal, decimal, DateTimeOffset)> Rows(IEnumerable<NodeLedger> rows) =>
        [.. rows.Select(r => (r.Role, r.NodeId, r.Partition, r.Count, r.Amount, r.SumOfSquares, r.LastPaidAt)).Order()];

    /// <summary>Evaluator ledgers by key: sums, min, max, and the (close time, ordinal task id) latest's fields.</summary>
    public static List<string> Expected(IEnumerable<EvaluatorLedger> deltas) =>
        [.. deltas.GroupBy(d => (d.EvaluatorId, d.Partition)).Select(g =>
        {
            var latest = g.Where(d => d.LastClosedAt is not null).OrderBy(d => d.LastClosedAt).ThenBy(d => d.LastTaskId, StringComparer.Ordinal).LastOrDefault();
            return Line(g.Key.EvaluatorId, g.Key.Partition, g.Sum(d => d.Sampled), g.Sum(d => d.Scored), g.Sum(d => d.Settled), g.Sum(d => d.Excluded),
                g.Sum(d => d.DeviationSum), g.Sum(d => d.DeviationSquares), g.Min(d => d.DeviationMin), g.Max(d => d.DeviationMax),
                latest?.LastClosedAt, latest?.LastTaskId, latest?.Trust);
        }).Order(StringComparer.Ordinal)];

    public static List<string> Rows(IEnumerable<EvaluatorLedger> rows) =>
        [.. rows.Select(r => Line(r.EvaluatorId, r.Partition, r.Sampled, r.Scored, r.Settled, r.Excluded, r.DeviationSum, r.DeviationSquares, r.DeviationMin, r.DeviationMax, r.LastClosedAt, r.LastTaskId, r.Trust))
            .Order(StringComparer.Ordinal)];

    // Decimals normalized (trailing zeros differ between C# sums and PostgreSQL's numeric), times as UTC ticks.
    private static string Line(string id, int partition, long sampled, long scored, long settled, long excluded, decimal sum, decimal squares, double min, double max, DateTimeOffset? at, string? task, double? trust) =>
        FormattableString.Invariant($"{id}:{partition} {sampled} {scored} {settled} {excluded} {sum / 1.000000000000000000000000000m} {squares / 1.000000000000000000000000000m} {min:R} {max:R} {at?.UtcTicks} {task} {trust:R}");
}
