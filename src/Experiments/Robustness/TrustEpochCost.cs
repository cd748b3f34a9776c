namespace PoQ.Experiments.Robustness;

/// <summary>
/// What settling with epoch trust cost one configuration against the same configuration settled sequentially (the
/// paper's per-task update, order-dependent): the same seed, so the same tasks, scores and attacks.
/// </summary>
/// <param name="Epoch">The run with epoch trust.</param>
/// <param name="Sequential">The same rule, attack, ρ and k at the sequential reference.</param>
public sealed record TrustEpochCost(RobustnessRow Epoch, RobustnessRow Sequential)
{
    /// <summary>MAE(epoch) − MAE(sequential): positive when epochs align worse with the ground truth.</summary>
    public double MaeCost => Epoch.Metrics.Mae - Sequential.Metrics.Mae;

    /// <summary>Relative change of the total inference payout.</summary>
    public double InferencePayoutChange => Relative(Epoch.Metrics.InferencePayout, Sequential.Metrics.InferencePayout);

    /// <summary>Relative change of the total evaluator payout.</summary>
    public double EvaluatorPayoutChange => Relative(Epoch.Metrics.EvaluatorPayout, Sequential.Metrics.EvaluatorPayout);

    /// <summary>Change of the malicious evaluators' share of the evaluator payout (percentage points as a fraction).</summary>
    public double MaliciousShareChange => Epoch.MaliciousPayoutShare - Sequential.MaliciousPayoutShare;

    private static double Relative(double value, double reference) => reference == 0 ? double.NaN : (value - reference) / Math.Abs(reference);
}
