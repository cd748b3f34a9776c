using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Payouts;

namespace PoQ.Projections.Queries;

/// <summary>
/// Reads the payout history projection: a node's payouts newest first, a page at a time (keyset pagination over the
/// blocks' primary key: a range scan of the blocks around the page, whatever the history's size), and an evaluator's
/// trust trajectory downsampled to a chart's worth of points (a few index seeks per point).
/// </summary>
public static class NodeHistoryQuery
{
    /// <summary>Default page size.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Largest page an auditor may request.</summary>
    public const int MaxLimit = 1_000;

    /// <summary>Default trajectory points.</summary>
    public const int DefaultPoints = 200;

    /// <summary>Largest trajectory an auditor may request.</summary>
    public const int MaxPoints = 2_000;

    /// <summary>
    /// A page of <paramref name="nodeId"/>'s payouts (one role or both), newest first, after <paramref name="cursor"/>;
    /// an empty page for a node never paid.
    /// </summary>
    public static async Task<NodeHistoryPage> PageAsync(string connectionString, string nodeId, string? role, HistoryCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Blocks newest end first (the primary key), a page's worth at a time; with a cursor only those that begin at or
        // before it and end within a block's span after it, so a deep page reads only the blocks around its cursor.
        await using var command = new NpgsqlCommand(
            $"""
            select last_at, last_task_id, {NodePayoutTable.BlockColumns} from {NodePayoutTable.QualifiedName}
            where node_id = @node and (@role::text is null or role = @role)
              and (@at::timestamptz is null or (first_at <= @at and last_at <= @at + @span))
              and (@afterAt::timestamptz is null or (last_at, last_task_id, role) < (@afterAt, @afterTask, @afterRole))
            order by last_at desc, last_task_id desc, role desc
            limit @chunk
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string>("node", NpgsqlDbType.Text) { TypedValue = nodeId });
        command.Parameters.Add(new NpgsqlParameter<string?>("role", NpgsqlDbType.Text) { TypedValue = role });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("at", NpgsqlDbType.TimestampTz) { TypedValue = cursor?.ClosedAt });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("span", NpgsqlDbType.Interval) { TypedValue = PayoutOrder.MaxBlockSpan });
        var afterAt = new NpgsqlParameter<DateTimeOffset?>("afterAt", NpgsqlDbType.TimestampTz) { TypedValue = null };
        var afterTask = new NpgsqlParameter<string?>("afterTask", NpgsqlDbType.Text) { TypedValue = null };
        var afterRole = new NpgsqlParameter<string?>("afterRole", NpgsqlDbType.Text) { TypedValue = null };
        command.Parameters.Add(afterAt);
        command.Parameters.Add(afterTask);
        command.Parameters.Add(afterRole);
        // A few blocks first (a block holds up to a second of a node's rewards), twice as many each further read.
        var chunk = new NpgsqlParameter<int>("chunk", NpgsqlDbType.Integer) { TypedValue = 4 };
        command.Parameters.Add(chunk);
        var page = new NewestPayouts(cursor, limit + 1);
        while (true)
        {
            int read = 0;
            try
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    read++;
                    afterAt.TypedValue = reader.GetFieldValue<DateTimeOffset>(0);
                    afterTask.TypedValue = reader.GetString(1);
                    var block = NodePayoutTable.ReadBlock(reader, 2);
                    afterRole.TypedValue = block.Role;
                    page.Add(block);
                }
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // No pipeline has written this store yet: no payouts.
            }

            if (read < chunk.TypedValue || page.IsCompleteBefore(afterAt.TypedValue!.Value))
            {
                break;
            }

            chunk.TypedValue = Math.Min(chunk.TypedValue * 2, MaxLimit + 1);
        }

        var rows = page.Newest.ToList();
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(rows.Count - 1);
            var last = rows[^1];
            next = new HistoryCursor(last.ClosedAt, last.TaskId, last.Role).Encode();
        }

        return new NodeHistoryPage(nodeId, rows, next);
    }

    /// <summary>
    /// An evaluator's trust over time in at most <paramref name="points"/> points: the span from its first to its last
    /// settled task cut into <paramref name="points"/> − 1 equal slices, and a point at each slice boundary — the last
    /// verdict at or before it — so the first point is where the climb or fall starts and the last is its current trust.
    /// </summary>
    public static async Task<IReadOnlyList<TrustPoint>> TrajectoryAsync(string connectionString, string evaluatorId, int points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluatorId);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Per point, its last verdict from the blocks that can hold it: the last reward of the blocks ending at the latest
        // block end at or before it, and the rewards at or before it of the blocks that end within a block's span after it
        // and begin at or before it. The first verdict is in a block that ends within a span of the earliest block end.
        // Ties in close time go to the larger task id, ordinally. (The CTEs are materialized: inlined, PostgreSQL
        // re-planned the span per point, 1.2 s a trajectory instead of 16–26 ms.)
        const string Evaluator = "node_id = @node and role = 'evaluator'";
        await using var command = new NpgsqlCommand(
            $"""
            with span as materialized (
              select (select min(first_at) from {NodePayoutTable.QualifiedName} where {Evaluator}
                        and last_at <= (select last_at from {NodePayoutTable.QualifiedName} where {Evaluator} order by last_at limit 1) + @span) as first_at,
                     (select last_at from {NodePayoutTable.QualifiedName} where {Evaluator} order by last_at desc limit 1) as last_at),
            point as materialized (
              select span.first_at + (span.last_at - span.first_at) * i / greatest(@points - 1, 1) as at
              from span, generate_series(0, @points - 1) as i where span.first_at is not null)
            select p.closed_at, p.task_id, p.epoch, p.partition, p.trust_before, p.trust_after
            from point cross join lateral (
              select * from (
                select b.closed_at[n] as closed_at, b.task_id[n] as task_id, b.epoch[n] as epoch, b.partition[n] as partition, b.trust_before[n] as trust_before, b.trust_after[n] as trust_after
                from {NodePayoutTable.QualifiedName} b, cardinality(b.closed_at) as n
                where b.node_id = @node and b.role = 'evaluator'
                  and b.last_at = (select last_at from {NodePayoutTable.QualifiedName} where {Evaluator} and last_at <= point.at order by last_at desc limit 1)
                union all
                select u.* from {NodePayoutTable.QualifiedName} b
                cross join lateral unnest(b.closed_at, b.task_id, b.epoch, b.partition, b.trust_before, b.trust_after) as u(closed_at, task_id, epoch, partition, trust_before, trust_after)
                where b.node_id = @node and b.role = 'evaluator' and b.last_at > point.at and b.last_at <= point.at + @span and b.first_at <= point.at
                  and u.closed_at <= point.at) c
              order by c.closed_at desc, c.task_id collate "C" desc limit 1) p
            order by p.closed_at, p.task_id collate "C"
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string>("node", NpgsqlDbType.Text) { TypedValue = evaluatorId });
        command.Parameters.Add(new NpgsqlParameter<int>("points", NpgsqlDbType.Integer) { TypedValue = points });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("span", NpgsqlDbType.Interval) { TypedValue = PayoutOrder.MaxBlockSpan });
        var latest = new List<TrustPoint>(points);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                latest.Add(new TrustPoint(
                    reader.GetInt64(2),
                    reader.GetFieldValue<DateTimeOffset>(0),
                    reader.GetString(1),
                    reader.IsDBNull(4) ? double.NaN : reader.GetDouble(4),
                    reader.IsDBNull(5) ? double.NaN : reader.GetDouble(5)));
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No pipeline has written this store yet: no trajectory.
        }

        // Neighbouring points that found the same verdict show it once.
        return [.. latest.DistinctBy(p => (p.ClosedAt, p.TaskId))];
    }
}
