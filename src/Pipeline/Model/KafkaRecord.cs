namespace PoQ.Pipeline.Model;

/// <summary>One message read from Kafka, exactly as it arrived.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Offset">Offset.</param>
/// <param name="Key">Key (the task id), if any.</param>
/// <param name="Value">Raw payload.</param>
/// <param name="Timestamp">The record's timestamp as stored in the log (CreateTime or LogAppendTime); the only clock PoQ reads.</param>
public sealed record KafkaRecord(string Topic, int Partition, long Offset, string? Key, byte[] Value, DateTimeOffset Timestamp)
{
    /// <summary>The record's position.</summary>
    public RecordPosition Position => new(Topic, Partition, Offset);
}
