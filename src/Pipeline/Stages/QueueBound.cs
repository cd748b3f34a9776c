namespace PoQ.Pipeline.Stages;

/// <summary>
/// How many records (or waiting windows) one queue of one partition may hold before the partition is paused: a lane's
/// share of the instance's budget split evenly over its partitions and their three queues (tasks and scores in the
/// merge, closed windows waiting for trust). Evenly, because the partitions that fill up are the ones ahead of the
/// others, and pausing those is what lets the laggards — whose progress the trust epoch waits for — catch up.
/// </summary>
public static class QueueBound
{
    /// <summary>The three queues a partition holds: tasks and scores buffered in its merge, closed windows waiting for trust.</summary>
    public const int QueuesPerPartition = 3;

    /// <summary>
    /// The per-queue bound: <paramref name="laneBudget"/> ÷ (<paramref name="partitions"/> × 3), never above
    /// <paramref name="ceiling"/> (a lane with few partitions need not hold more) and never below
    /// <paramref name="floor"/> (each partition keeps enough to make progress; the budget may then be exceeded by at
    /// most partitions × 3 × floor).
    /// </summary>
    public static int PerQueue(long laneBudget, int partitions, int floor, int ceiling)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(laneBudget);
        ArgumentOutOfRangeException.ThrowIfLessThan(floor, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ceiling, floor);
        if (partitions < 1)
        {
            return ceiling;
        }

        long share = laneBudget / ((long)partitions * QueuesPerPartition);
        return (int)Math.Clamp(share, floor, ceiling);
    }
}
