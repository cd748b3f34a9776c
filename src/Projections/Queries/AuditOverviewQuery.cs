using Marten;
using PoQ.Projections.History;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Verification;

namespace PoQ.Projections.Queries;

/// <summary>Builds <see cref="AuditOverview"/> from the projections (node and evaluator ledgers), the verification record and the scenario catalog.</summary>
public static class AuditOverviewQuery
{
    /// <summary>Nodes listed as most changed by the latest scenario.</summary>
    public const int MostChangedCount = 10;

    /// <summary>Loads the overview (zeros and empty lists for an empty store).</summary>
    public static async Task<AuditOverview> LoadAsync(IQuerySession session, string connectionString, IScenarioCatalog scenarios, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scenarios);
        if (await HistoryReader.PresenceAsync(connectionString, cancellationToken).ConfigureAwait(false) != HistoryPresence.Recorded)
        {
            return new AuditOverview(new StoreSummary(0, 0, 0, 0, "", "", 0, 0, 0, 0), null, [], [], null, []);
        }

        var nodes = await StoreSummaryQuery.LedgersAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var status = await StoreSummaryQuery.LoadAsync(session, connectionString, nodes, cancellationToken).ConfigureAwait(false);
        var verification = await VerificationLog.LatestAsync(session, connectionString, cancellationToken).ConfigureAwait(false);
        var evaluators = (await EvaluatorLedgerTable.ReadAsync(connectionString, null, cancellationToken).ConfigureAwait(false))
            .GroupBy(l => l.EvaluatorId, StringComparer.Ordinal)
            .Select(g => EvaluatorLedger.Combine(g.Key, g))
            .Select(l => new EvaluatorTrustLine(l.EvaluatorId, l.Trust, l.Settled))
            .OrderBy(e => e.EvaluatorId, StringComparer.Ordinal)
            .ToList();
        var latest = await scenarios.LatestAsync(MostChangedCount, cancellationToken).ConfigureAwait(false);
        return new AuditOverview(status, verification, nodes, evaluators, latest?.Scenario, latest?.MostChanged ?? []);
    }
}
