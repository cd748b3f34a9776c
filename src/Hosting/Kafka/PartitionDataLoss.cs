using Confluent.Kafka;

namespace PoQ.Hosting.Kafka;

/// <summary>
/// A partition whose next message to process is gone: <see cref="DesiredOffset"/> lies outside
/// [<see cref="LowWatermark"/>, <see cref="HighWatermark"/>].
/// </summary>
/// <param name="Partition">Topic and partition.</param>
/// <param name="DesiredOffset">The offset the caller must resume from (from its own store).</param>
/// <param name="LowWatermark">The first offset the broker still holds.</param>
/// <param name="HighWatermark">The offset the next produced message will get.</param>
/// <param name="Kind">Which side of the log the desired offset falls on.</param>
public sealed record PartitionDataLoss(TopicPartition Partition, long DesiredOffset, long LowWatermark, long HighWatermark, DataLossKind Kind)
{
    /// <summary>Messages known to be lost (for <see cref="DataLossKind.DeletedBeforeRead"/>), else 0.</summary>
    public long MissingMessages => Kind == DataLossKind.DeletedBeforeRead ? LowWatermark - DesiredOffset : 0;

    /// <summary>One line for a log or an error: what is lost, where, and why.</summary>
    public override string ToString() => Kind == DataLossKind.DeletedBeforeRead
        ? FormattableString.Invariant($"{Partition.Topic}[{Partition.Partition.Value}]: offsets {DesiredOffset}..{LowWatermark - 1} ({MissingMessages} messages) were deleted by the broker before they were processed (low watermark {LowWatermark})")
        : FormattableString.Invariant($"{Partition.Topic}[{Partition.Partition.Value}]: resume offset {DesiredOffset} is beyond the end of the log (high watermark {HighWatermark}); the broker lost messages already processed, or this is another cluster");
}
