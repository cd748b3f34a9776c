using PoQ.Experiments.Intervals;
using PoQ.Simulation.Runs;

namespace PoQ.Experiments.Sampling;

/// <summary>One (k, reward mode) run of the sampling experiment.</summary>
/// <param name="Rule">Rule wire name.</param>
/// <param name="Attack">Attack wire name.</param>
/// <param name="MaliciousRatio">ρ.</param>
/// <param name="K">Evaluators per task.</param>
/// <param name="RewardMode"><c>linear</c> or <c>budget</c>.</param>
/// <param name="PoolSize">N.</param>
/// <param name="Metrics">The run's metrics.</param>
public sealed record SamplingRow(string Rule, string Attack, double MaliciousRatio, int K, string RewardMode, int PoolSize, RunMetrics Metrics)
{
    /// <summary>The figures finding 3 reads, with bootstrap intervals over the run's tasks.</summary>
    public required RewardEstimates Rewards { get; init; }

    /// <summary>Variance of the evaluator reward per report.</summary>
    public double EvaluatorRewardVariance => Metrics.EvaluatorRewardStd * Metrics.EvaluatorRewardStd;

    /// <summary>Variance of the inference reward per task.</summary>
    public double InferenceRewardVariance => Metrics.InferenceRewardStd * Metrics.InferenceRewardStd;

    /// <summary>Mean cumulative payoff per evaluator node over the run (Σ evaluator rewards / N).</summary>
    public double EvaluatorPayoffMean => Metrics.EvaluatorPayout / PoolSize;

    /// <summary>Variance across evaluator nodes of their cumulative payoff.</summary>
    public double EvaluatorPayoffVariance => Metrics.PayoffStdAcrossEvaluators * Metrics.PayoffStdAcrossEvaluators;
}
