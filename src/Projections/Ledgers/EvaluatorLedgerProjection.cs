using Marten;
using PoQ.Projections.Model;
using PoQ.Projections.Store;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The evaluator ledger projection (Marten, inline): each <see cref="TasksSettled"/> adds its evaluators' participation,
/// deviations and latest trust to the <c>evaluator_ledgers</c> rows, in one statement, in the commit's transaction.
/// </summary>
public sealed class EvaluatorLedgerProjection : TasksSettledProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = EvaluatorLedgerTable.Name;

    /// <summary>Registers the table and its teardown.</summary>
    public EvaluatorLedgerProjection()
        : base(ProjectionName, EvaluatorLedgerTable.Definition())
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
            operations.QueueSqlCommand(EvaluatorLedgerTable.AddSql, EvaluatorLedgerTable.AddParameters(book.All));
        }
    }
}
