namespace PoQ.Projections.Documents;

/// <summary>
/// How far one Kafka partition is durably handled, written in the same transaction as the events it produced.
/// <see cref="Watermark"/>: every offset below it is handled. <see cref="HandledAhead"/>: offsets at or above
/// it that are handled too (messages processed while an older one is still in an open window), as inclusive
/// [from, to] ranges. After a crash the pipeline re-reads from the watermark and skips exactly the handled-ahead
/// offsets: nothing is lost and nothing is handled twice.
/// </summary>
public sealed class PartitionCheckpoint
{
    /// <summary><c>topic/partition</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Topic.</summary>
    public string Topic { get; set; } = "";

    /// <summary>Partition.</summary>
    public int Partition { get; set; }

    /// <summary>Next offset to read: everything below is handled.</summary>
    public long Watermark { get; set; }

    /// <summary>Handled offsets at or above the watermark, as sorted inclusive ranges.</summary>
    public List<long[]> HandledAhead { get; set; } = [];

    /// <summary>The id of a partition's checkpoint.</summary>
    public static string IdOf(string topic, int partition) => $"{topic}/{partition}";
}
