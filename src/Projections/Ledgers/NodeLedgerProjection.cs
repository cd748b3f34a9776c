using Marten;
using PoQ.Projections.Model;
using PoQ.Projections.Store;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The node ledger projection (Marten, inline): each <see cref="TasksSettled"/> adds its rewards to the
/// <c>node_ledgers</c> rows of its nodes, roles and partitions in one statement, in the transaction that appends the
/// event. Rebuilt from the events by <c>poq projections rebuild</c> (Marten's rebuild wipes the table first).
/// </summary>
public sealed class NodeLedgerProjection : TasksSettledProjection
{
    /// <summary>The projection's name (Marten, <c>poq projections rebuild --name</c>).</summary>
    public const string ProjectionName = NodeLedgerTable.Name;

    /// <summary>Registers the table and its teardown.</summary>
    public NodeLedgerProjection()
        : base(ProjectionName, NodeLedgerTable.Definition())
    {
    }

    /// <inheritdoc />
    protected override void ProjectBatch(IDocumentOperations operations, TasksSettled batch)
    {
        var book = new NodeLedgerBook();
        foreach (var task in batch.Tasks)
        {
            book.Add(task);
        }

        if (book.All.Count > 0)
        {
            operations.QueueSqlCommand(NodeLedgerTable.AddSql, NodeLedgerTable.AddParameters(book.All));
        }
    }
}
