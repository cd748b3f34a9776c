using System.Diagnostics;
using Marten;
using Npgsql;
using PoQ.Projections.Payouts;
using PoQ.Projections.Queries;
using PoQ.Projections.Store;

namespace PoQ.Bench.History;

/// <summary>
/// Latency of the three auditor queries over random ids (seeded): task by id (task index → event), a node's history page
/// (keyset page of 50 starting at a random point of its history, as a user paging deep would) and an evaluator's trust
/// trajectory (200 points). Each query runs the way the API runs it, one at a time.
/// </summary>
public static class AuditorQueryBench
{
    /// <summary>Query names in the result.</summary>
    public const string Task = "task", NodeHistory = "node_history", Trajectory = "evaluator_trajectory";

    /// <summary>p99 latency per query, ms, over <paramref name="samples"/> random ids each.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string connectionString, int samples, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var (taskIds, nodes, evaluators) = await IdsAsync(connectionString, samples, seed, cancellationToken).ConfigureAwait(false);
        using var store = PoqStore.Create(connectionString);
        await using var session = store.QuerySession();

        // Warm-up: JIT, connection pool, Marten's compiled queries.
        await TaskAuditQuery.LoadAsync(session, connectionString, taskIds[0], cancellationToken).ConfigureAwait(false);
        var task = await TimeAsync(taskIds, id => TaskAuditQuery.LoadAsync(session, connectionString, id, cancellationToken)).ConfigureAwait(false);
        var history = await TimeAsync(Enumerable.Range(0, samples).Select(_ => nodes[random.Next(nodes.Count)]).ToList(), node =>
            NodeHistoryQuery.PageAsync(connectionString, node.NodeId, null, node.Cursor, NodeHistoryQuery.DefaultLimit, cancellationToken)).ConfigureAwait(false);
        var trajectory = await TimeAsync(Enumerable.Range(0, samples).Select(_ => evaluators[random.Next(evaluators.Count)]).ToList(), evaluator =>
            NodeHistoryQuery.TrajectoryAsync(connectionString, evaluator, NodeHistoryQuery.DefaultPoints, cancellationToken)).ConfigureAwait(false);
        return new Dictionary<string, double> { [Task] = task, [NodeHistory] = history, [Trajectory] = trajectory };
    }

    private static async Task<double> TimeAsync<TId, TResult>(IReadOnlyList<TId> ids, Func<TId, Task<TResult>> query)
    {
        var latencies = new double[ids.Count];
        for (int i = 0; i < ids.Count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            _ = await query(ids[i]).ConfigureAwait(false);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(0.99 * latencies.Length) - 1)];
    }

    // Random task ids, random (node, starting cursor) pairs across the payout history, the evaluators — drawn in SQL with a seed.
    private static async Task<(List<string> Tasks, List<(string NodeId, HistoryCursor Cursor)> Nodes, List<string> Evaluators)> IdsAsync(
        string connectionString, int samples, int seed, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var setSeed = new NpgsqlCommand("select setseed(@s)", connection))
        {
            setSeed.Parameters.AddWithValue("s", (seed % 1000) / 1000.0);
            await setSeed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var tasks = await ListAsync(connection, $"select task_id from {PoqStore.Schema}.{PoqTables.TaskIndex} order by random() limit @n", samples, r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        var nodes = await ListAsync(
            connection,
            $"select node_id, closed_at, task_id, role from ({NodePayoutTable.PayoutRowsSql}) p order by random() limit @n",
            samples,
            r => (r.GetString(0), new HistoryCursor(r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3))),
            cancellationToken).ConfigureAwait(false);
        // Through the ledger's reader: the table alone misses evaluators whose deltas are not folded yet.
        var evaluators = (await Projections.Ledgers.EvaluatorLedgerTable.ReadAsync(connectionString, null, cancellationToken).ConfigureAwait(false))
            .Select(l => l.EvaluatorId).Distinct().Order(StringComparer.Ordinal).Take(samples).ToList();
        if (tasks.Count == 0 || nodes.Count == 0 || evaluators.Count == 0)
        {
            throw new InvalidOperationException("the store holds no task, payout or evaluator to query");
        }

        return (tasks, nodes, evaluators);
    }

    private static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql, int limit, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("n", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(read(reader));
        }

        return list;
    }
}
