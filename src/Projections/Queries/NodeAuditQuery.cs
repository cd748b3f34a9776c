using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;

namespace PoQ.Projections.Queries;

/// <summary>
/// Builds <see cref="NodeAudit"/> from the projections: totals from the node ledgers (summed over partitions), the first
/// page of each role's payout history from the payout history (newest first). Two index lookups per role, whatever the
/// history's size.
/// </summary>
public static class NodeAuditQuery
{
    /// <summary>Loads a node's audit, or null when the node was never paid.</summary>
    public static async Task<NodeAudit?> LoadAsync(string connectionString, string nodeId, int historyLimit, CancellationToken cancellationToken)
    {
        var ledgers = await NodeLedgerTable.CombinedAsync(connectionString, nodeId, cancellationToken).ConfigureAwait(false);
        var inference = await RoleAsync(connectionString, nodeId, RecordedRoles.Inference, ledgers, historyLimit, cancellationToken).ConfigureAwait(false);
        var evaluator = await RoleAsync(connectionString, nodeId, RecordedRoles.Evaluator, ledgers, historyLimit, cancellationToken).ConfigureAwait(false);
        return inference is null && evaluator is null ? null : new NodeAudit(nodeId, inference, evaluator);
    }

    private static async Task<NodeRoleAudit?> RoleAsync(string connectionString, string nodeId, string role, List<NodeLedger> ledgers, int limit, CancellationToken cancellationToken)
    {
        var ledger = ledgers.FirstOrDefault(l => l.Role == role);
        if (ledger is null)
        {
            return null;
        }

        var page = await NodeHistoryQuery.PageAsync(connectionString, nodeId, role, null, limit, cancellationToken).ConfigureAwait(false);
        var history = page.Items.Select(p => new NodeRewardEntry(p.Epoch, p.ClosedAt, p.TaskId, p.Reward)).ToList();
        return new NodeRoleAudit(role, ledger.Count, ledger.Total, ledger.Mean, ledger.Variance, ledger.LastPaidAt, ledger.Count, history, page.NextCursor);
    }
}
