using PoQ.Simulation.Runs;
using PoQ.Simulation.Statistics;

namespace PoQ.Experiments.Intervals;

/// <summary>The figures behind finding 3, with bootstrap replicates over tasks.</summary>
/// <param name="EvaluatorRewardPerReport">Σ evaluator rewards ÷ Σ reports.</param>
/// <param name="EvaluatorPayoffVariance">Variance across the pool of each evaluator's cumulative payoff.</param>
/// <param name="InferenceRewardMean">Mean inference reward per task.</param>
public sealed record RewardEstimates(Estimate EvaluatorRewardPerReport, Estimate EvaluatorPayoffVariance, Estimate InferenceRewardMean)
{
    /// <summary>Reduces a run's ledger with the experiment's plan.</summary>
    public static RewardEstimates Of(BootstrapPlan plan, TaskLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ledger);
        return new RewardEstimates(
            plan.Ratio(ledger.EvaluatorReward, ledger.Reports),
            plan.Of(ledger.PayoffVariance),
            plan.Mean(ledger.InferenceReward));
    }
}
