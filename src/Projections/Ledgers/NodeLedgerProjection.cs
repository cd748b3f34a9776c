using Marten;
using PoQ.Projections.Model;
using PoQ.Projections.Store;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The node ledger projection (Marten, inline): each <see cref="TasksSettled"/> stores its rewards per node, role and
/// partition as one row of deltas (<see cref="NodeLedgerTable.Deltas"/>), in the transaction that appends the event;
/// <see cref="LedgerFold"/> adds them into the <c>node_ledgers</c> rows. Rebuilt from the events by <c>poq projections
/// rebuild</c> (Marten's rebuild wipes both tables first).
/// </summary>
public sealed class NodeLedgerProjection : TasksSettledProjection
{
    /// <summary>The projection's name (Marten, <c>poq projections rebuild --name</c>).</summary>
    public const string ProjectionName = NodeLedgerTable.Name;

    /// <summary>Registers the tables and their teardown.</summary>
    public NodeLedgerProjection()
        : base(ProjectionName, NodeLedgerTable.Definition(), NodeLedgerTable.Deltas.Definition())
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
            operations.QueueSqlCommand(NodeLedgerTable.Deltas.InsertSql, NodeLedgerCodec.Encode(book.All));
        }
    }
}
