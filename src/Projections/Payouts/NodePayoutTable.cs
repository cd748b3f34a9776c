using PoQ.Projections.Store;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PoQ.Projections.Payouts;

/// <summary>
/// The table of the payout history projection (<see cref="NodePayoutProjection"/>): one row per reward — the inference
/// node's and each evaluator's of every task that reached consensus. Its primary key (node, close time, task, role) is
/// the index the auditor's node history pages through, newest first, and the evaluator trajectory samples.
/// </summary>
public static class NodePayoutTable
{
    /// <summary>Table name in the store's schema.</summary>
    public const string Name = "node_payouts";

    /// <summary>Schema-qualified name.</summary>
    public const string QualifiedName = PoqStore.Schema + "." + Name;

    /// <summary>The table's definition.</summary>
    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("node_id", "text").AsPrimaryKey();
        table.AddColumn("closed_at", "timestamptz").AsPrimaryKey();
        table.AddColumn("task_id", "text").AsPrimaryKey();
        table.AddColumn("role", "text").AsPrimaryKey();
        table.AddColumn<long>("epoch").NotNull();
        table.AddColumn<int>("partition").NotNull();
        table.AddColumn<double>("reward").NotNull();
        table.AddColumn("trust_before", "double precision");
        table.AddColumn("trust_after", "double precision");
        return table;
    }

    /// <summary>Inserts a batch of rows (parameters as arrays, in <see cref="Columns"/> order).</summary>
    public const string InsertSql =
        $"""
        insert into {QualifiedName} (node_id, closed_at, task_id, role, epoch, partition, reward, trust_before, trust_after)
        select * from unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[], ?::int[], ?::float8[], ?::float8[], ?::float8[])
        """;
}
