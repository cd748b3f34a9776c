namespace PoQ.Projections.Queries;

/// <summary>A node's payouts in one role: the node-ledger totals and the reward history they fold.</summary>
/// <param name="Role"><c>inference</c> or <c>evaluator</c>.</param>
/// <param name="Count">Rewards received (ledger).</param>
/// <param name="Total">Σ rewards (ledger).</param>
/// <param name="Mean">Mean reward (ledger, Welford).</param>
/// <param name="Variance">Population variance of the rewards (ledger).</param>
/// <param name="LastPaidAt">Close time (log time) of the last task that paid the node.</param>
/// <param name="HistoryCount">Rewards in the payout history (equals <paramref name="Count"/> when consistent).</param>
/// <param name="History">The most recent rewards, newest first (at most the requested limit).</param>
/// <param name="NextCursor">Where the next (older) page of this role's history starts (<c>poq audit node --cursor</c>, <c>/api/nodes/{id}/history?cursor=</c>); null when there is none.</param>
public sealed record NodeRoleAudit(
    string Role,
    long Count,
    double Total,
    double Mean,
    double Variance,
    DateTimeOffset LastPaidAt,
    long HistoryCount,
    IReadOnlyList<NodeRewardEntry> History,
    string? NextCursor);
