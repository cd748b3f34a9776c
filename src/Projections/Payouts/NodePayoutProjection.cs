using Marten;
using PoQ.Projections.Model;
using PoQ.Projections.Store;

namespace PoQ.Projections.Payouts;

/// <summary>
/// The payout history projection (Marten, inline): each <see cref="TasksSettled"/> inserts its rewards as
/// <see cref="PayoutBlocks"/> (a row per node and role) in one statement, in the transaction that appends the event.
/// Rebuilt from the events by <c>poq projections rebuild</c>.
/// </summary>
public sealed class NodePayoutProjection : TasksSettledProjection
{
    /// <summary>The projection's name (its table is <see cref="NodePayoutTable.Name"/>).</summary>
    public const string ProjectionName = "node_payouts";

    /// <summary>Registers the table and its teardown.</summary>
    public NodePayoutProjection()
        : base(ProjectionName, NodePayoutTable.Definition())
    {
    }

    /// <inheritdoc />
    protected override void ProjectBatch(IDocumentOperations operations, TasksSettled batch)
    {
        var blocks = PayoutBlocks.Of(batch);
        if (blocks.Count > 0)
        {
            operations.QueueSqlCommand(NodePayoutTable.InsertSql, NodePayoutTable.InsertParameters(blocks));
        }
    }
}
