using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Documents;
using PoQ.Projections.Store;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The node ledgers as a plain table, (role, node, partition) → running totals, written by the partition's owner in its
/// commit with one statement for the whole batch (an upsert over arrays). Marten document upserts cost one statement and
/// one JSON document per ledger touched — about five per task — and were a third of the commit's database time.
/// </summary>
public static class NodeLedgerTable
{
    /// <summary>Table name in the store's schema.</summary>
    public const string Name = "node_ledgers";

    private const string Columns = "role, node_id, partition, count, total, mean, m2, last_paid_at";

    /// <summary>The table's definition (created with the rest of the schema).</summary>
    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("role", "text").AsPrimaryKey();
        table.AddColumn("node_id", "text").AsPrimaryKey();
        table.AddColumn<int>("partition").AsPrimaryKey();
        table.AddColumn<long>("count").NotNull();
        table.AddColumn<double>("total").NotNull();
        table.AddColumn<double>("mean").NotNull();
        table.AddColumn<double>("m2").NotNull();
        table.AddColumn("last_paid_at", "timestamptz").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_node_ledgers_node") { Columns = ["node_id"] });
        return table;
    }

    /// <summary>Writes the ledgers' current values in one statement.</summary>
    public static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<NodeLedger> ledgers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        if (ledgers.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            $"""
            insert into {PoqStore.Schema}.{Name} ({Columns})
            select * from unnest(@role, @node, @partition, @count, @total, @mean, @m2, @last)
            on conflict (role, node_id, partition) do update set
              count = excluded.count, total = excluded.total, mean = excluded.mean, m2 = excluded.m2, last_paid_at = excluded.last_paid_at
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("role", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. ledgers.Select(l => l.Role)] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("node", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. ledgers.Select(l => l.NodeId)] });
        command.Parameters.Add(new NpgsqlParameter<int[]>("partition", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. ledgers.Select(l => l.Partition)] });
        command.Parameters.Add(new NpgsqlParameter<long[]>("count", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. ledgers.Select(l => l.Count)] });
        command.Parameters.Add(new NpgsqlParameter<double[]>("total", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = [.. ledgers.Select(l => l.Total)] });
        command.Parameters.Add(new NpgsqlParameter<double[]>("mean", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = [.. ledgers.Select(l => l.Mean)] });
        command.Parameters.Add(new NpgsqlParameter<double[]>("m2", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = [.. ledgers.Select(l => l.SumSquaredDeviations)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("last", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. ledgers.Select(l => l.LastPaidAt)] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored ledgers (all, one node's, or one partition's); none when the table does not exist yet.</summary>
    public static async Task<List<NodeLedger>> ReadAsync(string connectionString, string? nodeId, int? partition, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, nodeId, partition, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="ReadAsync(string, string?, int?, CancellationToken)"/>, on an open connection.</summary>
    public static async Task<List<NodeLedger>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string? nodeId, int? partition, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select {Columns} from {PoqStore.Schema}.{Name} where (@node::text is null or node_id = @node) and (@partition::int is null or partition = @partition)",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<string?>("node", NpgsqlDbType.Text) { TypedValue = nodeId });
        command.Parameters.Add(new NpgsqlParameter<int?>("partition", NpgsqlDbType.Integer) { TypedValue = partition });
        var ledgers = new List<NodeLedger>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ledgers.Add(new NodeLedger
                {
                    Role = reader.GetString(0),
                    NodeId = reader.GetString(1),
                    Partition = reader.GetInt32(2),
                    Id = NodeLedger.IdOf(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)),
                    Count = reader.GetInt64(3),
                    Total = reader.GetDouble(4),
                    Mean = reader.GetDouble(5),
                    SumSquaredDeviations = reader.GetDouble(6),
                    LastPaidAt = reader.GetFieldValue<DateTimeOffset>(7),
                });
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable && transaction is null)
        {
            // No pipeline has written this store yet.
        }

        return ledgers;
    }
}
