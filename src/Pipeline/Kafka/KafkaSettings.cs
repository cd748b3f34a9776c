using Confluent.Kafka;
using PoQ.Hosting.Kafka;

namespace PoQ.Pipeline.Kafka;

/// <summary>The pipeline's Kafka client settings.</summary>
public static class KafkaSettings
{
    /// <summary>
    /// The group member: offsets are PoQ's (stored in PostgreSQL with the events), so no auto-commit and no offset store;
    /// the range assignor, so partition i of both input topics goes to the same member (co-partitioning, as Kafka Streams
    /// relies on); end-of-partition events, so a merge knows when a topic is idle; a 6 s session timeout, so a crashed
    /// member's partitions move within seconds. An offset that fell off the broker is an error, never a silent reset.
    /// A fetch returns at 256 KiB or after 10 ms: under load the size fills it first; at a trickle the wait bounds what a
    /// record's settle latency pays for the fetch (at 2k events/s, 50 → 10 ms took the delivery median from 38 to 24 ms).
    /// Records come without their headers (PoQ's wire contract has none): Confluent otherwise builds a header list for
    /// every record, two objects and a native call each, on the one thread that reads for every lane.
    /// Once the prefetch queue holds its 32 MiB (the lanes' backpressure lets it fill), librdkafka postpones each
    /// partition's next fetch by fetch.queue.backoff.ms — 1 s by default, long after the lanes have drained the queue:
    /// reading then came in bursts once a second with half of every second idle (38.6k score events/s on a machine 45 %
    /// busy); at 10 ms, the fetch wait, the same bench ran at 79.5k.
    /// </summary>
    public static ConsumerConfig Consumer(string bootstrap, string group, string instanceId)
    {
        var config = KafkaClientDefaults.Consumer(bootstrap, group, partitionEof: true);
        config.ClientId = instanceId;
        config.AutoOffsetReset = AutoOffsetReset.Error;
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range;
        config.FetchWaitMaxMs = 10;
        config.FetchMinBytes = 256 * 1024;
        config.QueuedMaxMessagesKbytes = 32 * 1024;
        config.FetchQueueBackoffMs = 10;
        config.ConsumeResultFields = "timestamp,topic";
        return config;
    }

    /// <summary>An admin client of the pipeline's own: end offsets for the merge's idle-wait confirmations (<see cref="EndOffsets"/>).</summary>
    public static AdminClientConfig Admin(string bootstrap, string instanceId)
    {
        NativeKafka.EnsureLoaded();
        return new AdminClientConfig { BootstrapServers = bootstrap, ClientId = instanceId, SocketTimeoutMs = 10_000 };
    }

    /// <summary>A consumer that never joins a group: for watermark queries and lag.</summary>
    public static ConsumerConfig Probe(string bootstrap)
    {
        NativeKafka.EnsureLoaded();
        return new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "poq-probe", EnableAutoCommit = false, SocketTimeoutMs = 10_000 };
    }

    /// <summary>
    /// Producer for the output topics and clock records: PoQ's idempotent producer (same partitioner as the simulator's).
    /// Its delivery reports carry the status only: the publisher reads whether a message was delivered, never its key or
    /// value back, and copying them out of librdkafka for two messages per task costs allocations on the hot path.
    /// </summary>
    public static ProducerConfig Producer(string bootstrap)
    {
        var config = KafkaClientDefaults.Producer(bootstrap, "poq-pipeline");
        config.DeliveryReportFields = "status";
        return config;
    }
}
