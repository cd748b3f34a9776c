using PoQ.Simulation.Scoring;

namespace PoQ.Simulation.Runs;

/// <summary>Runs many configurations on all cores. Results come back in configuration order, so output is deterministic.</summary>
public static class Sweep
{
    /// <summary>
    /// Runs every configuration. Each run is independent and seeded from its configuration, so the
    /// degree of parallelism never changes a result.
    /// </summary>
    /// <param name="table">Scores of the honest evaluator models.</param>
    /// <param name="configs">The configurations.</param>
    /// <param name="progress">Receives the number of finished runs.</param>
    /// <param name="cancellationToken">Stops scheduling further runs.</param>
    public static IReadOnlyList<RunMetrics> Run(ScoreTable table, IReadOnlyList<SimulationConfig> configs, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Run(table, configs, (_, metrics, _) => metrics, recordTasks: false, progress, cancellationToken);

    /// <summary>
    /// Runs every configuration, recording each task in a <see cref="TaskLedger"/>, and reduces each run with
    /// <paramref name="summarize"/> (configuration index, metrics, ledger) in the worker that ran it, so a sweep holds
    /// one ledger per core, not one per run.
    /// </summary>
    public static IReadOnlyList<T> Run<T>(ScoreTable table, IReadOnlyList<SimulationConfig> configs, Func<int, RunMetrics, TaskLedger, T> summarize, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Run(table, configs, (i, metrics, ledger) => summarize(i, metrics, ledger!), recordTasks: true, progress, cancellationToken);

    private static T[] Run<T>(ScoreTable table, IReadOnlyList<SimulationConfig> configs, Func<int, RunMetrics, TaskLedger?, T> summarize, bool recordTasks, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configs);
        ArgumentNullException.ThrowIfNull(summarize);
        var problems = configs.SelectMany(c => c.Problems()).Distinct().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(configs));
        }

        return Each(
            configs.Count,
            i =>
            {
                var ledger = recordTasks ? new TaskLedger(configs[i].Rounds, configs[i].PoolSize) : null;
                return summarize(i, SimulationRun.Execute(table, configs[i], ledger), ledger);
            },
            progress is null ? null : progress.Report,
            cancellationToken);
    }

    /// <summary>
    /// Computes <paramref name="cell"/>(0 … count − 1) on every core; the results are in index order whatever the
    /// parallelism. <paramref name="finished"/> receives the number of cells done so far, from the worker that finished one.
    /// </summary>
    public static T[] Each<T>(int count, Func<int, T> cell, Action<int>? finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var results = new T[count];
        int done = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, count, options, i =>
        {
            results[i] = cell(i);
            finished?.Invoke(Interlocked.Increment(ref done));
        });
        return results;
    }
}
