using PoQ.Evaluators;
using PoQ.Experiments;
using PoQ.Experiments.Corpus;
using PoQ.Simulation.Runs;
using PoQ.Simulation.Statistics;

namespace PoQ.Experiments.Tests;

/// <summary>Small corpora, fast options and hand-made metrics for the tests.</summary>
internal static class TestData
{
    private static readonly Lazy<CorpusSnapshot> Synthetic = new(() => CorpusLoader.FromEvaluationCorpus(PoQ.Evaluators.SyntheticCorpus.Create(7, 60, 20)));

    public static CorpusSnapshot SyntheticCorpus() => Synthetic.Value;

    public static ExperimentOptions Fast(ulong seed = 42) => new() { Rounds = 200, Seed = seed, Plots = false };

    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "poq-exp-tests", Path.GetRandomFileName());
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// A hand-made estimate: <paramref name="value"/> with 201 replicates spread evenly over value ± halfWidth, so its
    /// 95 % interval is value ± 0.95·halfWidth. Estimates made here move together replicate by replicate, as the
    /// estimates of runs on the same tasks do, so a difference of two of them is exact.
    /// </summary>
    public static Estimate Est(double value, double halfWidth = 0) =>
        new(value, [.. Enumerable.Range(0, 201).Select(i => value - halfWidth + (halfWidth * i / 100.0))]);

    /// <summary>An estimate whose replicates move against the others' (replicate b is high where theirs is low).</summary>
    public static Estimate Opposed(double value, double halfWidth) =>
        new(value, [.. Enumerable.Range(0, 201).Select(i => value + halfWidth - (halfWidth * i / 100.0))]);

    public static RunMetrics Metrics(double mae = 1, double evaluatorMean = 0.5, double evaluatorStd = 0.1, double inferenceMean = 0.4, double inferencePayout = 100, double payoffStd = 1) => new()
    {
        Rounds = 100,
        Mae = mae,
        Pearson = 0.5,
        Spearman = 0.5,
        InferenceRewardMean = inferenceMean,
        InferenceRewardStd = 0.1,
        EvaluatorRewardMean = evaluatorMean,
        EvaluatorRewardStd = evaluatorStd,
        HonestRewardMean = evaluatorMean,
        HonestRewardStd = evaluatorStd,
        MaliciousRewardMean = double.NaN,
        MaliciousRewardStd = double.NaN,
        InferencePayout = inferencePayout,
        EvaluatorPayout = 50,
        MaliciousPayout = 0,
        PayoffStdAcrossEvaluators = payoffStd,
        HonestTrustMean = double.NaN,
        MaliciousTrustMean = double.NaN,
    };
}
