namespace PoQ.Rewards;

/// <summary>The predecessor paper's linear cost-aware rewards (arXiv 2512.16317): quality minus cost.</summary>
public static class CostAwareReward
{
    /// <summary>Inference node: R_F = α_F · c/10 − β_F · ĉ_F.</summary>
    /// <param name="consensus">The task's consensus c in [0, 10].</param>
    /// <param name="latencyMs">The inference node's latency.</param>
    /// <param name="parameters">α_F, β_F and the latency bounds.</param>
    public static double Inference(double consensus, double latencyMs, RewardParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return (parameters.AlphaInference * (consensus / 10)) - (parameters.BetaInference * parameters.InferenceLatency.Normalize(latencyMs));
    }

    /// <summary>Evaluator: R_M = α_M · (1 − d) − β_M · ĉ_M.</summary>
    /// <param name="deviation">d = |s − c| / 10.</param>
    /// <param name="latencyMs">The evaluator's latency.</param>
    /// <param name="parameters">α_M, β_M and the latency bounds.</param>
    public static double Evaluator(double deviation, double latencyMs, RewardParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return (parameters.AlphaEvaluator * (1 - deviation)) - (parameters.BetaEvaluator * parameters.EvaluatorLatency.Normalize(latencyMs));
    }
}
