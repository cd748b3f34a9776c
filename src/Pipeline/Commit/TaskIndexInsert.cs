using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Store;
using PoQ.Settlement.Events;

namespace PoQ.Pipeline.Commit;

/// <summary>
/// The task index rows of a commit: one per settled task, pointing at the batch event that holds it and its position
/// there. An insert from arrays rather than COPY, so the commit sends it with its other closing statements in one round
/// trip: COPY needs two of its own and cannot share them.
/// </summary>
public static class TaskIndexInsert
{
    /// <summary>The statement for <paramref name="tasks"/> (in the event's order), or null when there are none.</summary>
    public static NpgsqlBatchCommand? For(IReadOnlyList<TaskFinalized> tasks, Guid eventId)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            return null;
        }

        var taskIds = new string[tasks.Count];
        var partitions = new int[tasks.Count];
        var epochs = new long[tasks.Count];
        var closedAt = new DateTimeOffset[tasks.Count];
        for (int i = 0; i < tasks.Count; i++)
        {
            taskIds[i] = tasks[i].TaskId;
            partitions[i] = tasks[i].Facts.TaskSource.Partition;
            epochs[i] = tasks[i].Epoch;
            closedAt[i] = tasks[i].Facts.ClosedAt;
        }

        var command = new NpgsqlBatchCommand(
            $"""
            insert into {PoqStore.Schema}.{PoqTables.TaskIndex} (task_id, partition, epoch, closed_at, event_id, position)
            select t, p, e, c, @event, o::int - 1 from unnest(@tasks, @partitions, @epochs, @closed) with ordinality as r(t, p, e, c, o)
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]>("tasks", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = taskIds });
        command.Parameters.Add(new NpgsqlParameter<int[]>("partitions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = partitions });
        command.Parameters.Add(new NpgsqlParameter<long[]>("epochs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = epochs });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("closed", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = closedAt });
        command.Parameters.Add(new NpgsqlParameter<Guid>("event", NpgsqlDbType.Uuid) { TypedValue = eventId });
        return command;
    }
}
