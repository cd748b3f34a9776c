namespace PoQ.Consensus.Outcomes;

/// <summary>The consensus outcome of one task, as recorded and audited.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Status">Reached or insufficient.</param>
/// <param name="Consensus">The consensus c; NaN when insufficient.</param>
/// <param name="Rule">The rule's wire name.</param>
/// <param name="ParamsHash">The rule's parameter hash.</param>
/// <param name="Verdicts">One per accepted score, in ordinal evaluator-id order (the trust update order).</param>
public sealed record TaskConsensus(
    string TaskId,
    ConsensusStatus Status,
    double Consensus,
    string Rule,
    string ParamsHash,
    IReadOnlyList<EvaluatorVerdict> Verdicts);
