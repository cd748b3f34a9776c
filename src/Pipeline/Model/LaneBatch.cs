using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Partitions;

namespace PoQ.Pipeline.Model;

/// <summary>What one lane commits in one transaction: its partitions' new effects and their checkpoints.</summary>
/// <param name="Lane">The lane.</param>
/// <param name="Items">Settled tasks and dead letters, per partition in the order they were decided.</param>
/// <param name="Checkpoints">For every partition touched: its session and its checkpoint covering exactly these effects.</param>
public sealed record LaneBatch(int Lane, IReadOnlyList<CommitItem> Items, IReadOnlyList<(PartitionSession Session, PartitionCheckpoint Checkpoint)> Checkpoints)
{
    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of the moment the lane handed the batch on (0: unknown; diagnostics only).</summary>
    public long FormedAt { get; init; }
}
