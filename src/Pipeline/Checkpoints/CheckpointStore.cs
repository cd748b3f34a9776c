using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Model;
using PoQ.Projections.Store;

namespace PoQ.Pipeline.Checkpoints;

/// <summary>
/// SQL over <c>poq.partition_checkpoints</c>: claiming partitions (a new owner generation), locking them in a commit
/// and checking the generation (fencing: an instance that lost a partition finds another generation and may not write),
/// and writing checkpoints. Claims and commits take the same row lock, so a claim waits for a commit in flight and every
/// later commit of the old owner is refused.
/// </summary>
public static class CheckpointStore
{
    private const string Table = $"{PoqStore.Schema}.{PoqTables.PartitionCheckpoints}";

    /// <summary>Creates a row (generation 0, never read) for every partition that has none.</summary>
    public static async Task EnsureRowsAsync(NpgsqlConnection connection, int partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand($"insert into {Table} (partition) select generate_series(0, @last) on conflict (partition) do nothing", connection);
        command.Parameters.AddWithValue("last", partitions - 1);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Number of partitions with a row.</summary>
    public static async Task<int> CountAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand($"select count(*)::int from {Table}", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Claims <paramref name="partitions"/> for <paramref name="owner"/>: each gets the next generation; returns the stored checkpoints.</summary>
    public static async Task<IReadOnlyList<PartitionCheckpoint>> ClaimAsync(NpgsqlConnection connection, IReadOnlyCollection<int> partitions, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            $"""
            update {Table} set generation = generation + 1, owner = @owner, claimed_at = now()
            where partition = any(@partitions)
            returning partition, generation, tasks_watermark, tasks_time, tasks_ahead::text, scores_watermark, scores_time, scores_ahead::text, progress, stream_time
            """,
            connection);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("partitions", partitions.ToArray());
        var claimed = new List<PartitionCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Add(new PartitionCheckpoint
            {
                Partition = reader.GetInt32(0),
                Generation = reader.GetInt64(1),
                Tasks = Topic(reader, 2),
                Scores = Topic(reader, 5),
                Progress = Time(reader, 8),
                StreamTime = Time(reader, 9),
            });
        }

        return claimed;
    }

    /// <summary>
    /// Locks the rows of <paramref name="generations"/>' partitions (in partition order, so concurrent commits cannot
    /// deadlock) and returns the partitions whose stored generation is no longer the one claimed: fenced.
    /// </summary>
    public static async Task<IReadOnlySet<int>> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<int, long> generations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generations);
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { Lock(generations.Keys) } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await FencedAsync(reader, generations, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The statement of <see cref="LockAsync"/>, for a commit that sends it with others in one round trip; its rows are read by <see cref="FencedAsync"/>.</summary>
    public static NpgsqlBatchCommand Lock(IEnumerable<int> partitions)
    {
        var command = new NpgsqlBatchCommand($"select partition, generation from {Table} where partition = any(@partitions) order by partition for update");
        command.Parameters.Add(new NpgsqlParameter<int[]>("partitions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. partitions] });
        return command;
    }

    /// <summary>Reads the rows of <see cref="Lock"/> (the reader's current result set): the partitions whose generation is no longer the given one.</summary>
    public static async Task<IReadOnlySet<int>> FencedAsync(NpgsqlDataReader reader, IReadOnlyDictionary<int, long> generations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(generations);
        var fenced = new HashSet<int>(generations.Keys);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (generations.TryGetValue(reader.GetInt32(0), out long mine) && mine == reader.GetInt64(1))
            {
                fenced.Remove(reader.GetInt32(0));
            }
        }

        return fenced;
    }

    /// <summary>Writes checkpoints (rows already locked by <see cref="LockAsync"/> under their generations).</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<PartitionCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in Updates(checkpoints))
        {
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The statements of <see cref="WriteAsync"/>, one per checkpoint, for a commit that sends them with others in one round trip.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Updates(IEnumerable<PartitionCheckpoint> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        foreach (var checkpoint in checkpoints)
        {
            var command = new NpgsqlBatchCommand(
                $"""
                update {Table} set
                  tasks_watermark = @tw, tasks_time = @tt, tasks_ahead = @ta::jsonb,
                  scores_watermark = @sw, scores_time = @st, scores_ahead = @sa::jsonb,
                  progress = greatest(progress, @progress), stream_time = greatest(stream_time, @stream),
                  tasks_settled = tasks_settled + @settled, tasks_insufficient = tasks_insufficient + @insufficient,
                  scores_accepted = scores_accepted + @scores, dead_letters = dead_letters + @letters, commits = commits + 1
                where partition = @partition and generation = @generation
                """);
            var p = command.Parameters;
            p.Add(new NpgsqlParameter<long?>("tw", checkpoint.Tasks.Watermark) { NpgsqlDbType = NpgsqlDbType.Bigint });
            p.Add(new NpgsqlParameter<DateTimeOffset?>("tt", checkpoint.Tasks.Time) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.AddWithValue("ta", JsonSerializer.Serialize(checkpoint.Tasks.HandledAhead));
            p.Add(new NpgsqlParameter<long?>("sw", checkpoint.Scores.Watermark) { NpgsqlDbType = NpgsqlDbType.Bigint });
            p.Add(new NpgsqlParameter<DateTimeOffset?>("st", checkpoint.Scores.Time) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.AddWithValue("sa", JsonSerializer.Serialize(checkpoint.Scores.HandledAhead));
            p.Add(new NpgsqlParameter<DateTimeOffset?>("progress", checkpoint.Progress) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.Add(new NpgsqlParameter<DateTimeOffset?>("stream", checkpoint.StreamTime) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.AddWithValue("settled", checkpoint.Added.TasksSettled);
            p.AddWithValue("insufficient", checkpoint.Added.TasksInsufficient);
            p.AddWithValue("scores", checkpoint.Added.ScoresAccepted);
            p.AddWithValue("letters", checkpoint.Added.DeadLetters);
            p.AddWithValue("partition", checkpoint.Partition);
            p.AddWithValue("generation", checkpoint.Generation);
            yield return command;
        }
    }

    /// <summary>The smallest progress over all partitions, or null while any partition has none (never read).</summary>
    public static async Task<DateTimeOffset?> MinimumProgressAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand($"select case when bool_and(progress is not null) then min(progress) end from {Table}", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is DateTime time ? new DateTimeOffset(time, TimeSpan.Zero) : null;
    }

    /// <summary>Records a data loss on a partition (loud, never silent).</summary>
    public static async Task RecordDataLossAsync(NpgsqlConnection connection, int partition, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand($"update {Table} set data_loss = concat_ws('; ', data_loss, @text) where partition = @partition", connection);
        command.Parameters.AddWithValue("text", description);
        command.Parameters.AddWithValue("partition", partition);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every partition's restart watermarks (for consumer lag).</summary>
    public static async Task<IReadOnlyList<(int Partition, long? Tasks, long? Scores)>> WatermarksAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand($"select partition, tasks_watermark, scores_watermark from {Table} order by partition", connection);
        var rows = new List<(int, long?, long?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
        }

        return rows;
    }

    private static TopicCheckpoint Topic(NpgsqlDataReader reader, int column) => new(
        reader.IsDBNull(column) ? null : reader.GetInt64(column),
        Time(reader, column + 1),
        JsonSerializer.Deserialize<long[][]>(reader.GetString(column + 2)) ?? []);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(column), TimeSpan.Zero);
}
