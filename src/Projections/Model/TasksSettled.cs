using PoQ.Settlement.Events;

namespace PoQ.Projections.Model;

/// <summary>
/// The stored event: the tasks one lane commit settled, over the partitions it owns, appended to a stream of its own
/// (<see cref="StreamIdOf"/>). One event per commit rather than per task or per partition: Marten's quick append costs
/// about a millisecond a call whatever it carries, and a lane owns many partitions, so a commit is one binary body
/// (<see cref="TaskBatchCodec"/>) of hundreds of tasks. A task is found by id through the task index table
/// (<see cref="Store.PoqTables"/>). The grouping depends on timing; the tasks in it do not (they are a function of the
/// input log), and every reader orders tasks canonically.
/// </summary>
/// <param name="Tasks">The settled tasks, each partition's in its close order.</param>
public sealed record TasksSettled(IReadOnlyList<TaskFinalized> Tasks)
{
    /// <summary>
    /// Marten's name of this event type in <c>mt_events.type</c> (its default: the type name in snake case), for the
    /// readers that select settlement events by SQL.
    /// </summary>
    public const string EventTypeName = "tasks_settled";

    /// <summary>The stream of one commit's settlements (named by its event id).</summary>
    public static string StreamIdOf(Guid eventId) => FormattableString.Invariant($"commit-{eventId:N}");
}
