using Marten;
using PoQ.Projections.Documents;
using PoQ.Projections.Ledgers;

namespace PoQ.Projections.Audit;

/// <summary>The store's summary and its node ledgers.</summary>
public static class StoreSummaryQuery
{
    /// <summary>Loads the summary (zeros for an empty store).</summary>
    public static async Task<StoreSummary> LoadAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var state = await session.LoadAsync<PipelineState>(PipelineState.SingletonId, cancellationToken).ConfigureAwait(false) ?? new PipelineState();
        var ledgers = await LedgersAsync(session, cancellationToken).ConfigureAwait(false);
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
            state.TasksFinalized, state.TasksInsufficient, state.ScoresAccepted, state.DeadLetters, state.Rule, state.ParamsHash,
            ledgers.Count(l => l.Role == RecordedRoles.Inference), ledgers.Count(l => l.Role == RecordedRoles.Evaluator), inference, evaluators);
    }

    /// <summary>Every node ledger, by role then ordinal node id.</summary>
    public static async Task<IReadOnlyList<NodeLedgerLine>> LedgersAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var ledgers = await session.Query<NodeLedger>().ToListAsync(cancellationToken).ConfigureAwait(false);
        return ledgers
            .OrderBy(l => l.Role, StringComparer.Ordinal).ThenBy(l => l.NodeId, StringComparer.Ordinal)
            .Select(l => new NodeLedgerLine(l.NodeId, l.Role, l.Count, l.Total, l.Mean))
            .ToList();
    }
}
