using PoQ.Settlement.Events;

namespace PoQ.Settlement;

/// <summary>
/// The canonical order of recorded tasks — epoch, close time, partition, offset of the task record, task id — a
/// function of the input log alone (unlike the order instances happened to commit in). Replay, verify and the auditor's
/// histories use it; with <c>--trust-epoch 0</c> the epoch is the finalization index, so it is the finalization order.
/// </summary>
public sealed class TaskOrder : IComparer<TaskFinalized>
{
    /// <summary>The comparer.</summary>
    public static TaskOrder Instance { get; } = new();

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

        int c = x.Epoch.CompareTo(y.Epoch);
        return c != 0 ? c : CloseTimeOrder.Instance.Compare(x, y);
    }
}
