using System.Diagnostics;
using PoQ.Consensus.Rules;
using PoQ.Projections.History;
using PoQ.Projections.Replay;
using PoQ.Projections.Store;

namespace PoQ.Bench;

/// <summary>
/// Replay speed against the raw event-read rate of the same store in the same run. Raw: stream every recorded task in
/// canonical order with the reader replay uses (<see cref="HistoryPages"/>: index, read, decode). Replay: the whole
/// <c>poq replay</c> under the recorded rule — the same read, settling every task through the replay chain and writing
/// the scenario's rows (<see cref="StreamingReplay"/>), into a scenario named <see cref="Scenario"/>. Raw and replay
/// repetitions are interleaved; medians are kept.
/// </summary>
public static class ReplayBenchmark
{
    /// <summary>The scenario the benchmark writes (replaced on every repetition).</summary>
    public const string Scenario = "poq-bench-replay";

    /// <summary>Default repetitions (medians are reported).</summary>
    public const int DefaultRepetitions = 5;

    /// <summary>Runs the benchmark on the history in <paramref name="connectionString"/>; null when the store holds no task.</summary>
    public static async Task<ReplayBenchResult?> RunAsync(string connectionString, int repetitions, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        if (await HistoryReader.PresenceAsync(connectionString, cancellationToken).ConfigureAwait(false) != HistoryPresence.Recorded)
        {
            return null;
        }

        using var store = PoqStore.Create(connectionString);
        await using var session = store.QuerySession();
        var mechanisms = await HistoryReader.MechanismsAsync(session, cancellationToken).ConfigureAwait(false);
        var rule = mechanisms.All.FirstOrDefault()?.Mechanism?.Rule ?? RuleCatalog.Create(TrustWeightedMeanRule.RuleName);
        var request = new ReplayRequest(Scenario, rule, ReplayRange.All);
        var raw = new List<double>();
        var replay = new List<double>();
        ScenarioRun? run = null;

        // Warm-up: JIT, the connection pool.
        await RawAsync(connectionString, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await RawAsync(connectionString, cancellationToken).ConfigureAwait(false);
            raw.Add(Stopwatch.GetElapsedTime(start).TotalMinutes);
            start = Stopwatch.GetTimestamp();
            run = await ReplayOnceAsync(store, connectionString, request, cancellationToken).ConfigureAwait(false);
            replay.Add(Stopwatch.GetElapsedTime(start).TotalMinutes);
            progress?.Report((i + 1, repetitions));
        }

        double rawRate = run!.Scores / Median(raw);
        double replayRate = run.Scores / Median(replay);
        return new ReplayBenchResult(run.Tasks, run.Scores, rule.Name, repetitions, rawRate, replayRate, replayRate / rawRate);
    }

    /// <summary>One full replay under <paramref name="request"/>; returns its run document.</summary>
    public static async Task<ScenarioRun> ReplayOnceAsync(Marten.IDocumentStore store, string connectionString, ReplayRequest request, CancellationToken cancellationToken)
    {
        var (result, problem) = await StreamingReplay.RunAsync(store, connectionString, request, DateTimeOffset.UnixEpoch, null, null, cancellationToken).ConfigureAwait(false);
        return result?.Run ?? throw new InvalidOperationException(problem);
    }

    private static async Task<long> RawAsync(string connectionString, CancellationToken cancellationToken)
    {
        long scores = 0;
        await foreach (var page in HistoryPages.ReadAsync(connectionString, HistoryOrder.Canonical, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var task in page)
            {
                scores += task.Facts.AcceptedScores.Count;
            }
        }

        return scores;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
