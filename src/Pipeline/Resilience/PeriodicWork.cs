namespace PoQ.Pipeline.Resilience;

/// <summary>
/// A background step run at a fixed interval until cancelled (the epoch folds, the ledger folds). A failure the caller
/// retries is logged once per failing spell — the commits' policy reports an outage's progress and enforces its budget,
/// so a background step only waits — and its recovery once; any other failure ends the loop.
/// </summary>
public static class PeriodicWork
{
    /// <summary>Runs <paramref name="step"/> every <paramref name="interval"/> of <paramref name="clock"/>.</summary>
    /// <param name="interval">Time between steps.</param>
    /// <param name="clock">The clock the interval is measured on.</param>
    /// <param name="step">One round of the work.</param>
    /// <param name="failed">The line to log when a spell of failures begins; null for a failure not to retry.</param>
    /// <param name="resumed">The line to log when a step succeeds after failures.</param>
    /// <param name="log">Where the lines go.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider clock, Func<CancellationToken, Task> step, Func<Exception, string?> failed, string resumed, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(log);
        using var timer = new PeriodicTimer(interval, clock);
        bool failing = false;
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await step(cancellationToken).ConfigureAwait(false);
                if (failing)
                {
                    log(resumed);
                }

                failing = false;
            }
            catch (Exception error) when (error is not OperationCanceledException && failed(error) is { } line)
            {
                if (!failing)
                {
                    log(line);
                }

                failing = true;
            }
        }
    }
}
