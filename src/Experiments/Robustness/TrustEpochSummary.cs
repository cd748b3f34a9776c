namespace PoQ.Experiments.Robustness;

/// <summary>The cost of one trust epoch for one rule, over every attack, ρ and k swept.</summary>
/// <param name="Rule">The trust-weighted rule.</param>
/// <param name="TrustEpoch">Tasks per evaluator.</param>
/// <param name="Configurations">Configurations compared.</param>
/// <param name="MeanMaeCost">Mean of MAE(epoch) − MAE(sequential).</param>
/// <param name="WorstMaeCost">The configuration where epochs cost the most MAE.</param>
/// <param name="MeanSequentialMae">Mean sequential MAE over the same configurations (to read the cost against).</param>
/// <param name="MeanInferencePayoutChange">Mean relative change of the inference payout.</param>
/// <param name="MeanEvaluatorPayoutChange">Mean relative change of the evaluator payout.</param>
/// <param name="MeanMaliciousShareChange">Mean change of the malicious share of the evaluator payout.</param>
public sealed record TrustEpochSummary(
    string Rule,
    double TrustEpoch,
    int Configurations,
    double MeanMaeCost,
    TrustEpochCost WorstMaeCost,
    double MeanSequentialMae,
    double MeanInferencePayoutChange,
    double MeanEvaluatorPayoutChange,
    double MeanMaliciousShareChange);
