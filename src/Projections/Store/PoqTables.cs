using PoQ.Projections.Model;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql;

namespace PoQ.Projections.Store;

/// <summary>
/// PoQ's own tables beside Marten's, created and migrated by Marten with the rest of the schema
/// (<c>ExtendedSchemaObjects</c>): rows that are written in the same transaction as the events, read by SQL rather than
/// as documents. The pipeline's own tables (checkpoints, outbox, trust signals) are defined in PoQ.Pipeline.
/// </summary>
public static class PoqTables
{
    /// <summary>Marten's event table (every recorded event; settlement batches by <c>TasksSettled.EventTypeName</c>).</summary>
    public const string Events = "mt_events";

    /// <summary>
    /// Per input partition: the owner generation (fencing), the Kafka restart positions of both topics, progress and
    /// counters. The pipeline defines and writes it (<c>CheckpointTable</c>); its counters are summed here for readers
    /// (<see cref="PipelineTotals"/>), so the name lives beside the other names readers use.
    /// </summary>
    public const string PartitionCheckpoints = "partition_checkpoints";

    /// <summary>One row per recorded task: where its settlement is stored, its partition, epoch and close time.</summary>
    public const string TaskIndex = "task_index";

    /// <summary>
    /// The table Marten keeps documents of type <typeparamref name="T"/> in: its default name, <c>mt_doc_</c> and the
    /// type name in lower case (PoqStore names no document table itself). For existence checks and raw SQL only.
    /// </summary>
    public static string DocumentTable<T>() => "mt_doc_" + typeof(T).Name.ToLowerInvariant();

    /// <summary>The task index table.</summary>
    public static Table TaskIndexTable()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, TaskIndex, SchemaUtils.IdentifierUsage.General));

        // The primary key is also the guarantee that a task id is settled (and paid) once, whatever the window remembers.
        table.AddColumn("task_id", "text").AsPrimaryKey();
        table.AddColumn<int>("partition").NotNull();
        table.AddColumn<long>("epoch").NotNull();
        table.AddColumn("closed_at", "timestamptz").NotNull();
        table.AddColumn<Guid>("event_id").NotNull();
        table.AddColumn<int>("position").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_task_index_partition_closed") { Columns = ["partition", "closed_at"] });

        // Streaming replay and verify read the history in pages of epochs (canonical order) or of close times.
        table.Indexes.Add(new IndexDefinition("ix_task_index_epoch") { Columns = ["epoch"] });
        table.Indexes.Add(new IndexDefinition("ix_task_index_closed") { Columns = ["closed_at"] });
        return table;
    }
}
