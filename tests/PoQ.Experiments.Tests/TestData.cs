using PoQ.Evaluators;
using PoQ.Experiments;
using PoQ.Experiments.Corpus;
using PoQ.Simulation.Runs;

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
