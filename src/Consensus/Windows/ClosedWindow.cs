namespace PoQ.Consensus.Windows;

/// <summary>A closed window: the task, the scores it accepted (in arrival order) and why and when it closed.</summary>
/// <typeparam name="TSource">Where each message came from (Kafka coordinates in the pipeline).</typeparam>
/// <param name="Task">The task.</param>
/// <param name="TaskSource">Source of the task message.</param>
/// <param name="TaskTime">The task's log time: its record's time, or the stream time if that was later.</param>
/// <param name="Accepted">Accepted scores with their sources.</param>
/// <param name="Reason">Why it closed.</param>
/// <param name="ClosedAt">Stream time of the close (log time).</param>
/// <param name="ClosedBy">The record that closed it: the last score, or the record whose time passed the deadline.</param>
public sealed record ClosedWindow<TSource>(
    WindowTask Task,
    TSource TaskSource,
    DateTimeOffset TaskTime,
    IReadOnlyList<(WindowScore Score, TSource Source)> Accepted,
    WindowCloseReason Reason,
    DateTimeOffset ClosedAt,
    TSource ClosedBy)
{
    /// <summary>The window's escalation, when it escalated before closing.</summary>
    public WindowEscalation? Escalation { get; init; }
}
