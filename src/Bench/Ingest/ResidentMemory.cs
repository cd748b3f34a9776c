namespace PoQ.Bench.Ingest;

/// <summary>
/// Samples this process's resident set (/proc/self/statm, the figure /proc/self/status prints as VmRSS) and its managed
/// heap every few milliseconds while a phase runs and keeps the peaks. The sampler reads one held file without
/// allocating: reading and splitting /proc/self/status 50 times a second took ≈ 1.4 % of the process's CPU samples in
/// the measured phase, work the bench charged to the pipeline. Sampling rather than VmHWM because the high-water mark
/// would include the phases before (the COPY baseline holds the whole scenario in memory). Linux only; elsewhere both
/// figures are NaN.
/// </summary>
public sealed class ResidentMemory : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private double peak;
    private double peakManaged;

    private ResidentMemory()
    {
        AtStartMib = CurrentMib();
        peak = AtStartMib;
        sampling = Task.Run(SampleAsync);
    }

    /// <summary>Resident set when sampling started, MiB.</summary>
    public double AtStartMib { get; }

    /// <summary>Largest resident set seen so far, MiB.</summary>
    public double PeakMib => Volatile.Read(ref peak);

    /// <summary>
    /// Largest managed heap seen so far (bytes the GC counts as allocated and not yet collected), MiB: what the
    /// pipeline's own objects take, without native memory (librdkafka, an in-process broker's log) or GC slack.
    /// </summary>
    public double PeakManagedMib => Volatile.Read(ref peakManaged);

    /// <summary>Releases what earlier phases left (a compacting full collection that returns memory) and starts sampling.</summary>
    public static ResidentMemory Start()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return new ResidentMemory();
    }

    /// <summary>The resident set now, MiB (NaN where /proc is missing).</summary>
    public static double CurrentMib()
    {
        using var statm = ResidentSetFile.Open();
        return statm?.ReadMib() ?? double.NaN;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await sampling.ConfigureAwait(false);
        stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var statm = ResidentSetFile.Open();
        while (!stop.IsCancellationRequested)
        {
            double now = statm?.ReadMib() ?? double.NaN;
            if (now > peak)
            {
                Volatile.Write(ref peak, now);
            }

            double managed = GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024.0);
            if (managed > peakManaged)
            {
                Volatile.Write(ref peakManaged, managed);
            }

            try
            {
                await Task.Delay(Interval, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
