using PoQ.Projections.Store;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The pending deltas of a ledger table: a commit stores its ledger deltas as one compact row (a codec's bytes) instead
/// of upserting hundreds of ledger rows inside the commit — the upserts were 62 % of PostgreSQL's statement time per
/// commit and their numeric arrays cost milliseconds to encode. <see cref="LedgerFold"/> moves them into the ledger table
/// about once a second, merged per key; readers (<see cref="LedgerStore{TRow}"/>) take the ledger rows and the pending
/// deltas in one snapshot, and a fold moves a page of deltas in one transaction, so every read is exact whatever has
/// been folded.
/// </summary>
/// <param name="ledger">The ledger table's name (the deltas table is named after it).</param>
public sealed class LedgerDeltas(string ledger)
{
    /// <summary>The deltas table's name.</summary>
    public string Name { get; } = ledger + "_deltas";

    /// <summary>Schema-qualified name.</summary>
    public string QualifiedName => PoqStore.Schema + "." + Name;

    /// <summary>One row per commit: an identity (folds take the oldest first) and the encoded deltas.</summary>
    public Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("id", "bigserial").AsPrimaryKey();
        table.AddColumn("body", "bytea").NotNull();
        return table;
    }

    /// <summary>Stores one commit's deltas (Marten positional parameter: the encoded deltas).</summary>
    public string InsertSql => $"insert into {QualifiedName} (body) values (?)";

    /// <summary>Every pending row's body (a reader's, in the snapshot it reads the ledger in).</summary>
    public string ReadSql => $"select body from {QualifiedName}";

    /// <summary>The oldest and newest pending rows' ids (nulls when none is pending).</summary>
    public string RangeSql => $"select min(id), max(id) from {QualifiedName}";

    /// <summary>Deletes the rows with ids in [<c>$1</c>, <c>$2</c>] and returns their bodies (a fold's input, in its transaction).</summary>
    public string TakeSql => $"delete from {QualifiedName} where id between $1 and $2 returning body";
}
