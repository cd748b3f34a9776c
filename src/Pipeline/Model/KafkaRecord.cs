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

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp of the poll that read it (0: not read from Kafka). For the
    /// settle-latency breakdown only: no decision reads it, so a record's effects stay a function of the log.
    /// </summary>
    public long ReceivedAt { get; init; }
}
