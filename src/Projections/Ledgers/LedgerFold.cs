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

    /// <summary>
    /// Folds the deltas pending when called, of both ledgers, unless another fold holds a ledger's lock (then that one
    /// does it): the periodic folds of running instances. Returns the delta rows folded.
    /// </summary>
    public static Task<int> RunAsync(NpgsqlDataSource database, CancellationToken cancellationToken) => FoldAsync(database, wait: false, cancellationToken);

    /// <summary>
    /// Folds every delta committed before the call, waiting for any other fold in progress: afterwards the ledger tables
    /// alone hold them (a stopping pipeline, the history recorder, a projection rebuild). Returns the delta rows folded.
    /// </summary>
    public static Task<int> CompleteAsync(NpgsqlDataSource database, CancellationToken cancellationToken) => FoldAsync(database, wait: true, cancellationToken);

    /// <summary><see cref="CompleteAsync(NpgsqlDataSource, CancellationToken)"/> on a connection string.</summary>
    public static async Task<int> CompleteAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        return await CompleteAsync(database, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> FoldAsync(NpgsqlDataSource database, bool wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        int folded = await NodeLedgerTable.Store.FoldAsync(database, Page, wait, cancellationToken).ConfigureAwait(false);
        return folded + await EvaluatorLedgerTable.Store.FoldAsync(database, Page, wait, cancellationToken).ConfigureAwait(false);
    }
}
