namespace PoQ.Projections.Payouts;

/// <summary>
/// The order of a node's payout history: close time, then task id, then role, the ids compared ordinally (not by the
/// database's collation, so the order is the same on every server). Pages list it newest first.
/// </summary>
public sealed class PayoutOrder : IComparer<NodePayout>
{
    /// <summary>
    /// The longest span of log time one stored block covers. It bounds what a page or a trajectory point has to read
    /// around a time: a block ending more than this after a time holds nothing at or before it. A live commit's tasks
    /// close within about a second of log time, so this rarely splits one; a history read back in bulk gets blocks of a
    /// second each (at 5 s, a 100k-task history's trajectory p99 was 79 ms, decoding 125-reward blocks per point).
    /// </summary>
    public static readonly TimeSpan MaxBlockSpan = TimeSpan.FromSeconds(1);

    /// <summary>The one instance.</summary>
    public static PayoutOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(NodePayout? x, NodePayout? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Compare(x.ClosedAt, x.TaskId, x.Role, y.ClosedAt, y.TaskId, y.Role);
    }

    /// <summary>Compares two history keys (close time, task id, role).</summary>
    public static int Compare(DateTimeOffset xAt, string xTask, string xRole, DateTimeOffset yAt, string yTask, string yRole)
    {
        int byTime = xAt.CompareTo(yAt);
        if (byTime != 0)
        {
            return byTime;
        }

        int byTask = string.CompareOrdinal(xTask, yTask);
        return byTask != 0 ? byTask : string.CompareOrdinal(xRole, yRole);
    }
}
