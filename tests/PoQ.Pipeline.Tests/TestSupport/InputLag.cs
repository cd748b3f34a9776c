using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Projections.Documents;

namespace PoQ.Pipeline.Tests.TestSupport;

/// <summary>How many input records on the broker are not durably handled according to the stored checkpoints.</summary>
public static class InputLag
{
    /// <summary>
    /// Σ over the input partitions of (high watermark − checkpoint watermark − handled-ahead offsets below the high
    /// watermark); a partition without a checkpoint counts from its low watermark.
    /// </summary>
    public static long Of(string bootstrap, IReadOnlyList<PartitionCheckpoint> checkpoints, params string[] topics)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(KafkaClientDefaults.Consumer(bootstrap, "poq-test-lag")).Build();
        long lag = 0;
        foreach (string topic in topics)
        {
            foreach (var partition in KafkaPartitions.Of(bootstrap, topic, TimeSpan.FromSeconds(10)))
            {
                var bounds = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10));
                var checkpoint = checkpoints.SingleOrDefault(c => c.Topic == topic && c.Partition == partition);
                long from = checkpoint?.Watermark ?? bounds.Low.Value;
                long ahead = checkpoint?.HandledAhead.Sum(r => Math.Max(0, Math.Min(r[1], bounds.High.Value - 1) - Math.Max(r[0], from) + 1)) ?? 0;
                lag += Math.Max(0, bounds.High.Value - from - ahead);
            }
        }

        return lag;
    }
}
