using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.History;
using PoQ.Projections.Model;
using PoQ.Projections.Store;

namespace PoQ.Bench.Ingest;

/// <summary>
/// Baseline 2: the fastest PostgreSQL takes what the pipeline commits — its event rows (one <c>tasks_settled</c> row
/// with a binary body per partition batch, in copies of <c>mt_streams</c>/<c>mt_events</c>) and its task index rows
/// (one per task) — by binary COPY in one transaction. The per-batch documents (checkpoints, ledgers, dead letters,
/// outbox) are left out, so this is a floor the pipeline cannot reach. The tables are created <c>LIKE … INCLUDING
/// ALL</c> (same columns, defaults and indexes, no foreign key) in a scratch schema that is dropped afterwards.
/// </summary>
public static class CopyBaseline
{
    /// <summary>The scratch schema.</summary>
    public const string Schema = "poq_bench_copy";

    /// <summary>Copies the rows; returns the elapsed time (COPY of both tables and the commit).</summary>
    public static async Task<TimeSpan> RunAsync(string connectionString, IReadOnlyList<BenchEvent> events, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"""
            drop schema if exists {Schema} cascade;
            create schema {Schema};
            create table {Schema}.mt_streams (like {PoqStore.Schema}.mt_streams including all);
            create table {Schema}.{PoqTables.Events} (like {PoqStore.Schema}.{PoqTables.Events} including all);
            create table {Schema}.{PoqTables.TaskIndex} (like {PoqStore.Schema}.{PoqTables.TaskIndex} including all);
            """, cancellationToken).ConfigureAwait(false);

        long rowsTotal = events.Count + events.Sum(e => (long)e.Tasks.Count);
        var clock = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using (var streams = await connection.BeginBinaryImportAsync($"copy {Schema}.mt_streams (id, version) from stdin (format binary)", cancellationToken).ConfigureAwait(false))
            {
                foreach (var (stream, count) in events.GroupBy(e => e.StreamId).Select(g => (g.Key, g.LongCount())))
                {
                    await streams.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await streams.WriteAsync(stream, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await streams.WriteAsync(count, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                }

                await streams.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            long written = 0;
            await using (var rows = await connection.BeginBinaryImportAsync(
                $"copy {Schema}.{PoqTables.Events} (seq_id, id, stream_id, version, data, bdata, type) from stdin (format binary)", cancellationToken).ConfigureAwait(false))
            {
                var versions = new Dictionary<string, long>(StringComparer.Ordinal);
                long sequence = 0;
                foreach (var e in events)
                {
                    sequence++;
                    long version = versions[e.StreamId] = versions.GetValueOrDefault(e.StreamId) + 1;
                    await rows.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(e.EventId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(e.StreamId, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(version, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync("{}", NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(e.Body, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(TasksSettled.EventTypeName, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    written++;
                }

                await rows.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            progress?.Report(written);
            await using (var index = await connection.BeginBinaryImportAsync(
                $"copy {Schema}.{PoqTables.TaskIndex} (task_id, partition, epoch, closed_at, event_id, position) from stdin (format binary)", cancellationToken).ConfigureAwait(false))
            {
                foreach (var e in events)
                {
                    for (int position = 0; position < e.Tasks.Count; position++)
                    {
                        var (taskId, partition, epoch, closedAt) = e.Tasks[position];
                        await index.StartRowAsync(cancellationToken).ConfigureAwait(false);
                        await index.WriteAsync(taskId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                        await index.WriteAsync(partition, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                        await index.WriteAsync(epoch, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                        await index.WriteAsync(closedAt, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                        await index.WriteAsync(e.EventId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                        await index.WriteAsync(position, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                        if (++written % 5_000 == 0)
                        {
                            progress?.Report(written);
                        }
                    }
                }

                await index.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var elapsed = clock.Elapsed;
        progress?.Report(rowsTotal);
        await ExecuteAsync(connection, $"drop schema {Schema} cascade; checkpoint;", cancellationToken).ConfigureAwait(false);
        return elapsed;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
