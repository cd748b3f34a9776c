using System.Diagnostics;
using PoQ.Hosting;
using PoQ.Pipeline;
using PoQ.Pipeline.Commit;
using PoQ.Projections.Store;

namespace PoQ.Bench.Ingest;

/// <summary>The timed phase: the real <see cref="PipelineRunner"/> from offset 0 until the batch holding the last task has committed.</summary>
public static class PipelineRun
{
    /// <summary>Result of the timed phase.</summary>
    /// <param name="Elapsed">Start (restore included) to the commit of the last task.</param>
    /// <param name="Batches">Batches committed.</param>
    /// <param name="Cpu">CPU seconds spent meanwhile.</param>
    /// <param name="Collections">Garbage collections meanwhile in this process: gen 0, 1, 2.</param>
    /// <param name="GcPause">Time this process's threads stood still for those collections.</param>
    /// <param name="StartRssMib">Resident set at the start, after a full collection, MiB.</param>
    /// <param name="PeakRssMib">Largest resident set during the run, MiB.</param>
    /// <param name="PeakManagedMib">Largest managed heap during the run, MiB.</param>
    /// <param name="PartitionPauses">Times a topic-partition was paused at the consumer by the buffer budget.</param>
    /// <param name="AllocatedBytes">Bytes this process allocated on the managed heap meanwhile (every thread).</param>
    public sealed record Result(TimeSpan Elapsed, long Batches, CpuSample Cpu, int[] Collections, TimeSpan GcPause, double StartRssMib, double PeakRssMib, double PeakManagedMib, long PartitionPauses, long AllocatedBytes);

    /// <summary>Runs the pipeline until <paramref name="tasks"/> tasks are committed, then drains it.</summary>
    public static Task<Result> RunAsync(PipelineOptions options, int tasks, TimeSpan timeout, int postmasterPid, long? maxHeapMib, IProgress<long>? progress, CancellationToken cancellationToken) =>
        RunAsync(options, tasks, timeout, postmasterPid, maxHeapMib, progress, committed: null, started: null, cancellationToken);

    /// <summary>
    /// Runs the pipeline until <paramref name="tasks"/> tasks are committed, then drains it; <paramref name="committed"/> sees each
    /// batch as it commits, and <paramref name="started"/> completes once the pipeline runs with that observer attached.
    /// With <paramref name="maxHeapMib"/>, the process's heap is limited while the pipeline runs (as `poq run --max-heap`).
    /// </summary>
    public static async Task<Result> RunAsync(
        PipelineOptions options, int tasks, TimeSpan timeout, int postmasterPid, long? maxHeapMib, IProgress<long>? progress,
        Action<CommittedBatch>? committed, TaskCompletionSource? started, CancellationToken cancellationToken)
    {
        await using var memory = ResidentMemory.Start();
        using var heapLimit = maxHeapMib is { } limit ? HeapLimit.Apply(limit) : null;
        var logged = new List<string>();
        var cpuBefore = CpuSample.Take(postmasterPid);
        int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var pausedBefore = GC.GetTotalPauseDuration();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var runner = await PipelineRunner.StartAsync(options, line => { lock (logged) { logged.Add(line); } }, cancellationToken).ConfigureAwait(false);
        await using (runner.ConfigureAwait(false))
        {
            if (committed is not null)
            {
                runner.Counters.Committed += committed;
            }

            started?.TrySetResult();

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (runner.Completion.IsCompleted)
                {
                    await runner.Completion.ConfigureAwait(false);
                    throw new InvalidOperationException($"the pipeline stopped before committing every task: {string.Join(" | ", logged)}");
                }

                // Counted in the checkpoints, i.e. committed.
                var totals = await PipelineTotals.LoadAsync(options.PostgresConnection, cancellationToken).ConfigureAwait(false);
                long settled = totals.TasksFinalized + totals.TasksInsufficient;
                if (settled >= tasks)
                {
                    break;
                }

                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"the pipeline committed {settled:N0} of {tasks:N0} tasks in {timeout}");
                }

                progress?.Report(settled);
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }

            var elapsed = clock.Elapsed;
            var cpu = CpuSample.Take(postmasterPid) - cpuBefore;
            int[] collections = [GC.CollectionCount(0) - gcBefore[0], GC.CollectionCount(1) - gcBefore[1], GC.CollectionCount(2) - gcBefore[2]];
            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            progress?.Report(tasks);
            long batches = runner.Counters.Batches;
            long pauses = runner.Counters.PartitionPauses;
            await runner.StopAsync().ConfigureAwait(false);
            return new Result(elapsed, batches, cpu, collections, paused, memory.AtStartMib, memory.PeakMib, memory.PeakManagedMib, pauses, allocated);
        }
    }
}
