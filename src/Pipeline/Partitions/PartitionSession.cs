using PoQ.Pipeline.Checkpoints;

namespace PoQ.Pipeline.Partitions;

/// <summary>
/// This instance's ownership of one input partition (both topics), from a claim to its revocation: the owner generation
/// its commits are fenced with, the checkpoint it resumed from, and the tasks recorded recently (so their late scores are
/// late, not unknown). Records carry their session; anything of a revoked session is dropped, and a commit that still
/// names it is refused by the database (another owner's generation).
/// </summary>
public sealed class PartitionSession(PartitionCheckpoint restored, IReadOnlyList<(string TaskId, DateTimeOffset ClosedAt)> recentlyClosed)
{
    private volatile bool revoked;

    /// <summary>The partition.</summary>
    public int Partition => Restored.Partition;

    /// <summary>The generation claimed.</summary>
    public long Generation => Restored.Generation;

    /// <summary>The checkpoint it resumed from.</summary>
    public PartitionCheckpoint Restored { get; } = restored;

    /// <summary>Tasks of this partition recorded within the closed-task memory before the restart position.</summary>
    public IReadOnlyList<(string TaskId, DateTimeOffset ClosedAt)> RecentlyClosed { get; } = recentlyClosed;

    /// <summary>True once the partition was revoked (rebalance, shutdown) or fenced.</summary>
    public bool Revoked => revoked;

    /// <summary>Ends the session.</summary>
    public void Revoke() => revoked = true;

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"partition {Partition} (generation {Generation})");
}
