namespace PoQ.Bench.Ingest;

/// <summary>
/// The figures of one ingest run. Every rate is in score events per second: the phase's elapsed time divided
/// into the N score events it carried (a phase that also moves the N / k task messages or rows is charged
/// for them — they are part of delivering N scores).
/// </summary>
public sealed record IngestReport
{
    /// <summary>Score events published (N rounded down to a multiple of k).</summary>
    public required long Events { get; init; }

    /// <summary>Tasks (N / k).</summary>
    public required int Tasks { get; init; }

    /// <summary>Scores per task.</summary>
    public required int K { get; init; }

    /// <summary>Partitions of each input topic.</summary>
    public required int Partitions { get; init; }

    /// <summary>Kafka messages published (tasks + scores).</summary>
    public required long Messages { get; init; }

    /// <summary>Producer rate, messages per second (publish until flushed).</summary>
    public required double ProduceMessagesPerSecond { get; init; }

    /// <summary>Baseline 1: messages per second a plain consumer reads both topics at.</summary>
    public required double BaselineConsumeMessagesPerSecond { get; init; }

    /// <summary>Baseline 1 in score events per second: N ÷ time to read all N + N / k messages.</summary>
    public required double BaselineConsumePerSecond { get; init; }

    /// <summary>Baseline 2: rows per second of the binary COPY (one stream row and one event row per task).</summary>
    public required double BaselineCopyRowsPerSecond { get; init; }

    /// <summary>Baseline 2 in score events per second: N ÷ time to COPY the N / k tasks' rows.</summary>
    public required double BaselineCopyPerSecond { get; init; }

    /// <summary>Mean size of the event body COPY wrote, bytes (the serialized TaskFinalized).</summary>
    public required double EventBytes { get; init; }

    /// <summary>The pipeline: accepted score events ÷ time from start to the commit of the last task.</summary>
    public required double EventsPerSecond { get; init; }

    /// <summary>Pipeline elapsed time, start to last commit.</summary>
    public required TimeSpan PipelineElapsed { get; init; }

    /// <summary>Batches the pipeline committed.</summary>
    public required long Batches { get; init; }

    /// <summary><see cref="EventsPerSecond"/> ÷ the smaller baseline.</summary>
    public double Ratio => EventsPerSecond / Math.Min(BaselineConsumePerSecond, BaselineCopyPerSecond);

    /// <summary><see cref="EventsPerSecond"/> ÷ the COPY baseline.</summary>
    public double RatioToCopy => EventsPerSecond / BaselineCopyPerSecond;

    /// <summary><see cref="EventsPerSecond"/> ÷ the consume baseline.</summary>
    public double RatioToConsume => EventsPerSecond / BaselineConsumePerSecond;

    /// <summary>Resident set of this process when the pipeline phase started (after a full collection), MiB; includes an embedded broker's log.</summary>
    public required double StartRssMib { get; init; }

    /// <summary>Largest resident set of this process during the pipeline phase, MiB.</summary>
    public required double PeakRssMib { get; init; }

    /// <summary>Largest managed heap during the pipeline phase, MiB (the pipeline's objects, without native memory or GC slack).</summary>
    public required double PeakManagedHeapMib { get; init; }

    /// <summary>The pipeline's rate with fsync and synchronous commit on (null when no such server was given).</summary>
    public double? FsyncOnEventsPerSecond { get; init; }

    /// <summary>Durability settings of the fsync-on server.</summary>
    public string? FsyncOnDurability { get; init; }

    /// <summary>The latency phase.</summary>
    public required LatencyRun.Result Latency { get; init; }

    /// <summary>Score events accepted, counted in the committed events in PostgreSQL.</summary>
    public required long AcceptedEvents { get; init; }

    /// <summary>Published − accepted; must be 0.</summary>
    public long EventsLost => Events - AcceptedEvents;

    /// <summary>Dead letters the pipeline committed; must be 0 (the scenario has no bad messages).</summary>
    public required long DeadLetters { get; init; }

    /// <summary>Tasks committed as finalized events.</summary>
    public required long TasksCommitted { get; init; }

    /// <summary>PostgreSQL's <c>fsync</c> and <c>synchronous_commit</c> during the run.</summary>
    public required string PostgresDurability { get; init; }

    /// <summary>CPU seconds spent during the pipeline phase: this process, the PostgreSQL server (NaN when remote), the whole machine.</summary>
    public required CpuSample Cpu { get; init; }

    /// <summary>Garbage collections in this process during the pipeline phase: gen 0, 1, 2.</summary>
    public required IReadOnlyList<int> Collections { get; init; }

    /// <summary>
    /// How long this process stood still for garbage collection during the pipeline phase: every stage, the reading
    /// thread and the commits' continuations wait out a pause, so it adds to the phase's time whatever the CPU does.
    /// </summary>
    public TimeSpan GcPause { get; init; }

    /// <summary>
    /// Bytes this process allocated on the managed heap during the pipeline phase. Unlike a rate, it barely moves with the
    /// machine's load, so it shows what a change to the hot path saved where the rates are lost in the noise.
    /// </summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Managed bytes allocated per score event in the pipeline phase.</summary>
    public double AllocatedBytesPerEvent => Events > 0 ? (double)AllocatedBytes / Events : double.NaN;

    /// <summary>Times a topic-partition was paused at the consumer by the buffer budget during the pipeline phase.</summary>
    public long PartitionPauses { get; init; }

    /// <summary>True when the scores were signed and the pipeline verified them (and checked each task's evaluator draw).</summary>
    public bool Signed { get; init; }
}
