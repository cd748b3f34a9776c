using Weasel.Postgresql.Tables;
using Weasel.Postgresql;

namespace PoQ.Projections.Store;

/// <summary>
/// PoQ's own tables beside Marten's, created and migrated by Marten with the rest of the schema
/// (<c>ExtendedSchemaObjects</c>): rows that are written in the same transaction as the events, read by SQL rather than
/// as documents.
/// </summary>
public static class PoqTables
{
    /// <summary>Marten's event table (every recorded event; settlement batches by <c>TasksSettled.EventTypeName</c>).</summary>
    public const string Events = "mt_events";

    /// <summary>Per input partition: the owner generation (fencing), the Kafka restart positions of both topics, progress and counters.</summary>
    public const string PartitionCheckpoints = "partition_checkpoints";

    /// <summary>One row per recorded task: where its settlement is stored, its partition, epoch and close time.</summary>
    public const string TaskIndex = "task_index";

    /// <summary>What a commit still has to publish to the output topics: pointers to its event and dead letters, per partition.</summary>
    public const string Outbox = "outbox";

    /// <summary>Trust signals of committed tasks whose epoch is not folded yet, one row per commit and epoch.</summary>
    public const string TrustSignals = "trust_signals";

    /// <summary>
    /// The table Marten keeps documents of type <typeparamref name="T"/> in: its default name, <c>mt_doc_</c> and the
    /// type name in lower case (PoqStore names no document table itself). For existence checks and raw SQL only.
    /// </summary>
    public static string DocumentTable<T>() => "mt_doc_" + typeof(T).Name.ToLowerInvariant();

    /// <summary>The checkpoint table.</summary>
    public static Table PartitionCheckpointTable()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, PartitionCheckpoints, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<int>("partition").AsPrimaryKey();

        // Fencing: an instance claims a partition by incrementing the generation; its commits lock the row and check
        // the generation they claimed, so an instance that lost the partition can no longer commit for it.
        table.AddColumn<long>("generation").NotNull().DefaultValue(0L);
        table.AddColumn("owner", "text");
        table.AddColumn("claimed_at", "timestamptz");

        // Null watermark: never read (start at the beginning). Time: the largest record time below the watermark.
        table.AddColumn("tasks_watermark", "bigint");
        table.AddColumn("tasks_time", "timestamptz");
        table.AddColumn("tasks_ahead", "jsonb").NotNull().DefaultValueByExpression("'[]'::jsonb");
        table.AddColumn("scores_watermark", "bigint");
        table.AddColumn("scores_time", "timestamptz");
        table.AddColumn("scores_ahead", "jsonb").NotNull().DefaultValueByExpression("'[]'::jsonb");

        // Every task of this partition that closed before `progress` (log time) is committed: epochs up to it can fold.
        table.AddColumn("progress", "timestamptz");
        table.AddColumn("stream_time", "timestamptz");
        table.AddColumn<long>("tasks_settled").NotNull().DefaultValue(0L);
        table.AddColumn<long>("tasks_insufficient").NotNull().DefaultValue(0L);
        table.AddColumn<long>("scores_accepted").NotNull().DefaultValue(0L);
        table.AddColumn<long>("dead_letters").NotNull().DefaultValue(0L);
        table.AddColumn<long>("commits").NotNull().DefaultValue(0L);
        table.AddColumn("data_loss", "text");
        return table;
    }

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

    /// <summary>
    /// The outbox: a row per commit and partition naming the event and the dead letters whose output messages are not
    /// published yet. The messages themselves are derived from the committed event when published (no copy of them is
    /// stored); the row is deleted once they are delivered, and a new owner of the partition publishes what is left.
    /// </summary>
    public static Table OutboxTable()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, Outbox, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("id", "bigserial").AsPrimaryKey();
        table.AddColumn<int>("partition").NotNull();
        table.AddColumn("event_id", "uuid");
        table.AddColumn("dead_letters", "text[]").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_outbox_partition") { Columns = ["partition"] });
        return table;
    }

    /// <summary>
    /// The epoch closer's input: each commit stores its tasks' trust signals by epoch, so folding an epoch reads a few
    /// compact rows instead of decoding every settled task of the epoch; the rows are deleted when the epoch folds (the
    /// signals stay in the settled tasks, where audit verify re-derives every fold from).
    /// </summary>
    public static Table TrustSignalTable()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, TrustSignals, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("id", "bigserial").AsPrimaryKey();
        table.AddColumn<long>("epoch").NotNull();
        table.AddColumn("signals", "bytea").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_trust_signals_epoch") { Columns = ["epoch"] });
        return table;
    }
}
