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
        return (await ReadLockedAsync(reader, generations, commitId: null, cancellationToken).ConfigureAwait(false)).Fenced;
    }

    /// <summary>The statement of <see cref="LockAsync"/>, for a commit that sends it with others in one round trip; its rows are read by <see cref="ReadLockedAsync"/>.</summary>
    public static NpgsqlBatchCommand Lock(IEnumerable<int> partitions)
    {
        var command = new NpgsqlBatchCommand($"select partition, generation, last_commit from {Table} where partition = any(@partitions) order by partition for update");
        command.Parameters.Add(new NpgsqlParameter<int[]>("partitions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. partitions] });
        return command;
    }

    /// <summary>
    /// Reads the rows of <see cref="Lock"/> (the reader's current result set): the partitions whose generation is no
    /// longer the given one (fenced), and whether any row was last written by commit <paramref name="commitId"/> — that
    /// commit landed (its rows are written in one transaction, and a later commit of theirs waits for this lock).
    /// </summary>
    public static async Task<(IReadOnlySet<int> Fenced, bool Landed)> ReadLockedAsync(NpgsqlDataReader reader, IReadOnlyDictionary<int, long> generations, Guid? commitId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(generations);
        var fenced = new HashSet<int>(generations.Keys);
        bool landed = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (generations.TryGetValue(reader.GetInt32(0), out long mine) && mine == reader.GetInt64(1))
            {
                fenced.Remove(reader.GetInt32(0));
            }

            landed |= commitId is { } id && !reader.IsDBNull(2) && reader.GetGuid(2) == id;
        }

        return (fenced, landed);
    }

    /// <summary>Writes checkpoints (rows already locked by <see cref="LockAsync"/> under their generations).</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<PartitionCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        if (Updates(checkpoints, Guid.NewGuid()) is { } update)
        {
            await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { update } };
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The statement of <see cref="WriteAsync"/> — one for all the checkpoints (one per partition), as parallel arrays —
    /// for a commit that sends it with others in one round trip; null when there are none. A row whose generation moved
    /// on is not written (fenced). Each row written records <paramref name="commitId"/> (see <see cref="ReadLockedAsync"/>).
    /// One statement, not one per partition: a lane commits 16 partitions' checkpoints, and PostgreSQL parsed and planned
    /// each of 16 statements (0.25 ms for the one against 1.7 ms for the sixteen, alone).
    /// </summary>
    public static NpgsqlBatchCommand? Updates(IEnumerable<PartitionCheckpoint> checkpoints, Guid commitId)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        var all = checkpoints.ToList();
        if (all.Count == 0)
        {
            return null;
        }

        if (all.Select(c => c.Partition).Distinct().Count() != all.Count)
        {
            throw new ArgumentException("one checkpoint per partition: a partition's checkpoint is written once per commit", nameof(checkpoints));
        }

        var command = new NpgsqlBatchCommand(
            $"""
            update {Table} c set
              tasks_watermark = u.tw, tasks_time = u.tt, tasks_ahead = u.ta::jsonb,
              scores_watermark = u.sw, scores_time = u.st, scores_ahead = u.sa::jsonb,
              progress = greatest(c.progress, u.progress), stream_time = greatest(c.stream_time, u.stream),
              tasks_settled = c.tasks_settled + u.settled, tasks_insufficient = c.tasks_insufficient + u.insufficient,
              scores_accepted = c.scores_accepted + u.scores, dead_letters = c.dead_letters + u.letters, commits = c.commits + 1,
              last_commit = $15
            from unnest($1::int[], $2::bigint[], $3::bigint[], $4::timestamptz[], $5::text[], $6::bigint[], $7::timestamptz[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[])
              as u(partition, generation, tw, tt, ta, sw, st, sa, progress, stream, settled, insufficient, scores, letters)
            where c.partition = u.partition and c.generation = u.generation
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<int[]>() { TypedValue = [.. all.Select(c => c.Partition)] });
        p.Add(new NpgsqlParameter<long[]>() { TypedValue = [.. all.Select(c => c.Generation)] });
        p.Add(new NpgsqlParameter<long?[]>() { TypedValue = [.. all.Select(c => c.Tasks.Watermark)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        p.Add(new NpgsqlParameter<DateTimeOffset?[]>() { TypedValue = [.. all.Select(c => c.Tasks.Time)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        p.Add(new NpgsqlParameter<string[]>() { TypedValue = [.. all.Select(c => JsonSerializer.Serialize(c.Tasks.HandledAhead))] });
        p.Add(new NpgsqlParameter<long?[]>() { TypedValue = [.. all.Select(c => c.Scores.Watermark)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        p.Add(new NpgsqlParameter<DateTimeOffset?[]>() { TypedValue = [.. all.Select(c => c.Scores.Time)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        p.Add(new NpgsqlParameter<string[]>() { TypedValue = [.. all.Select(c => JsonSerializer.Serialize(c.Scores.HandledAhead))] });
        p.Add(new NpgsqlParameter<DateTimeOffset?[]>() { TypedValue = [.. all.Select(c => c.Progress)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        p.Add(new NpgsqlParameter<DateTimeOffset?[]>() { TypedValue = [.. all.Select(c => c.StreamTime)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        p.Add(new NpgsqlParameter<long[]>() { TypedValue = [.. all.Select(c => c.Added.TasksSettled)] });
        p.Add(new NpgsqlParameter<long[]>() { TypedValue = [.. all.Select(c => c.Added.TasksInsufficient)] });
        p.Add(new NpgsqlParameter<long[]>() { TypedValue = [.. all.Select(c => c.Added.ScoresAccepted)] });
        p.Add(new NpgsqlParameter<long[]>() { TypedValue = [.. all.Select(c => c.Added.DeadLetters)] });
        p.Add(new NpgsqlParameter<Guid>() { TypedValue = commitId });
        return command;
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
