namespace PoQ.Projections.Payouts;

/// <summary>
/// One row of the payout history: the rewards one node received in one role from one settlement batch, oldest first
/// (close time, then ordinal task id), spanning at most <see cref="PayoutOrder.MaxBlockSpan"/> of log time.
/// </summary>
/// <param name="NodeId">The node paid.</param>
/// <param name="Role"><c>inference</c> or <c>evaluator</c>.</param>
/// <param name="Payouts">The rewards, in <see cref="PayoutOrder"/>; never empty.</param>
public sealed record PayoutBlock(string NodeId, string Role, IReadOnlyList<NodePayout> Payouts)
{
    /// <summary>Close time of the oldest reward.</summary>
    public DateTimeOffset FirstAt => Payouts[0].ClosedAt;

    /// <summary>Close time of the newest reward.</summary>
    public DateTimeOffset LastAt => Payouts[^1].ClosedAt;

    /// <summary>Task of the newest reward: with the node, close time and role, the block's key.</summary>
    public string LastTaskId => Payouts[^1].TaskId;
}
