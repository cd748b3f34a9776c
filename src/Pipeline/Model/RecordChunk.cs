using PoQ.Pipeline.Partitions;

namespace PoQ.Pipeline.Model;

/// <summary>Records read for one lane, with their partition sessions, and the topic-partitions found at their end.</summary>
/// <param name="Lane">The lane.</param>
/// <param name="Records">Records in consumption order (offset order per topic-partition).</param>
/// <param name="AtEnd">Topic-partitions whose end was reached after these records (end-of-partition events).</param>
/// <param name="ConfirmedAtEnd">Topic-partitions a lane asked about that are still at their end now (every reported record consumed).</param>
public sealed record RecordChunk(
    int Lane,
    IReadOnlyList<(PartitionSession Session, KafkaRecord Record)> Records,
    IReadOnlyList<(PartitionSession Session, string Topic)> AtEnd,
    IReadOnlyList<(PartitionSession Session, string Topic)> ConfirmedAtEnd);
