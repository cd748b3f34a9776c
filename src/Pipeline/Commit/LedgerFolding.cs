using System.Diagnostics;
using Npgsql;
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
    /// <summary>Runs until cancelled; a database outage or a failing fold pauses it, logged once (the commits' policy reports an outage and enforces its budget).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        bool failing = false;
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                long started = Stopwatch.GetTimestamp();
                int folded = await LedgerFold.RunAsync(database, cancellationToken).ConfigureAwait(false);
                metrics?.LedgersFolded(folded, Stopwatch.GetElapsedTime(started));
                if (failing)
                {
                    log("ledgers: folding resumed");
                }

                failing = false;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Once per failing spell. A fold that fails loses nothing: the deltas stay pending, readers count them,
                // and the next fold takes them; so the pipeline keeps settling (an outage is the commits' policy's to judge).
                if (!failing)
                {
                    log(Resilience.PostgresFaults.IsTransient(error)
                        ? $"ledgers: database unavailable, folding waits: {error.GetBaseException().Message}"
                        : $"ledgers: a fold failed, retrying every {interval.TotalSeconds:0.###} s (deltas stay pending; readers count them): {error.GetBaseException().Message}");
                }

                failing = true;
            }
        }
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
