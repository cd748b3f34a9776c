namespace PoQ.Projections.Events;

/// <summary>Where a message was read: Kafka topic, partition and offset (the dead-letter and audit trail).</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Offset">Offset.</param>
public sealed record SourceRef(string Topic, int Partition, long Offset);
