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

    /// <inheritdoc />
    /// <remarks>
    /// One row per reward of a task that reached consensus (none below quorum): the inference node's, then each
    /// evaluator's. The column arrays are filled directly: a commit carries some six rows per task, and a row object
    /// plus one array per column through LINQ were 6 % of the pipeline's allocations.
    /// </remarks>
    protected override void ProjectBatch(IDocumentOperations operations, TasksSettled batch)
    {
        int count = 0;
        foreach (var task in batch.Tasks)
        {
            count += task.Settlement.IsReached ? 1 + task.Settlement.Verdicts.Count : 0;
        }

        if (count == 0)
        {
            return;
        }

        var columns = new Columns(count);
        foreach (var task in batch.Tasks)
        {
            if (!task.Settlement.IsReached)
            {
                continue;
            }

            var facts = task.Facts;
            var at = facts.ClosedAt.ToUniversalTime();
            columns.Add(facts.InferenceNodeId, RecordedRoles.Inference, at, task, task.Settlement.InferenceReward, null, null);
            foreach (var verdict in task.Settlement.Verdicts)
            {
                columns.Add(verdict.EvaluatorId, RecordedRoles.Evaluator, at, task, verdict.Reward, verdict.TrustBefore, verdict.TrustAfter);
            }
        }

        operations.QueueSqlCommand(NodePayoutTable.InsertSql, columns.NodeIds, columns.ClosedAt, columns.TaskIds, columns.Roles, columns.Epochs, columns.Partitions, columns.Rewards, columns.TrustBefore, columns.TrustAfter);
    }

    /// <summary>The insert's parameters, one array per column (see <see cref="NodePayoutTable.InsertSql"/>).</summary>
    private sealed class Columns(int count)
    {
        private int next;

        public string[] NodeIds { get; } = new string[count];

        public DateTimeOffset[] ClosedAt { get; } = new DateTimeOffset[count];

        public string[] TaskIds { get; } = new string[count];

        public string[] Roles { get; } = new string[count];

        public long[] Epochs { get; } = new long[count];

        public int[] Partitions { get; } = new int[count];

        public double[] Rewards { get; } = new double[count];

        public double?[] TrustBefore { get; } = new double?[count];

        public double?[] TrustAfter { get; } = new double?[count];

        public void Add(string nodeId, string role, DateTimeOffset at, TaskFinalized task, double reward, double? trustBefore, double? trustAfter)
        {
            NodeIds[next] = nodeId;
            ClosedAt[next] = at;
            TaskIds[next] = task.TaskId;
            Roles[next] = role;
            Epochs[next] = task.Epoch;
            Partitions[next] = task.Facts.TaskSource.Partition;
            Rewards[next] = reward;
            TrustBefore[next] = trustBefore;
            TrustAfter[next] = trustAfter;
            next++;
        }
    }
}
