using PoQ.Settlement.Events;

namespace PoQ.Projections.Events;

/// <summary>
/// The stored event: the tasks one commit settled in one partition, appended to that partition's stream
/// (<see cref="StreamIdOf"/>). One event per commit and partition rather than one per task — Marten appends a stream
/// with many events far cheaper than many streams with one each, and a batch of tasks is one binary body
/// (<see cref="TaskBatchCodec"/>). A task is found by id through the task index table (<see cref="Store.PoqTables"/>).
/// The grouping depends on timing; the tasks in it do not (they are a function of the input log).
/// </summary>
/// <param name="Partition">The input partition the tasks belong to.</param>
/// <param name="Tasks">The settled tasks, in the partition's close order.</param>
public sealed record TasksSettled(int Partition, IReadOnlyList<TaskFinalized> Tasks)
{
    /// <summary>The stream of a partition's settlements.</summary>
    public static string StreamIdOf(int partition) => FormattableString.Invariant($"partition-{partition}");
}
