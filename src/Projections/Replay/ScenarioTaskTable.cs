using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using PoQ.Settlement.Events;

namespace PoQ.Projections.Replay;

/// <summary>
/// A scenario's per-task outcomes as a plain table in the scenario schema, written by binary COPY a page at a time (a
/// million-task replay writes a million rows; as JSON documents that alone took longer than the replay). Verdicts are a
/// binary column in the event codec's encoding (<see cref="TaskBatchCodec.EncodeVerdicts"/>): doubles as their exact bits,
/// so a scenario compares bit for bit with the recorded history.
/// </summary>
public static class ScenarioTaskTable
{
    /// <summary>Table name.</summary>
    public const string Name = "scenario_tasks";

    /// <summary>Schema-qualified name.</summary>
    public const string QualifiedName = PoqStore.ScenarioSchema + "." + Name;

    private const string Columns = "scenario, sequence, task_id, inference_node_id, status, consensus, inference_reward, verdicts";

    private const string LegacyName = Name + "_legacy";

    // Created by the first replay that writes a scenario, never by a reader. Each scenario is a list partition of its own,
    // so replacing a scenario drops a table instead of deleting a million rows (which took seconds and left the dead
    // rows to vacuum). A table from before partitioning becomes the default partition; its scenarios are deleted row by row.
    private const string CreateSql =
        $"""
        create schema if not exists {PoqStore.ScenarioSchema};
        do $$ begin
          if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where n.nspname = '{PoqStore.ScenarioSchema}' and c.relname = '{Name}' and c.relkind = 'r') then
            alter table {QualifiedName} rename to {LegacyName};
            alter index {PoqStore.ScenarioSchema}.{Name}_pkey rename to {LegacyName}_pkey;
          end if;
        end $$;
        create table if not exists {QualifiedName} (
          scenario text not null, sequence bigint not null, task_id text not null, inference_node_id text not null, status text not null,
          consensus double precision, inference_reward double precision not null, verdicts bytea not null,
          primary key (scenario, sequence)) partition by list (scenario);
        do $$ begin
          if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where n.nspname = '{PoqStore.ScenarioSchema}' and c.relname = '{LegacyName}' and not c.relispartition) then
            alter table {QualifiedName} attach partition {PoqStore.ScenarioSchema}.{LegacyName} default;
          end if;
        end $$;
        """;

    /// <summary>Creates the table if needed and empties <paramref name="scenario"/>'s partition (a new, empty one).</summary>
    public static async Task ResetAsync(NpgsqlConnection connection, string scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using (var create = new NpgsqlCommand(CreateSql, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        string partition = $"{PoqStore.ScenarioSchema}.{PartitionOf(scenario)}";
        await using (var drop = new NpgsqlCommand($"drop table if exists {partition}", connection))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var delete = new NpgsqlCommand($"delete from {QualifiedName} where scenario = @s", connection))
        {
            delete.Parameters.AddWithValue("s", scenario);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // A partition bound is a literal, never a parameter: the name is quoted as a string constant.
        await using var partitionOf = new NpgsqlCommand(
            $"create table {partition} partition of {QualifiedName} for values in ('{scenario.Replace("'", "''", StringComparison.Ordinal)}')", connection);
        await partitionOf.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Scenario names are free text; table names are not: a hash names the partition.
    private static string PartitionOf(string scenario) =>
        Name + "_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scenario)))[..16];

    /// <summary>
    /// Appends a page of settled tasks by binary COPY. Synchronous on purpose: it runs on a worker of its own while the
    /// next page settles, and Npgsql's per-field async writes cost more than the COPY itself at a million rows.
    /// </summary>
    public static void Append(NpgsqlConnection connection, string scenario, IReadOnlyList<TaskFinalized> settled, IReadOnlyList<long> ranks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(settled);
        ArgumentNullException.ThrowIfNull(ranks);
        using var writer = connection.BeginBinaryImport($"copy {QualifiedName} ({Columns}) from stdin (format binary)");
        using var verdicts = new MemoryStream();
        using var verdictWriter = new BinaryWriter(verdicts, System.Text.Encoding.UTF8, leaveOpen: true);
        for (int i = 0; i < settled.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var task = settled[i];
            writer.StartRow();
            writer.Write(scenario, NpgsqlDbType.Text);
            writer.Write(ranks[i], NpgsqlDbType.Bigint);
            writer.Write(task.TaskId, NpgsqlDbType.Text);
            writer.Write(task.Facts.InferenceNodeId, NpgsqlDbType.Text);
            writer.Write(task.Settlement.Status, NpgsqlDbType.Text);
            if (task.Settlement.Consensus is { } consensus)
            {
                writer.Write(consensus, NpgsqlDbType.Double);
            }
            else
            {
                writer.WriteNull();
            }

            writer.Write(task.Settlement.InferenceReward, NpgsqlDbType.Double);
            verdicts.SetLength(0);
            TaskBatchCodec.WriteVerdicts(verdictWriter, task.Settlement.Verdicts);
            verdictWriter.Flush();
            writer.Write(new ArraySegment<byte>(verdicts.GetBuffer(), 0, (int)verdicts.Length), NpgsqlDbType.Bytea);
        }

        writer.Complete();
    }

    /// <summary>A scenario's rows with sequence in [<paramref name="from"/>, <paramref name="to"/>], in sequence order.</summary>
    public static async Task<List<ScenarioTask>> ReadAsync(NpgsqlConnection connection, string scenario, long from, long to, CancellationToken cancellationToken)
    {
        var tasks = new List<ScenarioTask>();
        await using var command = new NpgsqlCommand($"select {Columns} from {QualifiedName} where scenario = @s and sequence between @from and @to order by sequence", connection);
        command.Parameters.AddWithValue("s", scenario);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tasks.Add(new ScenarioTask
            {
                Scenario = reader.GetString(0),
                Sequence = reader.GetInt64(1),
                TaskId = reader.GetString(2),
                Id = ScenarioTask.IdOf(reader.GetString(0), reader.GetString(2)),
                InferenceNodeId = reader.GetString(3),
                Status = reader.GetString(4),
                Consensus = reader.IsDBNull(5) ? null : reader.GetDouble(5),
                InferenceReward = reader.GetDouble(6),
                Verdicts = TaskBatchCodec.DecodeVerdicts(reader.GetFieldValue<byte[]>(7)),
            });
        }

        return tasks;
    }
}
