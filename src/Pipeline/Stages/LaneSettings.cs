using PoQ.Pipeline.Kafka;
using PoQ.Pipeline.Partitions;
using PoQ.Pipeline.Trust;

namespace PoQ.Pipeline.Stages;

/// <summary>What a lane needs.</summary>
/// <param name="Processors">Shared processor settings.</param>
/// <param name="Trust">The trust source of this instance.</param>
/// <param name="Flow">Pause requests to the source.</param>
/// <param name="Clock">Wall clock (waiting only).</param>
/// <param name="IdleWait">How long a merge waits for a topic at its end.</param>
/// <param name="CheckpointInterval">Least time between checkpoint-only commits.</param>
/// <param name="MaxBatch">Most pending effects before the lane stops reading.</param>
public sealed record LaneSettings(ProcessorSettings Processors, ITrustSource Trust, FlowControl Flow, TimeProvider Clock, TimeSpan IdleWait, TimeSpan CheckpointInterval, int MaxBatch)
{
    /// <summary>How often waits are checked.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Buffered records per partition beyond which the partition is paused at the consumer (the most, whatever the budget).</summary>
    public int BufferHigh { get; init; } = 2_000;

    /// <summary>Closed windows waiting for trust per partition beyond which the partition is paused (the most, whatever the budget).</summary>
    public int WaitingHigh { get; init; } = 2_000;

    /// <summary>
    /// Records and waiting windows this lane may hold over all its partitions (<see cref="QueueBound"/>); null: only the
    /// per-partition bounds apply, so the lane's memory grows with the partitions it owns.
    /// </summary>
    public long? Budget { get; init; }

    /// <summary>The least per-queue bound, whatever the budget: what a partition needs to keep moving.</summary>
    public int QueueFloor { get; init; } = 32;

    /// <summary>
    /// Told (partition, records, first time for the partition) when records were merged out of the log's order after an
    /// idle-wait release (<see cref="Ordering.PartitionMerger.LateRecords"/>). Called on the lane's thread; keep it cheap.
    /// </summary>
    public Action<int, long, bool>? LateRecords { get; init; }

    /// <summary>
    /// Told the change in open task windows of the lane's partitions (a partition claimed, windows opened or closed, a
    /// partition dropped). Called on the lane's thread; keep it cheap.
    /// </summary>
    public Action<long>? OpenWindowsChanged { get; init; }
}
