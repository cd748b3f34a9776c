using System.Text.Json.Serialization;
using PoQ.Bench.Ingest;
using PoQ.Cli.Json;
using static PoQ.Cli.Json.JsonNumbers;

namespace PoQ.Cli.Json;

/// <summary><c>poq bench ingest --json</c> (README, FAQ: every key explained). Not measured (NaN) is null.</summary>
internal sealed record IngestBenchJson(
    [property: JsonPropertyName("events_per_second")] double EventsPerSecond,
    [property: JsonPropertyName("baseline_consume_per_second")] double BaselineConsumePerSecond,
    [property: JsonPropertyName("baseline_copy_per_second")] double BaselineCopyPerSecond,
    [property: JsonPropertyName("ratio")] double Ratio,
    [property: JsonPropertyName("events_lost")] long EventsLost,
    [property: JsonPropertyName("ratio_to_copy")] double RatioToCopy,
    [property: JsonPropertyName("ratio_to_consume")] double RatioToConsume,
    [property: JsonPropertyName("p99_settle_latency_ms")] double? P99SettleLatencyMs,
    [property: JsonPropertyName("peak_rss_mib")] double? PeakRssMib,
    [property: JsonPropertyName("fsync_on_events_per_second")] double? FsyncOnEventsPerSecond,
    [property: JsonPropertyName("p50_settle_latency_ms")] double? P50SettleLatencyMs,
    [property: JsonPropertyName("max_settle_latency_ms")] double? MaxSettleLatencyMs,
    [property: JsonPropertyName("latency_rate_events_per_second")] double? LatencyRateEventsPerSecond,
    [property: JsonPropertyName("latency_achieved_events_per_second")] double? LatencyAchievedEventsPerSecond,
    [property: JsonPropertyName("latency_tasks")] int LatencyTasks,
    [property: JsonPropertyName("latency_dead_letters")] long LatencyDeadLetters,
    [property: JsonPropertyName("latency_skipped")] string? LatencySkipped,
    [property: JsonPropertyName("latency_partition_pauses")] long LatencyPartitionPauses,
    [property: JsonPropertyName("latency_stages")] IReadOnlyList<LatencyStageJson> LatencyStages,
    [property: JsonPropertyName("latency_machine_busy")] double? LatencyMachineBusy,
    [property: JsonPropertyName("latency_cpu_seconds")] IngestCpuJson? LatencyCpuSeconds,
    [property: JsonPropertyName("rss_at_pipeline_start_mib")] double? RssAtPipelineStartMib,
    [property: JsonPropertyName("pipeline_rss_growth_mib")] double? PipelineRssGrowthMib,
    [property: JsonPropertyName("peak_managed_heap_mib")] double? PeakManagedHeapMib,
    [property: JsonPropertyName("fsync_on_durability")] string? FsyncOnDurability,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("events_accepted")] long EventsAccepted,
    [property: JsonPropertyName("dead_letters")] long DeadLetters,
    [property: JsonPropertyName("tasks")] int Tasks,
    [property: JsonPropertyName("tasks_committed")] long TasksCommitted,
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("partitions")] int Partitions,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("produce_messages_per_second")] double ProduceMessagesPerSecond,
    [property: JsonPropertyName("baseline_consume_messages_per_second")] double BaselineConsumeMessagesPerSecond,
    [property: JsonPropertyName("baseline_copy_rows_per_second")] double BaselineCopyRowsPerSecond,
    [property: JsonPropertyName("event_bytes")] double EventBytes,
    [property: JsonPropertyName("pipeline_seconds")] double PipelineSeconds,
    [property: JsonPropertyName("batches")] long Batches,
    [property: JsonPropertyName("cpu_seconds")] IngestCpuJson CpuSeconds,
    [property: JsonPropertyName("gc_collections")] IReadOnlyList<int> GcCollections,
    [property: JsonPropertyName("gc_pause_seconds")] double GcPauseSeconds,
    [property: JsonPropertyName("allocated_bytes_per_event")] double? AllocatedBytesPerEvent,
    [property: JsonPropertyName("partition_pauses")] long PartitionPauses,
    [property: JsonPropertyName("postgres_durability")] string PostgresDurability,
    [property: JsonPropertyName("kafka")] string Kafka,
    [property: JsonPropertyName("rates_unit")] string RatesUnit,
    [property: JsonPropertyName("signed")] bool Signed)
{
    /// <summary>What a rate counts, stated beside the rates.</summary>
    public const string Unit = "score events/s = N score events / phase seconds (the phase also carries the N/k task messages or rows)";

    public static IngestBenchJson Of(IngestReport r, bool embeddedKafka)
    {
        ArgumentNullException.ThrowIfNull(r);
        var latency = r.Latency;
        return new IngestBenchJson(
            r.EventsPerSecond, r.BaselineConsumePerSecond, r.BaselineCopyPerSecond, r.Ratio, r.EventsLost, r.RatioToCopy, r.RatioToConsume,
            Finite(latency.P99Ms), Finite(r.PeakRssMib), r.FsyncOnEventsPerSecond, Finite(latency.P50Ms), Finite(latency.MaxMs),
            Finite(latency.Rate), Finite(latency.AchievedRate), latency.Tasks, latency.DeadLetters, latency.Skipped, latency.PartitionPauses,
            [.. latency.Stages.Select(st => new LatencyStageJson(st.Stage, Finite(st.P50Ms), Finite(st.P99Ms)))],
            Finite(latency.MachineBusy), latency.Skipped is null ? new IngestCpuJson(latency.Cpu.Process, Measured(latency.Cpu.Postgres), Measured(latency.Cpu.Machine)) : null,
            Finite(r.StartRssMib), Finite(r.PeakRssMib - r.StartRssMib), Finite(r.PeakManagedHeapMib), r.FsyncOnDurability,
            r.Events, r.AcceptedEvents, r.DeadLetters, r.Tasks, r.TasksCommitted, r.K, r.Partitions, r.Messages,
            r.ProduceMessagesPerSecond, r.BaselineConsumeMessagesPerSecond, r.BaselineCopyRowsPerSecond, r.EventBytes, r.PipelineElapsed.TotalSeconds, r.Batches,
            new IngestCpuJson(r.Cpu.Process, Measured(r.Cpu.Postgres), Measured(r.Cpu.Machine)),
            r.Collections, r.GcPause.TotalSeconds, Finite(r.AllocatedBytesPerEvent), r.PartitionPauses, r.PostgresDurability, embeddedKafka ? "embedded (librdkafka mock cluster)" : "external", Unit, r.Signed);
    }

    // CPU seconds are NaN where they cannot be read (a remote PostgreSQL); infinity does not occur.
    private static double? Measured(double value) => double.IsNaN(value) ? null : value;
}
