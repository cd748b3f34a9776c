namespace PoQ.Projections.Queries;

/// <summary>One evaluator's line on one task. Settlement fields are null when the task was insufficient.</summary>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="ScoreId">Score id from the wire.</param>
/// <param name="Score">The accepted score.</param>
/// <param name="LatencyMs">Its latency (cost input).</param>
/// <param name="NormalizedCost">ĉ_M from the recorded latency bounds; null when unknown.</param>
/// <param name="Weight">Weight in force (1 for unweighted rules).</param>
/// <param name="Excluded">True when the rule left the score out.</param>
/// <param name="Deviation">d = |s − c| / 10.</param>
/// <param name="TrustBefore">Trust before the task.</param>
/// <param name="ObservationsBefore">Trust updates before the task.</param>
/// <param name="TrustAfter">Trust after the task.</param>
/// <param name="Reward">The recorded reward.</param>
/// <param name="Partition">Source partition in <c>poq.scores</c>.</param>
/// <param name="Offset">Source offset.</param>
/// <param name="Formula">The reward formula with the recorded numbers filled in.</param>
public sealed record TaskAuditEvaluator(
    string EvaluatorId,
    string ScoreId,
    double Score,
    double LatencyMs,
    double? NormalizedCost,
    double? Weight,
    bool Excluded,
    double? Deviation,
    double? TrustBefore,
    int? ObservationsBefore,
    double? TrustAfter,
    double? Reward,
    int Partition,
    long Offset,
    string? Formula);
