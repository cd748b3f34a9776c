using Marten;
using PoQ.Projections.Documents;
using PoQ.Projections.Ledgers;
using PoQ.Settlement.Events;

namespace PoQ.Projections.Audit;

/// <summary>Builds <see cref="NodeAudit"/>: totals from the node ledgers (combined over partitions), history from the recorded tasks.</summary>
public static class NodeAuditQuery
{
    /// <summary>Loads a node's audit, or null when the node was never paid nor ever inferred a task.</summary>
    public static async Task<NodeAudit?> LoadAsync(IQuerySession session, string connectionString, string nodeId, int historyLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var parts = await NodeLedgerTable.ReadAsync(connectionString, nodeId, null, cancellationToken).ConfigureAwait(false);
        var inferred = await AuditStore.TasksInferredByAsync(connectionString, nodeId, cancellationToken).ConfigureAwait(false);
        var evaluated = await AuditStore.TasksSamplingAsync(connectionString, nodeId, cancellationToken).ConfigureAwait(false);
        var inferenceHistory = inferred
            .Where(t => t.Settlement.IsReached)
            .Select(t => new NodeRewardEntry(t.Epoch, t.Facts.ClosedAt, t.TaskId, t.Settlement.InferenceReward))
            .ToList();
        var evaluatorHistory = evaluated
            .SelectMany(t => t.Settlement.Verdicts.Where(v => v.EvaluatorId == nodeId).Select(v => new NodeRewardEntry(t.Epoch, t.Facts.ClosedAt, t.TaskId, v.Reward)))
            .ToList();
        var inference = Role(RecordedRoles.Inference, Combined(parts, RecordedRoles.Inference, nodeId), inferenceHistory, inferred.Count > 0, historyLimit);
        var evaluator = Role(RecordedRoles.Evaluator, Combined(parts, RecordedRoles.Evaluator, nodeId), evaluatorHistory, evaluated.Count > 0, historyLimit);
        return inference is null && evaluator is null ? null : new NodeAudit(nodeId, inference, evaluator);
    }

    private static NodeLedger? Combined(IReadOnlyList<NodeLedger> parts, string role, string nodeId)
    {
        var mine = parts.Where(p => p.Role == role).ToList();
        return mine.Count == 0 ? null : NodeLedger.Combine(role, nodeId, mine);
    }

    private static NodeRoleAudit? Role(string role, NodeLedger? ledger, List<NodeRewardEntry> history, bool seen, int limit)
    {
        if (ledger is null && history.Count == 0 && !seen)
        {
            return null;
        }

        var recent = history.Skip(Math.Max(0, history.Count - limit)).ToList();
        return ledger is null
            ? new NodeRoleAudit(role, 0, 0, 0, 0, default, history.Count, recent)
            : new NodeRoleAudit(role, ledger.Count, ledger.Total, ledger.Mean, ledger.Variance, ledger.LastPaidAt, history.Count, recent);
    }
}
