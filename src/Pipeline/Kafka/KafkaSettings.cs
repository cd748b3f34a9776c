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
    /// </summary>
    public static ConsumerConfig Consumer(string bootstrap, string group, string instanceId)
    {
        NativeKafka.EnsureLoaded();
        return new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = group,
            ClientId = instanceId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Error,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
            EnablePartitionEof = true,
            SessionTimeoutMs = 6_000,
            HeartbeatIntervalMs = 2_000,
            FetchWaitMaxMs = 50,
            QueuedMaxMessagesKbytes = 32 * 1024,
        };
    }

    /// <summary>A consumer that never joins a group: for watermark queries and lag.</summary>
    public static ConsumerConfig Probe(string bootstrap)
    {
        NativeKafka.EnsureLoaded();
        return new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "poq-probe", EnableAutoCommit = false, SocketTimeoutMs = 10_000 };
    }

    /// <summary>Producer for the output topics and clock records: idempotent, all acks, small linger for batching.</summary>
    public static ProducerConfig Producer(string bootstrap)
    {
        NativeKafka.EnsureLoaded();
        return new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            BatchNumMessages = 10_000,
        };
    }
}
