using PoQ.Settlement.Events;

namespace PoQ.Projections.Replay;

/// <summary>
/// Which recorded tasks a replay covers: <c>From ≤ Facts.ClosedAt &lt; To</c> (log time). The close time because a
/// task's trust epoch is that of its close, so a close-time range is a contiguous run of epochs and the trust in force
/// at its start is the recorded snapshot of its first epoch.
/// </summary>
/// <param name="From">Inclusive lower bound; null for the beginning of the history.</param>
/// <param name="To">Exclusive upper bound; null for the end of the history.</param>
public sealed record ReplayRange(DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>The whole history.</summary>
    public static ReplayRange All { get; } = new();

    /// <summary>True when the task closed within the range.</summary>
    public bool Contains(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var closed = task.Facts.ClosedAt;
        return (From is not { } from || closed >= from) && (To is not { } to || closed < to);
    }

    /// <summary>Problems with the bounds; empty when valid.</summary>
    public IReadOnlyList<string> Problems() =>
        From is { } from && To is { } to && to <= from ? ["--to must be later than --from"] : [];
}
