using System.Diagnostics;
using PoQ.Consensus.Rules;
using PoQ.Projections.Replay;
using PoQ.Projections.Store;

namespace PoQ.Bench;

/// <summary>
/// Replay speed against the raw event-read rate of the same store in the same run. Raw: read every
/// <c>TaskFinalized</c> (deserialized) with the reader replay uses. Replay: the same read plus settling every task
/// through <see cref="ReplayEngine"/> under the recorded rule — without writing a scenario (writing is a bulk COPY,
/// measured by <c>poq replay</c> itself). Raw and replay repetitions are interleaved; medians are kept.
/// </summary>
public static class ReplayBenchmark
{
    /// <summary>Runs the benchmark on the history in <paramref name="connectionString"/>; null when the store holds no task.</summary>
    public static async Task<ReplayBenchResult?> RunAsync(string connectionString, int repetitions, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        using var store = PoqStore.Create(connectionString);
        var history = await RecordedHistory.LoadAsync(store, connectionString, cancellationToken).ConfigureAwait(false);
        if (history.Tasks.Count == 0)
        {
            return null;
        }

        var recorded = history.Mechanisms.Find(history.Tasks[0].Settlement.MechanismHash)?.Mechanism;
        var rule = recorded?.Rule ?? RuleCatalog.Create(TrustWeightedMeanRule.RuleName);
        var (plan, problem) = ReplayPlan.Resolve(history, "bench", rule, ReplayRange.All);
        if (plan is null)
        {
            throw new InvalidOperationException(problem);
        }

        long scores = plan.Scores;
        var raw = new List<double>();
        var replay = new List<double>();
        double checksum = 0;

        // Warm-up: JIT, Marten's compiled readers, the connection pool.
        checksum += await ReplayOnceAsync(connectionString, plan, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            checksum += (await RecordedHistory.ReadTasksAsync(connectionString, cancellationToken).ConfigureAwait(false)).Count;
            raw.Add(Stopwatch.GetElapsedTime(start).TotalMinutes);
            start = Stopwatch.GetTimestamp();
            checksum += await ReplayOnceAsync(connectionString, plan, cancellationToken).ConfigureAwait(false);
            replay.Add(Stopwatch.GetElapsedTime(start).TotalMinutes);
            progress?.Report((i + 1, repetitions));
        }

        GC.KeepAlive(checksum);
        double rawRate = scores / Median(raw);
        double replayRate = scores / Median(replay);
        return new ReplayBenchResult(plan.Tasks.Count, scores, rule.Name, repetitions, rawRate, replayRate, replayRate / rawRate);
    }

    private static async Task<double> ReplayOnceAsync(string connectionString, ReplayPlan plan, CancellationToken cancellationToken)
    {
        var tasks = await RecordedHistory.ReadTasksAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var settled = (plan with { Tasks = tasks, Ranks = [.. Enumerable.Range(1, tasks.Count).Select(i => (long)i)] }).Run();
        return settled.Count == 0 ? 0 : settled[^1].Settlement.InferenceReward;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
