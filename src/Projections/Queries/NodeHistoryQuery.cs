using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Payouts;

namespace PoQ.Projections.Queries;

/// <summary>
/// Reads the payout history projection: a node's payouts newest first, a page at a time (keyset pagination on the
/// table's primary key: one index range scan per page, whatever the history's size), and an evaluator's trust trajectory
/// downsampled to a chart's worth of points (one index seek per point).
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

    private const string Columns = "node_id, role, closed_at, task_id, epoch, partition, reward, trust_before, trust_after";

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
        await using var command = new NpgsqlCommand(
            $"""
            select {Columns} from {NodePayoutTable.QualifiedName}
            where node_id = @node and (@role::text is null or role = @role)
              and (@at::timestamptz is null or (closed_at, task_id, role) < (@at, @task, @cursorRole))
            order by closed_at desc, task_id desc, role desc
            limit @limit
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string>("node", NpgsqlDbType.Text) { TypedValue = nodeId });
        command.Parameters.Add(new NpgsqlParameter<string?>("role", NpgsqlDbType.Text) { TypedValue = role });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("at", NpgsqlDbType.TimestampTz) { TypedValue = cursor?.ClosedAt });
        command.Parameters.Add(new NpgsqlParameter<string?>("task", NpgsqlDbType.Text) { TypedValue = cursor?.TaskId });
        command.Parameters.Add(new NpgsqlParameter<string?>("cursorRole", NpgsqlDbType.Text) { TypedValue = cursor?.Role });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit + 1 });
        var rows = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
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
        await using var command = new NpgsqlCommand(
            $"""
            with span as (
              select (select closed_at from {NodePayoutTable.QualifiedName} where node_id = @node and role = 'evaluator' order by closed_at limit 1) as first_at,
                     (select closed_at from {NodePayoutTable.QualifiedName} where node_id = @node and role = 'evaluator' order by closed_at desc limit 1) as last_at)
            select distinct on (p.closed_at, p.task_id) p.node_id, p.role, p.closed_at, p.task_id, p.epoch, p.partition, p.reward, p.trust_before, p.trust_after
            from span, generate_series(0, @points - 1) as i,
            lateral (
              select {Columns} from {NodePayoutTable.QualifiedName}
              where node_id = @node and role = 'evaluator' and closed_at <= span.first_at + (span.last_at - span.first_at) * i / greatest(@points - 1, 1)
              order by closed_at desc, task_id desc limit 1) p
            where span.first_at is not null
            order by p.closed_at, p.task_id
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string>("node", NpgsqlDbType.Text) { TypedValue = evaluatorId });
        command.Parameters.Add(new NpgsqlParameter<int>("points", NpgsqlDbType.Integer) { TypedValue = points });
        var rows = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new TrustPoint(r.Epoch, r.ClosedAt, r.TaskId, r.TrustBefore ?? double.NaN, r.TrustAfter ?? double.NaN))];
    }

    private static async Task<List<NodePayout>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<NodePayout>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new NodePayout(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetFieldValue<DateTimeOffset>(2),
                    reader.GetString(3),
                    reader.GetInt64(4),
                    reader.GetInt32(5),
                    reader.GetDouble(6),
                    reader.IsDBNull(7) ? null : reader.GetDouble(7),
                    reader.IsDBNull(8) ? null : reader.GetDouble(8)));
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No pipeline has written this store yet: no payouts.
        }

        return rows;
    }
}
