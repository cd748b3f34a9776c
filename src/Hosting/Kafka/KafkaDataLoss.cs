using Confluent.Kafka;

namespace PoQ.Hosting.Kafka;

/// <summary>
/// Detects partitions whose resume offset is no longer in the broker's log, before consuming. The pipeline must
/// report these loudly and stop (or require an explicit override): with <c>auto.offset.reset</c> the consumer would
/// otherwise jump over the hole silently.
/// </summary>
public static class KafkaDataLoss
{
    /// <summary>
    /// Queries the watermarks of each partition in <paramref name="desired"/> (one round trip per partition, each
    /// bounded by <paramref name="timeout"/>) and returns those whose concrete desired offset is below the low
    /// watermark or above the high watermark, in the order given. Logical offsets (Beginning, End, Stored, Unset)
    /// cannot be lost and are skipped. Throws <see cref="KafkaException"/> when the broker does not answer.
    /// </summary>
    public static IReadOnlyList<PartitionDataLoss> Find<TKey, TValue>(IConsumer<TKey, TValue> consumer, IEnumerable<TopicPartitionOffset> desired, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(desired);
        var losses = new List<PartitionDataLoss>();
        foreach (var wanted in desired)
        {
            if (wanted.Offset.IsSpecial)
            {
                continue;
            }

            WatermarkOffsets marks = consumer.QueryWatermarkOffsets(wanted.TopicPartition, timeout);
            long offset = wanted.Offset.Value;
            if (offset < marks.Low.Value)
            {
                losses.Add(new PartitionDataLoss(wanted.TopicPartition, offset, marks.Low.Value, marks.High.Value, DataLossKind.DeletedBeforeRead));
            }
            else if (offset > marks.High.Value)
            {
                losses.Add(new PartitionDataLoss(wanted.TopicPartition, offset, marks.Low.Value, marks.High.Value, DataLossKind.LogBehindStoredOffset));
            }
        }

        return losses;
    }
}
