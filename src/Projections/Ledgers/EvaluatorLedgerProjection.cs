using Marten;
using PoQ.Projections.Model;
using PoQ.Projections.Store;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The evaluator ledger projection (Marten, inline): each <see cref="TasksSettled"/> stores its evaluators'
/// participation, deviations and latest trust as one row of deltas (<see cref="EvaluatorLedgerTable.Deltas"/>), in the
/// commit's transaction; <see cref="LedgerFold"/> adds them into the <c>evaluator_ledgers</c> rows.
/// </summary>
public sealed class EvaluatorLedgerProjection : TasksSettledProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = EvaluatorLedgerTable.Name;

    /// <summary>Registers the tables and their teardown.</summary>
    public EvaluatorLedgerProjection()
        : base(ProjectionName, EvaluatorLedgerTable.Definition(), EvaluatorLedgerTable.Deltas.Definition())
    {
    }

    /// <inheritdoc />
    protected override void ProjectBatch(IDocumentOperations operations, TasksSettled batch)
    {
        var book = new EvaluatorLedgerBook();
        foreach (var task in batch.Tasks)
        {
            book.Add(task);
        }

        if (book.All.Count > 0)
        {
            operations.QueueSqlCommand(EvaluatorLedgerTable.Deltas.InsertSql, EvaluatorLedgerCodec.Encode(book.All));
        }
    }
}
