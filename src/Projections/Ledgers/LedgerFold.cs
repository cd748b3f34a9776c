using Npgsql;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// Moves both ledgers' pending deltas (<see cref="LedgerDeltas"/>) into their tables (<see cref="LedgerStore{TRow}.FoldAsync"/>):
/// page by page, oldest first, each page deleted, merged per key and added in one transaction — so a reader, which reads
/// a ledger and its deltas in one snapshot, sees every delta exactly once. Folds of several instances take turns on an
/// advisory lock per ledger (one that finds it taken leaves the work to the holder). Exact sums commute and the latest
/// task wins whatever the order, so the rows do not depend on when or by whom deltas are folded.
/// </summary>
public static class LedgerFold
{
    /// <summary>Delta rows (commits) folded per transaction.</summary>
    public const int Page = 256;

    /// <summary>Folds the deltas pending when called, of both ledgers; returns the delta rows folded (none when another fold holds the locks).</summary>
    public static async Task<int> RunAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        int folded = await NodeLedgerTable.Store.FoldAsync(database, Page, cancellationToken).ConfigureAwait(false);
        return folded + await EvaluatorLedgerTable.Store.FoldAsync(database, Page, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="RunAsync(NpgsqlDataSource, CancellationToken)"/> on a connection string.</summary>
    public static async Task<int> RunAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        return await RunAsync(database, cancellationToken).ConfigureAwait(false);
    }
}
