using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Store;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql;

namespace PoQ.Pipeline.Output;

/// <summary>The outbox table (<see cref="Definition"/>) and its rows: written by a commit, read by a new owner, deleted once published.</summary>
public static class OutboxTable
{
    /// <summary>What a commit still has to publish to the output topics: pointers to its event and dead letters, per partition.</summary>
    public const string Name = "outbox";

    private static readonly string Table = $"{PoqStore.Schema}.{Name}";

    /// <summary>
    /// The outbox: a row per commit and partition naming the event and the dead letters whose output messages are not
    /// published yet. The messages themselves are derived from the committed event when published (no copy of them is
    /// stored); the row is deleted once they are delivered, and a new owner of the partition publishes what is left.
    /// </summary>
    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("id", "bigserial").AsPrimaryKey();
        table.AddColumn<int>("partition").NotNull();
        table.AddColumn("event_id", "uuid");
        table.AddColumn("dead_letters", "text[]").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_outbox_partition") { Columns = ["partition"] });
        return table;
    }

    /// <summary>One row: what a commit left to publish for a partition.</summary>
    /// <param name="Id">Row id.</param>
    /// <param name="Partition">The input partition.</param>
    /// <param name="EventId">The commit's settlement event, or null when it settled no task of the partition.</param>
    /// <param name="DeadLetters">Ids of the partition's dead letters in the commit.</param>
    public sealed record Row(long Id, int Partition, Guid? EventId, IReadOnlyList<string> DeadLetters);

    /// <summary>
    /// The statement that writes one row per partition in the commit's transaction (null when there is none), sent with
    /// the commit's other closing statements in one round trip; <see cref="ReadIdsAsync"/> reads the rows' ids.
    /// </summary>
    public static NpgsqlBatchCommand? Insert(IReadOnlyList<(int Partition, Guid? EventId, string[] DeadLetters)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return null;
        }

        // dead_letters is text[] per row: passed as one text per row and split in SQL (unnest cannot take a 2-D ragged array).
        var command = new NpgsqlBatchCommand(
            $"insert into {Table} (partition, event_id, dead_letters) select p, e, case when d = '' then '{{}}'::text[] else string_to_array(d, E'\\x1f') end from unnest(@partitions, @events, @letters) as r(p, e, d) returning id");
        command.Parameters.Add(new NpgsqlParameter<int[]>("partitions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. rows.Select(r => r.Partition)] });
        command.Parameters.Add(new NpgsqlParameter<Guid?[]>("events", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = [.. rows.Select(r => r.EventId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("letters", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(r => string.Join('\u001f', r.DeadLetters))] });
        return command;
    }

    /// <summary>The ids <see cref="Insert"/> returned (the reader's current result set).</summary>
    public static async Task<long[]> ReadIdsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }

    /// <summary>The rows of a partition not published yet, oldest first.</summary>
    public static async Task<List<Row>> PendingAsync(NpgsqlConnection connection, int partition, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select id, partition, event_id, dead_letters from {Table} where partition = @partition order by id", connection);
        command.Parameters.AddWithValue("partition", partition);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new Row(reader.GetInt64(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetFieldValue<string[]>(3)));
        }

        return rows;
    }

    /// <summary>Deletes published rows.</summary>
    public static async Task DeleteAsync(NpgsqlConnection connection, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand($"delete from {Table} where id = any(@ids)", connection);
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. ids] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
