using Marten;
using PoQ.Projections.History;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;

namespace PoQ.Projections.Verification;

/// <summary>
/// <c>poq audit verify</c>: streams the recorded history through <see cref="SettlementVerifier"/> in canonical order,
/// a page at a time (<see cref="HistoryPages"/>), so memory stays flat whatever the history's size. All tasks: every task
/// through the settlement chain, every epoch close, the ledger projections. One task: its derivation alone, from its
/// recorded trust.
/// </summary>
public static class AuditVerification
{
    /// <summary>Verifies every recorded task; <paramref name="progress"/> receives (tasks checked, tasks recorded).</summary>
    public static async Task<VerificationReport> AllAsync(
        IQuerySession session, string connectionString, CancellationToken cancellationToken, IProgress<(long Done, long Total)>? progress = null, int pageSize = HistoryPages.DefaultPageSize, IAdmissionAudit? admission = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var mechanisms = await HistoryReader.MechanismsAsync(session, cancellationToken).ConfigureAwait(false);
        var closes = await HistoryReader.EpochClosesAsync(session, cancellationToken).ConfigureAwait(false);
        var verifier = new SettlementVerifier(mechanisms, closes);
        long total = await HistoryPages.CountAsync(connectionString, cancellationToken).ConfigureAwait(false);
        await foreach (var page in HistoryPages.ReadAsync(connectionString, HistoryOrder.Canonical, pageSize, cancellationToken).ConfigureAwait(false))
        {
            verifier.Check(page);
            if (admission is not null)
            {
                verifier.Record(page.AsParallel().AsOrdered().SelectMany(admission.Check).ToList());
            }

            progress?.Report((verifier.TasksChecked, total));
        }

        var ledgers = await NodeLedgerTable.ReadAsync(connectionString, null, cancellationToken).ConfigureAwait(false);
        var evaluators = await EvaluatorLedgerTable.ReadAsync(connectionString, null, cancellationToken).ConfigureAwait(false);
        var trust = await session.Query<EvaluatorTrust>().ToListAsync(cancellationToken).ConfigureAwait(false);
        verifier.Finish(ledgers, evaluators, trust);
        return verifier.Report();
    }

    /// <summary>
    /// Verifies every recorded task and records the report in the <see cref="VerificationLog"/> at <paramref name="at"/>:
    /// what <c>poq audit verify --all</c> does, so the auditor's landing page shows the last full verification.
    /// </summary>
    public static async Task<VerificationReport> AllAndLogAsync(
        IDocumentStore store, string connectionString, DateTimeOffset at, IProgress<(long Done, long Total)>? progress, CancellationToken cancellationToken, IAdmissionAudit? admission = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        VerificationReport report;
        await using (var session = store.QuerySession())
        {
            report = await AllAsync(session, connectionString, cancellationToken, progress, admission: admission).ConfigureAwait(false);
        }

        await VerificationLog.RecordAsync(store, report, at, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>Verifies one task; null when there is no such task.</summary>
    public static async Task<VerificationReport?> TaskAsync(IQuerySession session, string connectionString, string taskId, CancellationToken cancellationToken, IAdmissionAudit? admission = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var task = await HistoryReader.ReadTaskAsync(connectionString, taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return null;
        }

        var verifier = new SettlementVerifier(await HistoryReader.MechanismsAsync(session, cancellationToken).ConfigureAwait(false));
        verifier.CheckOne(task);
        if (admission is not null)
        {
            verifier.Record(admission.Check(task));
        }

        return verifier.Report();
    }
}
