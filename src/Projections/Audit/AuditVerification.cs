using Marten;
using PoQ.Projections.Documents;

namespace PoQ.Projections.Audit;

/// <summary>
/// <c>poq audit verify</c>: loads the recorded history and re-derives it with <see cref="SettlementVerifier"/>.
/// All tasks: every task in sequence order plus the chain checks (trust chain, node ledgers, trust-ledger stream).
/// One task: that task's derivation alone, from its recorded trust before.
/// </summary>
public static class AuditVerification
{
    /// <summary>Verifies every recorded task.</summary>
    public static async Task<VerificationReport> AllAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var mechanisms = await AuditStore.MechanismsAsync(session, cancellationToken).ConfigureAwait(false);
        var verifier = new SettlementVerifier(mechanisms, chain: true);
        foreach (var task in await AuditStore.AllTasksAsync(session, cancellationToken).ConfigureAwait(false))
        {
            verifier.Check(task);
        }

        verifier.CheckLedgers(await session.Query<NodeLedger>().ToListAsync(cancellationToken).ConfigureAwait(false));
        verifier.CheckTrustLedger(await AuditStore.TrustUpdatesAsync(session, cancellationToken).ConfigureAwait(false));
        return verifier.Report();
    }

    /// <summary>Verifies one task; null when there is no such task.</summary>
    public static async Task<VerificationReport?> TaskAsync(IQuerySession session, string taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var task = await AuditStore.TaskAsync(session, taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return null;
        }

        var verifier = new SettlementVerifier(await AuditStore.MechanismsAsync(session, cancellationToken).ConfigureAwait(false), chain: false);
        verifier.Check(task);
        return verifier.Report();
    }
}
