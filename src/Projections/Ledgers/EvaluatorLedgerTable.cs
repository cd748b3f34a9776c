using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Store;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PoQ.Projections.Ledgers;

/// <summary>
/// The table of the evaluator ledger projection (<see cref="EvaluatorLedgerProjection"/>), per evaluator and partition.
/// Commits store their deltas (<see cref="Deltas"/>), which <see cref="LedgerFold"/> adds in.
/// </summary>
public static class EvaluatorLedgerTable
{
    /// <summary>Table name in the store's schema.</summary>
    public const string Name = "evaluator_ledgers";

    /// <summary>Schema-qualified name.</summary>
    public const string QualifiedName = PoqStore.Schema + "." + Name;

    private const string Columns =
        "evaluator_id, partition, sampled, scored, settled, excluded, deviation_sum, deviation_squares, deviation_min, deviation_max, last_closed_at, last_task_id, trust";

    /// <summary>The table's definition.</summary>
    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("evaluator_id", "text").AsPrimaryKey();
        table.AddColumn<int>("partition").AsPrimaryKey();
        table.AddColumn<long>("sampled").NotNull();
        table.AddColumn<long>("scored").NotNull();
        table.AddColumn<long>("settled").NotNull();
        table.AddColumn<long>("excluded").NotNull();
        table.AddColumn("deviation_sum", "numeric").NotNull();
        table.AddColumn("deviation_squares", "numeric").NotNull();
        table.AddColumn<double>("deviation_min").NotNull();
        table.AddColumn<double>("deviation_max").NotNull();
        table.AddColumn("last_closed_at", "timestamptz");
        table.AddColumn("last_task_id", "text");
        table.AddColumn("trust", "double precision");
        return table;
    }

    /// <summary>Adds merged deltas (run by <see cref="LedgerFold"/>): counts and sums add, min and max combine, the latest task's trust wins.</summary>
    public const string AddSql =
        $"""
        insert into {QualifiedName} as t ({Columns})
        select * from unnest($1::text[], $2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::numeric[], $8::numeric[], $9::float8[], $10::float8[], $11::timestamptz[], $12::text[], $13::float8[])
        on conflict (evaluator_id, partition) do update set
          sampled = t.sampled + excluded.sampled, scored = t.scored + excluded.scored, settled = t.settled + excluded.settled,
          excluded = t.excluded + excluded.excluded, deviation_sum = t.deviation_sum + excluded.deviation_sum,
          deviation_squares = t.deviation_squares + excluded.deviation_squares,
          deviation_min = least(t.deviation_min, excluded.deviation_min), deviation_max = greatest(t.deviation_max, excluded.deviation_max),
          last_closed_at = case when {Later} then excluded.last_closed_at else t.last_closed_at end,
          last_task_id = case when {Later} then excluded.last_task_id else t.last_task_id end,
          trust = case when {Later} then excluded.trust else t.trust end
        """;

    // (closed_at, task_id) ordered as EvaluatorLedger.IsLater orders them (task ids compared bytewise, "C" collation).
    private const string Later =
        "excluded.last_closed_at is not null and (t.last_closed_at is null or (excluded.last_closed_at, excluded.last_task_id collate \"C\") > (t.last_closed_at, t.last_task_id collate \"C\"))";

    /// <summary>The parameters of <see cref="AddSql"/>.</summary>
    public static object[] AddParameters(IReadOnlyCollection<EvaluatorLedger> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var ordered = deltas.OrderBy(l => l.EvaluatorId, StringComparer.Ordinal).ThenBy(l => l.Partition).ToList();
        return
        [
            ordered.Select(l => l.EvaluatorId).ToArray(),
            ordered.Select(l => l.Partition).ToArray(),
            ordered.Select(l => l.Sampled).ToArray(),
            ordered.Select(l => l.Scored).ToArray(),
            ordered.Select(l => l.Settled).ToArray(),
            ordered.Select(l => l.Excluded).ToArray(),
            ordered.Select(l => l.DeviationSum).ToArray(),
            ordered.Select(l => l.DeviationSquares).ToArray(),
            ordered.Select(l => l.DeviationMin).ToArray(),
            ordered.Select(l => l.DeviationMax).ToArray(),
            ordered.Select(l => l.LastClosedAt?.ToUniversalTime()).ToArray(),
            ordered.Select(l => l.LastTaskId).ToArray(),
            ordered.Select(l => l.Trust).ToArray(),
        ];
    }

    /// <summary>The deltas commits store (<see cref="EvaluatorLedgerCodec"/>), which <see cref="LedgerFold"/> adds into this table.</summary>
    public static LedgerDeltas Deltas { get; } = new(Name);

    /// <summary>The table with its pending deltas, read and folded as one.</summary>
    public static LedgerStore<EvaluatorLedger> Store { get; } = new(
        Deltas,
        $"select {Columns} from {QualifiedName} where (@id::text is null or evaluator_id = @id)",
        ReadRow,
        EvaluatorLedgerCodec.Decode,
        l => l.EvaluatorId,
        Merge,
        AddSql,
        AddParameters);

    /// <summary>
    /// The stored rows (all, or one evaluator's), one per (evaluator, partition): the folded rows plus the pending
    /// deltas, read in one snapshot. None when the table does not exist yet.
    /// </summary>
    public static Task<List<EvaluatorLedger>> ReadAsync(string connectionString, string? evaluatorId, CancellationToken cancellationToken) =>
        Store.ReadAsync(connectionString, evaluatorId, cancellationToken);

    private static EvaluatorLedger ReadRow(NpgsqlDataReader reader) => new()
    {
        EvaluatorId = reader.GetString(0),
        Partition = reader.GetInt32(1),
        Sampled = reader.GetInt64(2),
        Scored = reader.GetInt64(3),
        Settled = reader.GetInt64(4),
        Excluded = reader.GetInt64(5),
        DeviationSum = reader.GetDecimal(6),
        DeviationSquares = reader.GetDecimal(7),
        DeviationMin = reader.GetDouble(8),
        DeviationMax = reader.GetDouble(9),
        LastClosedAt = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
        LastTaskId = reader.IsDBNull(11) ? null : reader.GetString(11),
        Trust = reader.IsDBNull(12) ? null : reader.GetDouble(12),
    };

    /// <summary>Rows of the same (evaluator, partition) added into one (<see cref="EvaluatorLedger.Add"/>: the order does not matter).</summary>
    public static List<EvaluatorLedger> Merge(IEnumerable<EvaluatorLedger> rows) => LedgerRows.Merge(rows, r => (r.EvaluatorId, r.Partition), (into, row) => into.Add(row));

    /// <summary>One evaluator's rows combined; null when it has none.</summary>
    public static async Task<EvaluatorLedger?> CombinedAsync(string connectionString, string evaluatorId, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(connectionString, evaluatorId, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : EvaluatorLedger.Combine(evaluatorId, rows);
    }
}
