using Marten;
using PoQ.Projections.Documents;
using PoQ.Projections.Events;
using PoQ.Projections.Ledgers;

namespace PoQ.Projections.Audit;

/// <summary>Builds <see cref="NodeAudit"/>: totals from the node ledgers, history from the recorded task events.</summary>
public static class NodeAuditQuery
{
    /// <summary>Loads a node's audit, or null when the node was never paid nor ever inferred a task.</summary>
    public static async Task<NodeAudit?> LoadAsync(IQuerySession session, string nodeId, int historyLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var inferenceLedger = await session.LoadAsync<NodeLedger>(NodeLedger.IdOf(RecordedRoles.Inference, nodeId), cancellationToken).ConfigureAwait(false);
        var evaluatorLedger = await session.LoadAsync<NodeLedger>(NodeLedger.IdOf(RecordedRoles.Evaluator, nodeId), cancellationToken).ConfigureAwait(false);
        var inferred = await AuditStore.TasksInferredByAsync(session, nodeId, cancellationToken).ConfigureAwait(false);
        var evaluated = await AuditStore.TasksSamplingAsync(session, nodeId, cancellationToken).ConfigureAwait(false);
        var inferenceHistory = inferred
            .Where(t => t.Settlement.Status == Settlement.Reached)
            .Select(t => new NodeRewardEntry(t.Sequence, t.TaskId, t.Settlement.InferenceReward))
            .ToList();
        var evaluatorHistory = evaluated
            .SelectMany(t => t.Settlement.Verdicts.Where(v => v.EvaluatorId == nodeId).Select(v => new NodeRewardEntry(t.Sequence, t.TaskId, v.Reward)))
            .ToList();
        var inference = Role(RecordedRoles.Inference, inferenceLedger, inferenceHistory, inferred.Count > 0, historyLimit);
        var evaluator = Role(RecordedRoles.Evaluator, evaluatorLedger, evaluatorHistory, evaluated.Count > 0, historyLimit);
        return inference is null && evaluator is null ? null : new NodeAudit(nodeId, inference, evaluator);
    }

    private static NodeRoleAudit? Role(string role, NodeLedger? ledger, List<NodeRewardEntry> history, bool seen, int limit)
    {
        if (ledger is null && history.Count == 0 && !seen)
        {
            return null;
        }

        var recent = history.Skip(Math.Max(0, history.Count - limit)).ToList();
        return ledger is null
            ? new NodeRoleAudit(role, 0, 0, 0, 0, 0, history.Count, recent)
            : new NodeRoleAudit(role, ledger.Count, ledger.Total, ledger.Mean, ledger.Variance, ledger.LastSequence, history.Count, recent);
    }
}
