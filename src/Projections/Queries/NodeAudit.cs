namespace PoQ.Projections.Queries;

/// <summary>One node's payouts, per role it was paid in (a node id may act as both).</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Inference">As an inference node; null when never one.</param>
/// <param name="Evaluator">As an evaluator; null when never one.</param>
public sealed record NodeAudit(string NodeId, NodeRoleAudit? Inference, NodeRoleAudit? Evaluator);
