using Marten;
using PoQ.Projections.History;
using PoQ.Projections.Store;

namespace PoQ.Projections.Verification;

/// <summary>Keeps the result of the last full verification (<see cref="VerificationRecord"/>) in the store it verified.</summary>
public static class VerificationLog
{
    /// <summary>Records a full verification's result, replacing the previous one.</summary>
    public static async Task RecordAsync(IDocumentStore store, VerificationReport report, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = store.LightweightSession();
        session.Store(VerificationRecord.Of(report, at));
        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last recorded result; null when none (never creates the table).</summary>
    public static async Task<VerificationRecord?> LatestAsync(IQuerySession session, string connectionString, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await HistoryReader.TableExistsAsync(connectionString, PoqTables.DocumentTable<VerificationRecord>(), cancellationToken).ConfigureAwait(false)
            ? await session.LoadAsync<VerificationRecord>(VerificationRecord.LatestId, cancellationToken).ConfigureAwait(false)
            : null;
    }
}
