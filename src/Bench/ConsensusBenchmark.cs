using System.Diagnostics;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Consensus;
using PoQ.Simulation.Randomness;

namespace PoQ.Bench;

/// <summary>
/// Measures the consensus kernels per rule through the same <see cref="ConsensusEngine"/> the pipeline
/// calls, against a baseline in the same process: a bare arithmetic-mean loop over the same scores (the
/// least any rule must do). Machines here are noisy, so the ratio is the figure to read; rule and
/// baseline repetitions are interleaved and the median is kept.
/// </summary>
public static class ConsensusBenchmark
{
    /// <summary>The baseline's name in the output.</summary>
    public const string BaselineName = "baseline (bare mean loop)";

    /// <summary>Default tasks per repetition.</summary>
    public const int DefaultTasks = 200_000;

    /// <summary>Default scores per task.</summary>
    public const int DefaultK = 5;

    /// <summary>Default repetitions (the median is kept).</summary>
    public const int DefaultRepetitions = 7;

    /// <summary>Runs the benchmark; returns the baseline first, then one figure per rule.</summary>
    /// <param name="tasks">Tasks per repetition.</param>
    /// <param name="k">Scores per task.</param>
    /// <param name="repetitions">Repetitions (median kept).</param>
    /// <param name="seed">Seed of the generated scores.</param>
    /// <param name="progress">Receives (done, total) repetitions.</param>
    public static IReadOnlyList<BenchFigure> Run(int tasks = DefaultTasks, int k = DefaultK, int repetitions = DefaultRepetitions, ulong seed = 42, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var scores = Scores(tasks, k, seed);
        var rules = RuleCatalog.Names.Select(name => RuleCatalog.Create(name)).ToArray();
        var timings = new List<double>[rules.Length + 1];
        for (int i = 0; i < timings.Length; i++)
        {
            timings[i] = [];
        }

        // Warm-up: JIT tiering must settle before anything is timed.
        Baseline(scores, k);
        foreach (var rule in rules)
        {
            Rule(rule, scores, k);
        }

        int total = repetitions * (rules.Length + 1);
        for (int repetition = 0; repetition < repetitions; repetition++)
        {
            timings[0].Add(Time(() => Baseline(scores, k)) / tasks);
            for (int r = 0; r < rules.Length; r++)
            {
                timings[r + 1].Add(Time(() => Rule(rules[r], scores, k)) / tasks);
            }

            progress?.Report(((repetition + 1) * (rules.Length + 1), total));
        }

        double baseline = Median(timings[0]);
        var figures = new List<BenchFigure> { Figure(BaselineName, baseline, baseline) };
        for (int r = 0; r < rules.Length; r++)
        {
            figures.Add(Figure(rules[r].Name, Median(timings[r + 1]), baseline));
        }

        return figures;
    }

    private static BenchFigure Figure(string name, double nanoseconds, double baseline) =>
        new(name, nanoseconds, 1e9 / nanoseconds, nanoseconds / baseline);

    private static double[] Scores(int tasks, int k, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var scores = new double[tasks * k];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = Math.Round(random.NextDouble() * 10, 2);
        }

        return scores;
    }

    private static double Time(Func<double> work)
    {
        long start = Stopwatch.GetTimestamp();
        double sink = work();
        long elapsed = Stopwatch.GetTimestamp() - start;
        GC.KeepAlive(sink);
        return elapsed * (1e9 / Stopwatch.Frequency);
    }

    private static double Baseline(double[] scores, int k)
    {
        double checksum = 0;
        for (int offset = 0; offset < scores.Length; offset += k)
        {
            double sum = 0;
            for (int i = 0; i < k; i++)
            {
                sum += scores[offset + i];
            }

            checksum += sum / k;
        }

        return checksum;
    }

    private static double Rule(ConsensusRule rule, double[] scores, int k)
    {
        var before = new TrustEntry[k];
        Array.Fill(before, TrustEntry.Initial(1));
        var after = new TrustEntry[k];
        var weights = new double[k];
        var deviations = new double[k];
        var excluded = new bool[k];
        double checksum = 0;
        for (int offset = 0; offset < scores.Length; offset += k)
        {
            checksum += ConsensusEngine.Evaluate(rule, scores.AsSpan(offset, k), before, weights, deviations, excluded, after);
            after.CopyTo(before, 0);
        }

        return checksum;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
