using Npgsql;
using PoQ.Projections.Store;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PoQ.Projections.Payouts;

/// <summary>
/// The table of the payout history projection (<see cref="NodePayoutProjection"/>): one row per <see cref="PayoutBlock"/>
/// — a node's rewards in one role from one settlement batch, as parallel arrays in <see cref="PayoutOrder"/> (close
/// time, task, epoch, partition, reward, trust before and after). Its primary key (node, newest close time, newest task,
/// role) is the index the auditor's node history pages through, newest first; <c>first_at</c> lets a page skip the
/// blocks that begin after its cursor. SQL readers see one row per reward through <c>unnest</c>, as in
/// <see cref="PayoutRowsSql"/>.
/// </summary>
public static class NodePayoutTable
{
    /// <summary>Table name in the store's schema.</summary>
    public const string Name = "node_payout_blocks";

    /// <summary>Schema-qualified name.</summary>
    public const string QualifiedName = PoqStore.Schema + "." + Name;

    /// <summary>The block columns read back, in <see cref="ReadBlock"/>'s order.</summary>
    public const string BlockColumns = "node_id, role, closed_at, task_id, epoch, partition, reward, trust_before, trust_after";

    /// <summary>One row per reward (node_id, role, closed_at, task_id, epoch, partition, reward, trust_before, trust_after): for SQL readers and tests.</summary>
    public const string PayoutRowsSql =
        $"""
        select b.node_id, b.role, u.closed_at, u.task_id, u.epoch, u.partition, u.reward, u.trust_before, u.trust_after
        from {QualifiedName} b cross join lateral unnest(b.closed_at, b.task_id, b.epoch, b.partition, b.reward, b.trust_before, b.trust_after)
          as u(closed_at, task_id, epoch, partition, reward, trust_before, trust_after)
        """;

    /// <summary>
    /// Inserts a batch's blocks in one statement: the rewards as flat arrays in block order, and per block its node, role,
    /// first and last close time, last task and its slice [start, end] (1-based) of the flat arrays.
    /// </summary>
    public const string InsertSql =
        $"""
        insert into {QualifiedName} (node_id, last_at, last_task_id, role, first_at, closed_at, task_id, epoch, partition, reward, trust_before, trust_after)
        select k.node_id, k.last_at, k.last_task_id, k.role, k.first_at,
          (?::timestamptz[])[k.s:k.e], (?::text[])[k.s:k.e], (?::bigint[])[k.s:k.e], (?::int[])[k.s:k.e], (?::float8[])[k.s:k.e], (?::float8[])[k.s:k.e], (?::float8[])[k.s:k.e]
        from unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::int[]) as k(node_id, last_at, last_task_id, role, first_at, s, e)
        """;

    /// <summary>
    /// The block's reward arrays: read whole with their block, never filtered on, so the planner needs no statistics of
    /// them (see <c>UnsampledColumns</c> in the pipeline).
    /// </summary>
    public static readonly IReadOnlyList<string> RewardArrayColumns = ["closed_at", "task_id", "epoch", "partition", "reward", "trust_before", "trust_after"];

    /// <summary>The table's definition.</summary>
    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("node_id", "text").AsPrimaryKey();
        table.AddColumn("last_at", "timestamptz").AsPrimaryKey();
        table.AddColumn("last_task_id", "text").AsPrimaryKey();
        table.AddColumn("role", "text").AsPrimaryKey();
        table.AddColumn("first_at", "timestamptz").NotNull();
        table.AddColumn("closed_at", "timestamptz[]").NotNull();
        table.AddColumn("task_id", "text[]").NotNull();
        table.AddColumn("epoch", "bigint[]").NotNull();
        table.AddColumn("partition", "int[]").NotNull();
        table.AddColumn("reward", "float8[]").NotNull();
        table.AddColumn("trust_before", "float8[]").NotNull();
        table.AddColumn("trust_after", "float8[]").NotNull();
        return table;
    }

    /// <summary>The parameters of <see cref="InsertSql"/> for <paramref name="blocks"/>.</summary>
    public static object[] InsertParameters(PayoutBlocks blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var lastAt = new DateTimeOffset[blocks.Count];
        var lastTasks = new string[blocks.Count];
        var firstAt = new DateTimeOffset[blocks.Count];
        var starts = new int[blocks.Count];
        var ends = new int[blocks.Count];
        for (int b = 0; b < blocks.Count; b++)
        {
            int start = blocks.Starts[b];
            int end = blocks.EndOf(b);
            (lastAt[b], lastTasks[b], firstAt[b]) = (blocks.ClosedAt[end - 1], blocks.TaskIds[end - 1], blocks.ClosedAt[start]);
            (starts[b], ends[b]) = (start + 1, end); // SQL slices are 1-based and inclusive
        }

        return [blocks.ClosedAt, blocks.TaskIds, blocks.Epochs, blocks.Partitions, blocks.Rewards, blocks.TrustBefore, blocks.TrustAfter, blocks.NodeIds.ToArray(), lastAt, lastTasks, blocks.Roles.ToArray(), firstAt, starts, ends];
    }

    /// <summary>Reads one block selected as <see cref="BlockColumns"/>, from column <paramref name="offset"/> on.</summary>
    public static PayoutBlock ReadBlock(NpgsqlDataReader reader, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string nodeId = reader.GetString(offset);
        string role = reader.GetString(offset + 1);
        var closedAt = reader.GetFieldValue<DateTimeOffset[]>(offset + 2);
        var taskIds = reader.GetFieldValue<string[]>(offset + 3);
        var epochs = reader.GetFieldValue<long[]>(offset + 4);
        var partitions = reader.GetFieldValue<int[]>(offset + 5);
        var rewards = reader.GetFieldValue<double[]>(offset + 6);
        var trustBefore = reader.GetFieldValue<double?[]>(offset + 7);
        var trustAfter = reader.GetFieldValue<double?[]>(offset + 8);
        var payouts = new NodePayout[closedAt.Length];
        for (int i = 0; i < payouts.Length; i++)
        {
            payouts[i] = new NodePayout(nodeId, role, closedAt[i], taskIds[i], epochs[i], partitions[i], rewards[i], trustBefore[i], trustAfter[i]);
        }

        return new PayoutBlock(nodeId, role, payouts);
    }
}
