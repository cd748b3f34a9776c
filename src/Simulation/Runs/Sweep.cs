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
    public static IReadOnlyList<RunMetrics> Run(ScoreTable table, IReadOnlyList<SimulationConfig> configs, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var problems = configs.SelectMany(c => c.Problems()).Distinct().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(configs));
        }

        var results = new RunMetrics[configs.Count];
        int finished = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, configs.Count, options, i =>
        {
            results[i] = SimulationRun.Execute(table, configs[i]);
            progress?.Report(Interlocked.Increment(ref finished));
        });
        return results;
    }
}
