namespace PoQ.Pipeline.Checkpoints;

/// <summary>
/// One input partition's checkpoint row (<c>poq.partition_checkpoints</c>), written in the same transaction as the
/// effects of the records it covers: for each topic the restart offset (everything below is handled), the topic's time
/// below it and the handled offsets above it; the partition's epoch progress; the owner generation that fences zombies.
/// </summary>
public sealed record PartitionCheckpoint
{
    /// <summary>The partition (of both input topics).</summary>
    public required int Partition { get; init; }

    /// <summary>The owner generation this checkpoint was written under.</summary>
    public required long Generation { get; init; }

    /// <summary>Where the tasks topic restarts.</summary>
    public required TopicCheckpoint Tasks { get; init; }

    /// <summary>Where the scores topic restarts.</summary>
    public required TopicCheckpoint Scores { get; init; }

    /// <summary>Every task of this partition that closed before it (log time) is committed; null before any record.</summary>
    public DateTimeOffset? Progress { get; init; }

    /// <summary>The partition's stream time when written (informational).</summary>
    public DateTimeOffset? StreamTime { get; init; }

    /// <summary>Counter increments this commit adds (not totals).</summary>
    public PartitionCounters Added { get; init; } = PartitionCounters.Zero;
}
