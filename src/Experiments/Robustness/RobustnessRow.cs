using PoQ.Experiments.Intervals;
using PoQ.Simulation.Runs;

namespace PoQ.Experiments.Robustness;

/// <summary>One configuration of the robustness sweep and what it measured.</summary>
/// <param name="Rule">Rule wire name.</param>
/// <param name="ParamsHash">The rule's parameter hash.</param>
/// <param name="Attack">Attack wire name.</param>
/// <param name="MaliciousRatio">ρ.</param>
/// <param name="K">Evaluators per task.</param>
/// <param name="TrustEpoch">Trust epoch in tasks per evaluator (0: sequential); rules without trust repeat one run across epochs.</param>
/// <param name="Metrics">The run's metrics.</param>
/// <param name="PayoutInflation">
/// Relative change of the total inference payout against the ρ = 0 run with the same rule, attack and k:
/// (P_ρ − P_0) / |P_0|; 0 at ρ = 0, NaN when P_0 = 0 (same trust epoch).
/// </param>
public sealed record RobustnessRow(string Rule, string ParamsHash, string Attack, double MaliciousRatio, int K, double TrustEpoch, RunMetrics Metrics, double PayoutInflation)
{
    /// <summary>MAE over all tasks and per task kind, with bootstrap intervals over the run's tasks.</summary>
    public required AlignmentEstimates Alignment { get; init; }

    /// <summary>Share of the evaluator payout that went to malicious evaluators (NaN when nothing was paid).</summary>
    public double MaliciousPayoutShare => Metrics.EvaluatorPayout == 0 ? double.NaN : Metrics.MaliciousPayout / Metrics.EvaluatorPayout;
}
