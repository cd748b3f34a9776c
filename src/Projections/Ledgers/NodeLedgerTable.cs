using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The table of the node ledger projection (<see cref="NodeLedgerProjection"/>): (role, node, partition) → count and
/// exact sums. Per partition so that lanes committing concurrently never update the same row (no lock waits between
/// them); a node's totals are the sum of its rows, read through the node index.
/// </summary>
public static class NodeLedgerTable
{
    /// <summary>Table name in the store's schema.</summary>
    public const string Name = "node_ledgers";

    /// <summary>Schema-qualified name.</summary>
    public const string QualifiedName = PoqStore.Schema + "." + Name;

    private const string Columns = "role, node_id, partition, count, amount, sum_of_squares, last_paid_at";

    /// <summary>The table's definition (created with the rest of the schema).</summary>
    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("role", "text").AsPrimaryKey();
        table.AddColumn("node_id", "text").AsPrimaryKey();
        table.AddColumn<int>("partition").AsPrimaryKey();
        table.AddColumn<long>("count").NotNull();
        table.AddColumn("amount", "numeric").NotNull();
        table.AddColumn("sum_of_squares", "numeric").NotNull();
        table.AddColumn("last_paid_at", "timestamptz").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_node_ledgers_node") { Columns = ["node_id"] });
        return table;
    }

    /// <summary>
    /// The statement that adds a batch of ledger deltas (parameters: roles, nodes, partitions, counts, amounts, squares,
    /// last paid times, as arrays). Additions of exact sums commute, so concurrent or replayed batches give the same rows.
    /// </summary>
    public const string AddSql =
        $"""
        insert into {QualifiedName} as t ({Columns})
        select * from unnest(?::text[], ?::text[], ?::int[], ?::bigint[], ?::numeric[], ?::numeric[], ?::timestamptz[])
        on conflict (role, node_id, partition) do update set
          count = t.count + excluded.count, amount = t.amount + excluded.amount, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
          last_paid_at = greatest(t.last_paid_at, excluded.last_paid_at)
        """;

    /// <summary>The parameters of <see cref="AddSql"/> for <paramref name="deltas"/>.</summary>
    public static object[] AddParameters(IReadOnlyCollection<NodeLedger> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var ordered = deltas.OrderBy(l => l.Role, StringComparer.Ordinal).ThenBy(l => l.NodeId, StringComparer.Ordinal).ThenBy(l => l.Partition).ToList();
        return
        [
            ordered.Select(l => l.Role).ToArray(),
            ordered.Select(l => l.NodeId).ToArray(),
            ordered.Select(l => l.Partition).ToArray(),
            ordered.Select(l => l.Count).ToArray(),
            ordered.Select(l => l.Amount).ToArray(),
            ordered.Select(l => l.SumOfSquares).ToArray(),
            ordered.Select(l => l.LastPaidAt.ToUniversalTime()).ToArray(),
        ];
    }

    /// <summary>The stored ledgers (all, or one node's); none when the table does not exist yet.</summary>
    public static async Task<List<NodeLedger>> ReadAsync(string connectionString, string? nodeId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"select {Columns} from {QualifiedName} where (@node::text is null or node_id = @node)", connection);
        command.Parameters.Add(new NpgsqlParameter<string?>("node", NpgsqlDbType.Text) { TypedValue = nodeId });
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
                    Amount = reader.GetDecimal(4),
                    SumOfSquares = reader.GetDecimal(5),
                    LastPaidAt = reader.GetFieldValue<DateTimeOffset>(6),
                });
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No pipeline has written this store yet.
        }

        return ledgers;
    }

    /// <summary>Every node's ledger summed over partitions, by role then ordinal node id.</summary>
    public static async Task<List<NodeLedger>> CombinedAsync(string connectionString, string? nodeId, CancellationToken cancellationToken)
    {
        var parts = await ReadAsync(connectionString, nodeId, cancellationToken).ConfigureAwait(false);
        return [.. parts
            .GroupBy(l => (l.Role, l.NodeId))
            .Select(g => NodeLedger.Combine(g.Key.Role, g.Key.NodeId, g))
            .OrderBy(l => l.Role, StringComparer.Ordinal).ThenBy(l => l.NodeId, StringComparer.Ordinal)];
    }
}
