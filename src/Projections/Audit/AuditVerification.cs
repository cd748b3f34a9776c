using Marten;
using PoQ.Projections.Documents;
using PoQ.Projections.History;
using PoQ.Projections.Ledgers;

namespace PoQ.Projections.Audit;

/// <summary>
/// <c>poq audit verify</c>: loads the recorded history and re-derives it with <see cref="SettlementVerifier"/>.
/// All tasks: every task through the settlement chain, every epoch close, the node ledgers. One task: that task's
/// derivation alone, from its recorded trust.
/// </summary>
public static class AuditVerification
{
    /// <summary>Verifies every recorded task.</summary>
    public static async Task<VerificationReport> AllAsync(IQuerySession session, string connectionString, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var verifier = new SettlementVerifier(await HistoryReader.MechanismsAsync(session, cancellationToken).ConfigureAwait(false));
        var stored = await HistoryReader.ReadStoredAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var closes = await HistoryReader.EpochClosesAsync(session, cancellationToken).ConfigureAwait(false);
        var ledgers = await NodeLedgerTable.ReadAsync(connectionString, null, null, cancellationToken).ConfigureAwait(false);
        var trust = await session.Query<EvaluatorTrust>().ToListAsync(cancellationToken).ConfigureAwait(false);
        verifier.CheckAll(stored, closes, ledgers, trust);
        return verifier.Report();
    }

    /// <summary>Verifies one task; null when there is no such task.</summary>
    public static async Task<VerificationReport?> TaskAsync(IQuerySession session, string connectionString, string taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var task = await HistoryReader.ReadTaskAsync(connectionString, taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return null;
        }

        var verifier = new SettlementVerifier(await HistoryReader.MechanismsAsync(session, cancellationToken).ConfigureAwait(false));
        verifier.CheckOne(task);
        return verifier.Report();
    }
}
