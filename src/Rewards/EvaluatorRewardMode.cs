namespace PoQ.Rewards;

/// <summary>How evaluators are paid.</summary>
public enum EvaluatorRewardMode
{
    /// <summary>R_M = α_M·(1 − d) − β_M·ĉ_M per evaluator (predecessor paper).</summary>
    Linear,

    /// <summary>A fixed per-task budget split in proportion to agreement 1 − d, conserved exactly.</summary>
    Budget,
}
