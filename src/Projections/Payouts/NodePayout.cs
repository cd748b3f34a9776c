namespace PoQ.Projections.Payouts;

/// <summary>One reward a node received (a row of the payout history).</summary>
/// <param name="NodeId">The node paid.</param>
/// <param name="Role"><c>inference</c> or <c>evaluator</c>.</param>
/// <param name="ClosedAt">The task's close (log time).</param>
/// <param name="TaskId">The task.</param>
/// <param name="Epoch">The task's trust epoch.</param>
/// <param name="Partition">The task's input partition.</param>
/// <param name="Reward">The reward.</param>
/// <param name="TrustBefore">An evaluator's trust in force for the task; null for the inference node.</param>
/// <param name="TrustAfter">An evaluator's trust after its verdict's own step; null for the inference node.</param>
public sealed record NodePayout(string NodeId, string Role, DateTimeOffset ClosedAt, string TaskId, long Epoch, int Partition, double Reward, double? TrustBefore, double? TrustAfter);
