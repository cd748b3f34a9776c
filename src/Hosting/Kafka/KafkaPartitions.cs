using Confluent.Kafka;

namespace PoQ.Hosting.Kafka;

/// <summary>Manual partition assignment for consumers whose offsets live outside Kafka (in PostgreSQL).</summary>
public static class KafkaPartitions
{
    /// <summary>
    /// Partition ids of <paramref name="topic"/> from the cluster's metadata, ascending. Throws when the topic is
    /// unknown or the brokers do not answer within <paramref name="timeout"/>.
    /// </summary>
    public static IReadOnlyList<int> Of(string bootstrapServers, string topic, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        NativeKafka.EnsureLoaded();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, timeout);
        var found = metadata.Topics.SingleOrDefault(t => t.Topic == topic);
        if (found is null || found.Error.IsError || found.Partitions.Count == 0)
        {
            throw new KafkaException(found?.Error ?? new Error(ErrorCode.UnknownTopicOrPart, $"Topic '{topic}' not found."));
        }

        return [.. found.Partitions.Select(p => p.PartitionId).Order()];
    }

    /// <summary>
    /// Assigns exactly the given partitions (no group membership, no rebalances) starting at the given offsets:
    /// the next offset to process, as stored with the events it produced. Partitions with nothing stored yet should
    /// be passed <see cref="Offset.Beginning"/>. Check <see cref="KafkaDataLoss.Find{TKey, TValue}"/> first: a start
    /// below the low watermark would otherwise be silently moved by <c>auto.offset.reset</c>.
    /// </summary>
    public static void AssignAt<TKey, TValue>(IConsumer<TKey, TValue> consumer, string topic, IReadOnlyDictionary<int, Offset> startOffsets)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(startOffsets);
        consumer.Assign(startOffsets.OrderBy(p => p.Key).Select(p => new TopicPartitionOffset(topic, p.Key, p.Value)));
    }
}
