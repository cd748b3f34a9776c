using Marten;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using PoQ.Settlement.Events;

namespace PoQ.Projections.Payouts;

/// <summary>
/// The payout history projection (Marten, inline): each <see cref="TasksSettled"/> inserts one row per reward it paid,
/// in one statement, in the transaction that appends the event. Rebuilt from the events by <c>poq projections rebuild</c>.
/// </summary>
public sealed class NodePayoutProjection : TasksSettledProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = NodePayoutTable.Name;

    /// <summary>Registers the table and its teardown.</summary>
    public NodePayoutProjection()
        : base(ProjectionName, NodePayoutTable.Definition())
    {
    }

    /// <summary>The rows one settled task adds (none below quorum).</summary>
    public static IEnumerable<NodePayout> Of(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.Settlement.IsReached)
        {
            yield break;
        }

        var facts = task.Facts;
        var at = facts.ClosedAt.ToUniversalTime();
        yield return new NodePayout(facts.InferenceNodeId, RecordedRoles.Inference, at, task.TaskId, task.Epoch, facts.TaskSource.Partition, task.Settlement.InferenceReward, null, null);
        foreach (var verdict in task.Settlement.Verdicts)
        {
            yield return new NodePayout(verdict.EvaluatorId, RecordedRoles.Evaluator, at, task.TaskId, task.Epoch, facts.TaskSource.Partition, verdict.Reward, verdict.TrustBefore, verdict.TrustAfter);
        }
    }

    /// <inheritdoc />
    protected override void ProjectBatch(IDocumentOperations operations, TasksSettled batch)
    {
        var rows = batch.Tasks.SelectMany(Of).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        operations.QueueSqlCommand(
            NodePayoutTable.InsertSql,
            rows.Select(r => r.NodeId).ToArray(),
            rows.Select(r => r.ClosedAt).ToArray(),
            rows.Select(r => r.TaskId).ToArray(),
            rows.Select(r => r.Role).ToArray(),
            rows.Select(r => r.Epoch).ToArray(),
            rows.Select(r => r.Partition).ToArray(),
            rows.Select(r => r.Reward).ToArray(),
            rows.Select(r => r.TrustBefore).ToArray(),
            rows.Select(r => r.TrustAfter).ToArray());
    }
}
