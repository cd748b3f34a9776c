using Confluent.Kafka;

namespace PoQ.Hosting.Kafka;

/// <summary>
/// Client configuration for PoQ. Offsets live in PostgreSQL (design.md, "Nothing lost, nothing paid twice"), so
/// consumers never commit to Kafka: they are assigned partitions and start at offsets the caller read from the
/// database (<see cref="KafkaPartitions.AssignAt"/>). Every factory calls <see cref="NativeKafka.EnsureLoaded"/>.
/// </summary>
public static class KafkaClientDefaults
{
    /// <summary>
    /// Idempotent producer (acks=all, ≤ 5 in flight, ordered retries) batching for throughput: linger 5 ms, up to
    /// 10,000 messages or 1 MiB per batch, no compression (clients and the embedded broker share 2 cores). Delivery
    /// is retried until <c>message.timeout.ms</c> (30 s), which covers a broker restart. The partitioner is
    /// murmur2_random, Java's: co-partitioning of poq.tasks and poq.scores holds only if every producer of both
    /// topics uses the same partitioner and both topics have the same partition count.
    /// </summary>
    public static ProducerConfig Producer(string bootstrapServers, string? clientId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        NativeKafka.EnsureLoaded();
        return new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = clientId ?? "poq-producer",
            EnableIdempotence = true,
            Acks = Acks.All,
            MaxInFlight = 5,
            LingerMs = 5,
            BatchNumMessages = 10_000,
            BatchSize = 1_048_576,
            QueueBufferingMaxMessages = 500_000,
            MessageTimeoutMs = 30_000,
            CompressionType = CompressionType.None,
            Partitioner = Partitioner.Murmur2Random,
        };
    }

    /// <summary>
    /// <see cref="Producer"/> for loading a whole log at once (the benches' publish phase): a 250 ms linger, so each
    /// partition's batches carry hundreds of messages. The embedded broker (librdkafka's mock cluster) serves one
    /// producer batch per partition per fetch and finds it by a linear search of the partition's batches, so a log
    /// written in batches of a few messages costs its readers a quadratic scan — a cost of the mock, not of Kafka,
    /// whose fetch fills max.partition.fetch.bytes from an offset index whatever the producer's batching was.
    /// </summary>
    public static ProducerConfig BulkProducer(string bootstrapServers, string clientId)
    {
        var config = Producer(bootstrapServers, clientId);
        config.LingerMs = 250;
        return config;
    }

    /// <summary>
    /// Consumer for manually assigned partitions: no auto-commit, no auto offset store, earliest when no offset is
    /// given, partition EOF events on request (to know "caught up"). <c>group.id</c> is required by librdkafka even
    /// without subscribing; it is never joined when the caller uses <c>Assign</c>. A 6 s session timeout keeps a
    /// re-joining group member from waiting the default 44 s on the embedded broker if the caller does subscribe.
    /// <c>fetch.wait.max.ms</c> = 10 favours end-to-end latency: an idle broker answers ≤ 100 fetches/s per consumer.
    /// </summary>
    public static ConsumerConfig Consumer(string bootstrapServers, string groupId, bool partitionEof = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        NativeKafka.EnsureLoaded();
        return new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            ClientId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6_000,
            HeartbeatIntervalMs = 2_000,
            EnablePartitionEof = partitionEof,
            FetchWaitMaxMs = 10,
            IsolationLevel = IsolationLevel.ReadCommitted,
        };
    }
}
