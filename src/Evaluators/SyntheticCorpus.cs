using System.Globalization;

namespace PoQ.Evaluators;

/// <summary>
/// A seeded stand-in for the real corpus when shared/data is absent, with declared ground truth and evaluators
/// of known, differing reliability — so experiments still run and reports can say the data is synthetic.
/// </summary>
public static class SyntheticCorpus
{
    /// <summary>Close to the proxy: Gaussian noise σ = 0.5.</summary>
    public const string Good = "synthetic-good";

    /// <summary>Compressed and shifted (0.5·proxy + 4) with σ = 0.5 noise: ranks well, calibrates badly.</summary>
    public const string Biased = "synthetic-biased";

    /// <summary>Proxy with σ = 3 noise: weakly informative.</summary>
    public const string Noisy = "synthetic-noisy";

    /// <summary>Tracks the proxy on QA but 10 − proxy on summaries (σ = 1): correlation flips sign by task.</summary>
    public const string Inverting = "synthetic-inverting";

    /// <summary>Good (σ = 0.8) on QA, NaN on summaries: exercises "does not apply".</summary>
    public const string QaOnly = "synthetic-qa-only";

    public static IReadOnlyList<string> EvaluatorNames { get; } = [Good, Biased, Noisy, Inverting, QaOnly];

    // Mean quality per synthetic system, spread like the real SQuAD leaderboard (best to baseline).
    private static readonly double[] SystemMeans = [9.0, 8.0, 7.0, 5.5, 3.5];

    /// <summary>
    /// <paramref name="qaTasks"/> questions and <paramref name="summarizationTasks"/> documents, each answered by 5
    /// systems. Same arguments → identical corpus (System.Random with a seed is deterministic per .NET version).
    /// </summary>
    public static EvaluationCorpus Create(int seed, int qaTasks = 400, int summarizationTasks = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(qaTasks);
        ArgumentOutOfRangeException.ThrowIfNegative(summarizationTasks);
        var rng = new Random(seed);
        var items = new List<CorpusItem>();
        var scores = new List<double>();
        AddTasks(rng, TaskKind.Qa, "synthetic-qa", qaTasks, items, scores);
        AddTasks(rng, TaskKind.Summarization, "synthetic-sum", summarizationTasks, items, scores);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"SYNTHETIC corpus (shared/data not found): seed {seed}, {qaTasks} QA tasks and {summarizationTasks} summarization tasks × {SystemMeans.Length} systems; evaluators good/biased/noisy/inverting/qa-only with declared noise");
        return new EvaluationCorpus(items, EvaluatorNames, [.. scores], isSynthetic: true, description);
    }

    private static void AddTasks(Random rng, TaskKind kind, string prefix, int tasks, List<CorpusItem> items,
        List<double> scores)
    {
        for (var t = 0; t < tasks; t++)
        {
            var difficulty = Gaussian(rng, 0, 1.5);
            for (var s = 0; s < SystemMeans.Length; s++)
            {
                var proxy = Clip(SystemMeans[s] + difficulty + Gaussian(rng, 0, 1.0));
                var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}:{t}");
                var system = string.Create(CultureInfo.InvariantCulture, $"system-{s + 1}");
                items.Add(new CorpusItem(id, kind, system, proxy, SecondProxy: null));
                scores.Add(Clip(proxy + Gaussian(rng, 0, 0.5)));
                scores.Add(Clip((0.5 * proxy) + 4 + Gaussian(rng, 0, 0.5)));
                scores.Add(Clip(proxy + Gaussian(rng, 0, 3)));
                var inverted = kind == TaskKind.Qa ? proxy : 10 - proxy;
                scores.Add(Clip(inverted + Gaussian(rng, 0, 1)));
                var qaOnlyNoise = Gaussian(rng, 0, 0.8); // drawn for both kinds so the stream stays aligned
                scores.Add(kind == TaskKind.Qa ? Clip(proxy + qaOnlyNoise) : double.NaN);
            }
        }
    }

    // Box–Muller; two uniforms per draw keeps the stream simple to reason about.
    private static double Gaussian(Random rng, double mean, double sd)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private static double Clip(double x) => Math.Clamp(x, 0, 10);
}
