using PoQ.Projections.Payouts;

namespace PoQ.Projections.Queries;

/// <summary>One page of a node's payout history, newest first.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Items">The payouts, newest first (close time, then task id, then role, all descending).</param>
/// <param name="NextCursor">The token for the next (older) page; null when this is the last one.</param>
public sealed record NodeHistoryPage(string NodeId, IReadOnlyList<NodePayout> Items, string? NextCursor);
