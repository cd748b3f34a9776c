namespace PoQ.Rewards;

/// <summary>
/// The one reward engine shared by the pipeline, replay, audit and simulation: given a reached task's
/// consensus, deviations and latencies, the inference reward and each evaluator's reward.
/// </summary>
public static class RewardCalculator
{
    /// <summary>
    /// Computes all rewards of one task. Returns the inference node's reward and writes each evaluator's
    /// into <paramref name="evaluatorRewards"/> (linear formula, or the exact budget split).
    /// </summary>
    /// <param name="parameters">Validated reward parameters.</param>
    /// <param name="consensus">Consensus c in [0, 10].</param>
    /// <param name="inferenceLatencyMs">The inference node's latency.</param>
    /// <param name="deviations">d per evaluator.</param>
    /// <param name="evaluatorLatenciesMs">Latency per evaluator.</param>
    /// <param name="evaluatorRewards">Receives the reward per evaluator.</param>
    public static double Allocate(
        RewardParameters parameters,
        double consensus,
        double inferenceLatencyMs,
        ReadOnlySpan<double> deviations,
        ReadOnlySpan<double> evaluatorLatenciesMs,
        Span<double> evaluatorRewards)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int k = deviations.Length;
        if (evaluatorLatenciesMs.Length != k || evaluatorRewards.Length != k)
        {
            throw new ArgumentException("one latency and one reward slot per deviation");
        }

        if (parameters.EvaluatorMode == EvaluatorRewardMode.Linear)
        {
            for (int i = 0; i < k; i++)
            {
                evaluatorRewards[i] = CostAwareReward.Evaluator(deviations[i], evaluatorLatenciesMs[i], parameters);
            }
        }
        else
        {
            Span<double> agreements = stackalloc double[k];
            Span<long> shares = stackalloc long[k];
            for (int i = 0; i < k; i++)
            {
                agreements[i] = Math.Clamp(1 - deviations[i], 0, 1);
            }

            BudgetSplit.Split(decimal.ToInt64(parameters.EvaluatorBudget * BudgetSplit.MicrosPerUnit), agreements, shares);
            for (int i = 0; i < k; i++)
            {
                evaluatorRewards[i] = shares[i] / (double)BudgetSplit.MicrosPerUnit;
            }
        }

        return CostAwareReward.Inference(consensus, inferenceLatencyMs, parameters);
    }
}
