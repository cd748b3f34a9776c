using Marten;
using PoQ.Projections.History;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Store;

namespace PoQ.Projections.Queries;

/// <summary>The store's summary and its node ledgers.</summary>
public static class StoreSummaryQuery
{
    /// <summary>Loads the summary (zeros for an empty store).</summary>
    public static async Task<StoreSummary> LoadAsync(IQuerySession session, string connectionString, CancellationToken cancellationToken) =>
        await LoadAsync(session, connectionString, await LedgersAsync(connectionString, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Loads the summary over ledgers the caller already read (<see cref="LedgersAsync"/>).</summary>
    public static async Task<StoreSummary> LoadAsync(IQuerySession session, string connectionString, IReadOnlyList<NodeLedgerLine> ledgers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(ledgers);
        var totals = await PipelineTotals.LoadAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var mechanisms = await HistoryReader.MechanismsAsync(session, cancellationToken).ConfigureAwait(false);
        var mechanism = mechanisms.All.FirstOrDefault()?.Configured;
        double inference = 0, evaluators = 0;
        foreach (var ledger in ledgers)
        {
            if (ledger.Role == RecordedRoles.Inference)
            {
                inference += ledger.Total;
            }
            else
            {
                evaluators += ledger.Total;
            }
        }

        return new StoreSummary(
            totals.TasksFinalized, totals.TasksInsufficient, totals.ScoresAccepted, totals.DeadLetters, mechanism?.Rule ?? "", mechanism?.ParamsHash ?? "",
            ledgers.Count(l => l.Role == RecordedRoles.Inference), ledgers.Count(l => l.Role == RecordedRoles.Evaluator), inference, evaluators);
    }

    /// <summary>Every node's ledger combined over partitions, by role then ordinal node id.</summary>
    public static async Task<IReadOnlyList<NodeLedgerLine>> LedgersAsync(string connectionString, CancellationToken cancellationToken)
    {
        var ledgers = await NodeLedgerTable.CombinedAsync(connectionString, null, cancellationToken).ConfigureAwait(false);
        return [.. ledgers.Select(l => new NodeLedgerLine(l.NodeId, l.Role, l.Count, l.Total, l.Mean))];
    }
}
