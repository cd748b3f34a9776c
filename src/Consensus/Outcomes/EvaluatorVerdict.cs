using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Outcomes;

/// <summary>Everything the consensus step decided about one evaluator on one task — the audit trail.</summary>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="Score">Its accepted score.</param>
/// <param name="WeightInForce">The weight its score carried (1 for unweighted rules).</param>
/// <param name="Excluded">True when the rule left the score out (trimmed, outside the median).</param>
/// <param name="Deviation">d = |s − c| / 10 against the task's consensus.</param>
/// <param name="TrustBefore">Trust state before the task.</param>
/// <param name="TrustAfter">Trust state after the task.</param>
public sealed record EvaluatorVerdict(
    string EvaluatorId,
    double Score,
    double WeightInForce,
    bool Excluded,
    double Deviation,
    TrustEntry TrustBefore,
    TrustEntry TrustAfter);
