namespace PoQ.Hosting.Kafka;

/// <summary>Why the messages a consumer must read next are no longer in the log.</summary>
public enum DataLossKind
{
    /// <summary>
    /// The desired offset is below the partition's low watermark: the broker deleted those messages (retention, or
    /// the embedded broker's ~5 MiB-per-partition cap).
    /// </summary>
    DeletedBeforeRead,

    /// <summary>
    /// The desired offset is above the high watermark: the log is shorter than what was already processed — the
    /// broker lost its log (e.g. the embedded broker was restarted) or this is another cluster.
    /// </summary>
    LogBehindStoredOffset,
}
