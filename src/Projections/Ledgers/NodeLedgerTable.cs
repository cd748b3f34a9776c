using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The table of the node ledger projection (<see cref="NodeLedgerProjection"/>): (role, node, partition) → count and
/// exact sums; a node's totals are the sum of its rows, read through the node index. Commits do not write it: they store
/// their deltas (<see cref="Deltas"/>), which <see cref="LedgerFold"/> adds in, one fold at a time.
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
    /// The statement that adds merged ledger deltas (parameters: roles, nodes, partitions, counts, amounts, squares, last
    /// paid times, as arrays; run by <see cref="LedgerFold"/>). Additions of exact sums commute, so folds in any order
    /// give the same rows.
    /// </summary>
    public const string AddSql =
        $"""
        insert into {QualifiedName} as t ({Columns})
        select * from unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::numeric[], $6::numeric[], $7::timestamptz[])
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

    /// <summary>The deltas commits store (<see cref="NodeLedgerCodec"/>), which <see cref="LedgerFold"/> adds into this table.</summary>
    public static LedgerDeltas Deltas { get; } = new(Name);

    /// <summary>The table with its pending deltas, read and folded as one.</summary>
    public static LedgerStore<NodeLedger> Store { get; } = new(
        Deltas,
        $"select {Columns} from {QualifiedName} where (@id::text is null or node_id = @id)",
        ReadRow,
        NodeLedgerCodec.Decode,
        l => l.NodeId,
        Merge,
        AddSql,
        AddParameters);

    /// <summary>
    /// The stored ledgers (all, or one node's), one row per (role, node, partition): the folded rows plus the pending
    /// deltas, read in one snapshot. None when the table does not exist yet.
    /// </summary>
    public static Task<List<NodeLedger>> ReadAsync(string connectionString, string? nodeId, CancellationToken cancellationToken) =>
        Store.ReadAsync(connectionString, nodeId, cancellationToken);

    private static NodeLedger ReadRow(NpgsqlDataReader reader)
    {
        string role = reader.GetString(0);
        string nodeId = reader.GetString(1);
        int partition = reader.GetInt32(2);
        return new NodeLedger
        {
            Role = role,
            NodeId = nodeId,
            Partition = partition,
            Id = NodeLedger.IdOf(role, nodeId, partition),
            Count = reader.GetInt64(3),
            Amount = reader.GetDecimal(4),
            SumOfSquares = reader.GetDecimal(5),
            LastPaidAt = reader.GetFieldValue<DateTimeOffset>(6),
        };
    }

    /// <summary>Rows of the same (role, node, partition) added into one (exact sums: the order does not matter).</summary>
    public static List<NodeLedger> Merge(IEnumerable<NodeLedger> rows) => LedgerRows.Merge(rows, r => r.Id, (into, row) => into.Add(row));

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
