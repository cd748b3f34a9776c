using Marten;
using PoQ.Projections.History;
using PoQ.Projections.Store;
using PoQ.Projections.Verification;
using PoQ.Settlement.Digest;

namespace PoQ.Chaos;

/// <summary>What a store recorded, for comparing a faulted run with the clean one.</summary>
/// <param name="Tasks">Task settlements recorded (a duplicate counts twice).</param>
/// <param name="DistinctTasks">Distinct task ids.</param>
/// <param name="DeadLetters">Dead letters recorded.</param>
/// <param name="Digest">The settlement digest (<c>poq audit digest</c>).</param>
/// <param name="VerifyClean">Whether <c>poq audit verify</c> finds every settlement re-derivable.</param>
public sealed record StoreFacts(long Tasks, long DistinctTasks, long DeadLetters, string Digest, bool VerifyClean)
{
    /// <summary>Reads the facts of the store at <paramref name="connectionString"/>.</summary>
    public static async Task<StoreFacts> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        var digest = new SettlementDigest();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long tasks = 0;
        await foreach (var page in HistoryPages.ReadAsync(connectionString, HistoryOrder.Canonical, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var task in page)
            {
                digest.Add(task);
                ids.Add(task.TaskId);
                tasks++;
            }
        }

        var totals = await PipelineTotals.LoadAsync(connectionString, cancellationToken).ConfigureAwait(false);
        using var store = PoqStore.Create(connectionString);
        await using var session = store.QuerySession();
        var report = await AuditVerification.AllAsync(session, connectionString, cancellationToken).ConfigureAwait(false);
        return new StoreFacts(tasks, ids.Count, totals.DeadLetters, digest.Finish().Digest, report.Clean);
    }
}
