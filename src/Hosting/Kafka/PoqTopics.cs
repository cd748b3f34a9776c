using PoQ.Ingest.Contract;

namespace PoQ.Hosting.Kafka;

/// <summary>Creates the wire contract's topics (<see cref="TopicNames"/>) on the embedded broker.</summary>
public static class PoqTopics
{
    /// <summary>
    /// Default partition count. Many partitions because the embedded broker keeps only ~5 MiB per partition
    /// (≈ 35k score messages each; 64 partitions ≈ 2.2M in flight) — and it is the unit of parallelism anyway.
    /// </summary>
    public const int DefaultPartitions = 64;

    /// <summary>
    /// Creates every PoQ topic on <paramref name="broker"/> with the same partition count, which is what keeps
    /// tasks and scores co-partitioned (the default partitioner maps a key to the same partition number in both).
    /// Returns the topics that already existed (left as they were).
    /// </summary>
    public static IReadOnlyList<string> EnsureTopics(EmbeddedKafkaBroker broker, int partitions = DefaultPartitions)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var existing = new List<string>();
        foreach (string topic in TopicNames.Default.All)
        {
            // The registry is read whole by every instance, to its end after each fetch: one partition, one watermark query.
            if (!broker.CreateTopic(topic, topic == TopicNames.Default.Registry ? 1 : partitions))
            {
                existing.Add(topic);
            }
        }

        return existing;
    }
}
