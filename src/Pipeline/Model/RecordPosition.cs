namespace PoQ.Pipeline.Model;

/// <summary>A message's position in Kafka; the unit of "handled exactly once".</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Offset">Offset.</param>
public readonly record struct RecordPosition(string Topic, int Partition, long Offset);
