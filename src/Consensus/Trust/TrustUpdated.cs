namespace PoQ.Consensus.Trust;

/// <summary>One trust update, the event the ledger evolves by.</summary>
/// <param name="Sequence">Position in the ledger's total order of updates (1-based, gap free).</param>
/// <param name="TaskId">The task whose finalization caused it.</param>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="Before">State before.</param>
/// <param name="After">State after.</param>
public sealed record TrustUpdated(long Sequence, string TaskId, string EvaluatorId, TrustEntry Before, TrustEntry After);
