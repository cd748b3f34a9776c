using Marten;
using Npgsql;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using PoQ.Settlement;
using PoQ.Settlement.Events;

namespace PoQ.Projections.History;

/// <summary>
/// The one reader of recorded history, shared by audit, replay, verify, digest, status and serve. Read only: the
/// existence checks are plain SQL, so pointing a reader at an empty or foreign database creates nothing in it.
/// Settlement batches are read with Npgsql and decoded on all cores (<see cref="TaskBatchCodec"/>); tasks come back in
/// canonical order (<see cref="TaskOrder"/>).
/// </summary>
public static class HistoryReader
{
    /// <summary>
    /// What <paramref name="connectionString"/>'s database holds: the one check every reader (status, audit, replay,
    /// serve, bench) makes before it reads. Plain SQL, so probing an empty or foreign database creates nothing in it.
    /// </summary>
    public static async Task<HistoryPresence> PresenceAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var tables = new NpgsqlCommand("select to_regclass(@events) is not null, to_regclass(@index) is not null", connection))
        {
            tables.Parameters.AddWithValue("events", $"{PoqStore.Schema}.{PoqTables.Events}");
            tables.Parameters.AddWithValue("index", $"{PoqStore.Schema}.{PoqTables.TaskIndex}");
            await using var reader = await tables.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!reader.GetBoolean(0))
            {
                return HistoryPresence.NoStore;
            }

            if (!reader.GetBoolean(1))
            {
                return HistoryPresence.Empty;
            }
        }

        await using var any = new NpgsqlCommand($"select exists(select 1 from {PoqStore.Schema}.{PoqTables.TaskIndex})", connection);
        return await any.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true ? HistoryPresence.Recorded : HistoryPresence.Empty;
    }

    /// <summary>Every recorded task, in canonical order (<see cref="TaskOrder"/>).</summary>
    public static async Task<List<TaskFinalized>> ReadTasksAsync(string connectionString, CancellationToken cancellationToken)
    {
        var tasks = await ReadStoredAsync(connectionString, cancellationToken).ConfigureAwait(false);
        tasks.Sort(TaskOrder.Instance);
        return tasks;
    }

    /// <summary>
    /// Every recorded task in storage order: events by sequence, tasks by position — per partition the order its owner
    /// committed them in (its close order), which projections such as the node ledgers fold in.
    /// </summary>
    public static async Task<List<TaskFinalized>> ReadStoredAsync(string connectionString, CancellationToken cancellationToken)
    {
        var bodies = new List<byte[]>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"select bdata from {PoqStore.Schema}.{PoqTables.Events} where type = @type order by seq_id", connection);
            command.Parameters.AddWithValue("type", TasksSettled.EventTypeName);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                bodies.Add(reader.GetFieldValue<byte[]>(0));
            }
        }

        var batches = new TasksSettled[bodies.Count];
        Parallel.For(0, bodies.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => batches[i] = TaskBatchCodec.Decode(bodies[i]));
        var tasks = new List<TaskFinalized>(batches.Sum(b => b.Tasks.Count));
        foreach (var batch in batches)
        {
            tasks.AddRange(batch.Tasks);
        }

        return tasks;
    }

    /// <summary>The tasks of the named settlement events, events by sequence, tasks by position (what an outbox row points to).</summary>
    public static async Task<List<TaskFinalized>> ReadEventsAsync(NpgsqlConnection connection, IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        var tasks = new List<TaskFinalized>();
        if (eventIds.Count == 0)
        {
            return tasks;
        }

        await using var command = new NpgsqlCommand($"select bdata from {PoqStore.Schema}.{PoqTables.Events} where id = any(@ids) order by seq_id", connection);
        command.Parameters.AddWithValue("ids", eventIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tasks.AddRange(TaskBatchCodec.Decode(reader.GetFieldValue<byte[]>(0)).Tasks);
        }

        return tasks;
    }

    /// <summary>One recorded task by id, through the task index; null when there is none.</summary>
    public static async Task<TaskFinalized?> ReadTaskAsync(string connectionString, string taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"select e.bdata, i.position from {PoqStore.Schema}.{PoqTables.TaskIndex} i join {PoqStore.Schema}.{PoqTables.Events} e on e.id = i.event_id where i.task_id = @id",
            connection);
        command.Parameters.AddWithValue("id", taskId);
        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null; // no pipeline has written this store yet: no task is recorded
        }

        await using var _ = reader;
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        int position = reader.GetInt32(1);
        var task = TaskBatchCodec.DecodeAt(reader.GetFieldValue<byte[]>(0), position);
        return task is not null && task.TaskId == taskId
            ? task
            : throw new InvalidDataException($"task index points task '{taskId}' at position {position} of an event that does not hold it");
    }

    /// <summary>Every recorded mechanism.</summary>
    public static async Task<RecordedMechanisms> MechanismsAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(MechanismConfigured.StreamId, token: cancellationToken).ConfigureAwait(false);
        return new RecordedMechanisms(events.Select(e => e.Data).OfType<MechanismConfigured>());
    }

    /// <summary>Every recorded epoch close, in stream order.</summary>
    public static async Task<IReadOnlyList<TrustEpochClosed>> EpochClosesAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(TrustEpochClosed.StreamId, token: cancellationToken).ConfigureAwait(false);
        return [.. events.Select(e => e.Data).OfType<TrustEpochClosed>()];
    }

    /// <summary>What the simulator knew, when a demo recorded it (null otherwise).</summary>
    public static async Task<SimulationManifest?> ManifestAsync(IQuerySession session, string connectionString, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);

        // Only read when its table exists: loading through Marten would otherwise create the table in the recorded schema.
        return await TableExistsAsync(connectionString, PoqTables.DocumentTable<SimulationManifest>(), cancellationToken).ConfigureAwait(false)
            ? await session.LoadAsync<SimulationManifest>(SimulationManifest.SingletonId, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>True when <c><paramref name="schema"/>.<paramref name="table"/></c> exists (PoQ's schema by default).</summary>
    public static async Task<bool> TableExistsAsync(string connectionString, string table, CancellationToken cancellationToken, string schema = PoqStore.Schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("select to_regclass(@name) is not null", connection);
        command.Parameters.AddWithValue("name", $"{schema}.{table}");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
