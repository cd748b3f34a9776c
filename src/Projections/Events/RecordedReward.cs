namespace PoQ.Projections.Events;

/// <summary>One payout with its cost inputs: an auditor can re-derive the amount from these and the reward parameters.</summary>
/// <param name="NodeId">The paid node.</param>
/// <param name="Role"><c>inference</c> or <c>evaluator</c>.</param>
/// <param name="Amount">The reward.</param>
/// <param name="LatencyMs">The node's latency on this task.</param>
/// <param name="NormalizedCost">ĉ in [0, 1].</param>
/// <param name="Quality">c/10 for the inference node, 1 − d for an evaluator.</param>
public sealed record RecordedReward(string NodeId, string Role, double Amount, double LatencyMs, double NormalizedCost, double Quality)
{
    /// <summary>Role of the inference node.</summary>
    public const string InferenceRole = "inference";

    /// <summary>Role of an evaluator.</summary>
    public const string EvaluatorRole = "evaluator";
}
