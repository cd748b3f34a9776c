using PoQ.Projections.Store;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql;

namespace PoQ.Pipeline.Checkpoints;

/// <summary>The partition checkpoint table (<see cref="PoqTables.PartitionCheckpoints"/>), written by <see cref="CheckpointStore"/>.</summary>
public static class CheckpointTable
{
    /// <summary>The checkpoint table.</summary>
    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, PoqTables.PartitionCheckpoints, SchemaUtils.IdentifierUsage.General));
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

        // The id of the commit that wrote the row last: a commit retried after its COMMIT's reply was lost finds its own
        // id here and knows it landed, instead of deciding its batch again against its own recorded tasks.
        table.AddColumn("last_commit", "uuid");
        table.AddColumn("data_loss", "text");
        return table;
    }
}
