using PoQ.Bench.Ingest;
using PoQ.Cli.Json;

namespace PoQ.Cli.Tests.Json;

/// <summary>Snapshot of <c>poq bench ingest --json</c>: the keys the README's FAQ explains, in their order; not measured is null.</summary>
public sealed class IngestBenchJsonTests
{
    private static readonly IngestReport Fixed = new()
    {
        Events = 10_000, Tasks = 2_000, K = 5, Partitions = 8, Messages = 12_000,
        ProduceMessagesPerSecond = 100_000, BaselineConsumeMessagesPerSecond = 240_000, BaselineConsumePerSecond = 200_000,
        BaselineCopyRowsPerSecond = 60_000, BaselineCopyPerSecond = 100_000, EventBytes = 250, EventsPerSecond = 50_000,
        PipelineElapsed = TimeSpan.FromSeconds(0.2), Batches = 4, StartRssMib = 100, PeakRssMib = 150, PeakManagedHeapMib = 40,
        FsyncOnEventsPerSecond = null, FsyncOnDurability = null,
        Latency = LatencyRun.Result.NotRun(25_000, "no controller") with { Stages = [("delivery", 12.5, double.NaN), ("commit", 3, 9)], PartitionPauses = 7 },
        AcceptedEvents = 10_000, DeadLetters = 0, TasksCommitted = 2_000, PostgresDurability = "fsync off",
        Cpu = new CpuSample(1.5, double.NaN, 3), Collections = [10, 2, 1], GcPause = TimeSpan.FromMilliseconds(250), AllocatedBytes = 51_200_000, PartitionPauses = 12, Signed = true,
    };

    [Fact]
    public void Serialize_FixedReport_IsTheSnapshot()
    {
        var report = Fixed;

        Assert.Equal(
            """{"events_per_second":50000,"baseline_consume_per_second":200000,"baseline_copy_per_second":100000,"ratio":0.5,"events_lost":0,"ratio_to_copy":0.5,"ratio_to_consume":0.25"""
            + ""","p99_settle_latency_ms":null,"peak_rss_mib":150,"fsync_on_events_per_second":null,"p50_settle_latency_ms":null,"max_settle_latency_ms":null,"latency_rate_events_per_second":25000"""
            + ""","latency_achieved_events_per_second":null,"latency_tasks":0,"latency_dead_letters":0,"latency_skipped":"no controller","latency_partition_pauses":7,"latency_stages":[{"stage":"delivery","p50_ms":12.5,"p99_ms":null},{"stage":"commit","p50_ms":3,"p99_ms":9}],"latency_machine_busy":null,"latency_cpu_seconds":null,"rss_at_pipeline_start_mib":100"""
            + ""","pipeline_rss_growth_mib":50,"peak_managed_heap_mib":40,"fsync_on_durability":null,"events":10000,"events_accepted":10000,"dead_letters":0,"tasks":2000"""
            + ""","tasks_committed":2000,"k":5,"partitions":8,"messages":12000,"produce_messages_per_second":100000,"baseline_consume_messages_per_second":240000,"baseline_copy_rows_per_second":60000"""
            + ""","event_bytes":250,"pipeline_seconds":0.2,"batches":4,"cpu_seconds":{"process":1.5,"postgres":null,"machine":3},"gc_collections":[10,2,1],"gc_pause_seconds":0.25,"allocated_bytes_per_event":5120,"partition_pauses":12,"postgres_durability":"fsync off","kafka":"embedded (librdkafka mock cluster)","rates_unit":"score events/s = N score events / phase seconds (the phase also carries the N/k task messages or rows)","signed":true}""",
            CliJson.Serialize(IngestBenchJson.Of(report, embeddedKafka: true)));
    }

    [Fact]
    public void LatencyPhaseThatRan_ReportsItsCpu_AndTheMachinesBusyShare()
    {
        var measured = new LatencyRun.Result(18_000, 17_900, 72_000, 190, 393, 564, 0)
        {
            Cpu = new CpuSample(12, 6, 18), Elapsed = TimeSpan.FromSeconds(20),
        };
        var report = Fixed with { Latency = measured };

        using var json = System.Text.Json.JsonDocument.Parse(CliJson.Serialize(IngestBenchJson.Of(report, embeddedKafka: true)));
        var root = json.RootElement;
        Assert.Equal(18.0 / (20 * Environment.ProcessorCount), root.GetProperty("latency_machine_busy").GetDouble(), 9);
        Assert.Equal(12, root.GetProperty("latency_cpu_seconds").GetProperty("process").GetDouble());
        Assert.Equal(6, root.GetProperty("latency_cpu_seconds").GetProperty("postgres").GetDouble());
        Assert.Equal(18, root.GetProperty("latency_cpu_seconds").GetProperty("machine").GetDouble());
    }
}
