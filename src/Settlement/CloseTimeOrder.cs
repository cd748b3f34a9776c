using PoQ.Settlement.Events;

namespace PoQ.Settlement;

/// <summary>
/// Close time, partition, offset of the task record, task id — the order an epoch-trust chain settles a history in when
/// its recorded epochs are sequential (finalization indices); for a history recorded with epochs it equals the canonical
/// order (<see cref="TaskOrder"/>), since the epoch is a function of the close time.
/// </summary>
public sealed class CloseTimeOrder : IComparer<TaskFinalized>
{
    /// <summary>The comparer.</summary>
    public static CloseTimeOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(TaskFinalized? x, TaskFinalized? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int c = x.Facts.ClosedAt.UtcTicks.CompareTo(y.Facts.ClosedAt.UtcTicks);
        if (c != 0)
        {
            return c;
        }

        c = x.Facts.TaskSource.Partition.CompareTo(y.Facts.TaskSource.Partition);
        if (c != 0)
        {
            return c;
        }

        c = x.Facts.TaskSource.Offset.CompareTo(y.Facts.TaskSource.Offset);
        return c != 0 ? c : string.CompareOrdinal(x.TaskId, y.TaskId);
    }
}
