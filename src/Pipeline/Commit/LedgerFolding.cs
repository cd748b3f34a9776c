using System.Diagnostics;
using Npgsql;
using PoQ.Pipeline.Resilience;
using PoQ.Pipeline.Telemetry;
using PoQ.Projections.Ledgers;

namespace PoQ.Pipeline.Commit;

/// <summary>
/// The pipeline's driver of <see cref="LedgerFold"/>: folds the ledgers' pending deltas every interval while the
/// pipeline runs, and once more when it stops, so a stopped pipeline leaves its ledger tables complete. Readers are
/// exact either way (they read the pending deltas too); folding keeps the deltas few, so reads stay cheap.
/// </summary>
public sealed class LedgerFolding(NpgsqlDataSource database, TimeSpan interval, PipelineMetrics? metrics, Action<string> log)
{
    /// <summary>
    /// Runs until cancelled. A failing fold is logged once and retried, never stops the pipeline: it loses nothing — the
    /// deltas stay pending, readers count them, and the next fold takes them.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken) => PeriodicWork.RunAsync(
        interval,
        TimeProvider.System,
        FoldAsync,
        error => PostgresFaults.IsTransient(error)
            ? $"ledgers: database unavailable, folding waits: {error.GetBaseException().Message}"
            : $"ledgers: a fold failed, retrying every {interval.TotalSeconds:0.###} s (deltas stay pending; readers count them): {error.GetBaseException().Message}",
        "ledgers: folding resumed",
        log,
        cancellationToken);

    private async Task FoldAsync(CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        int folded = await LedgerFold.RunAsync(database, cancellationToken).ConfigureAwait(false);
        metrics?.LedgersFolded(folded, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// The last fold, after the last commit: it waits for another instance's fold in progress, so this instance's
    /// deltas are all in the ledger tables when it returns. A failure is logged, not thrown (the deltas stay pending and
    /// readers still count them).
    /// </summary>
    public async Task FinalAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await LedgerFold.CompleteAsync(database, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // Best effort by design: the stream has stopped, and a fold left undone loses nothing.
            log($"ledgers: the last fold failed, deltas stay pending (readers count them): {error.GetBaseException().Message}");
        }
    }
}
