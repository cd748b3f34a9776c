using Confluent.Kafka;

namespace PoQ.Pipeline.Kafka;

/// <summary>The pipeline's Kafka client settings.</summary>
public static class KafkaSettings
{
    /// <summary>
    /// Consumer: offsets are PoQ's (stored in PostgreSQL with the events), so no auto-commit and no offset store;
    /// partitions are assigned, not subscribed; an offset that fell off the broker is an error, never a
    /// silent reset.
    /// </summary>
    public static ConsumerConfig Consumer(string bootstrap) => new()
    {
        BootstrapServers = bootstrap,
        GroupId = "poq-pipeline",
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Error,
        EnablePartitionEof = false,
        FetchWaitMaxMs = 50,
        QueuedMaxMessagesKbytes = 32 * 1024,
    };

    /// <summary>Producer for the output topics: idempotent, all acks, small linger for batching.</summary>
    public static ProducerConfig Producer(string bootstrap) => new()
    {
        BootstrapServers = bootstrap,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
        BatchNumMessages = 10_000,
    };
}
