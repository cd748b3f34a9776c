using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Store;

namespace PoQ.Bench.Ingest;

/// <summary>
/// Baseline 2: the fastest PostgreSQL takes what the pipeline commits. The pipeline stores one Marten event per
/// task (the ≈ 2.3 KB <c>TaskFinalized</c> jsonb body) and one stream row per task (each task is its own stream);
/// that is its committed data, so this writes exactly that — one row in a copy of <c>mt_streams</c> and one in a
/// copy of <c>mt_events</c> per task, with the same serialized event bodies — by binary COPY in one transaction.
/// One row per score would be cheaper per row but is not what the pipeline stores. The per-batch documents
/// (checkpoints, ledgers, trust, state, outbox) are left out, so this is a floor the pipeline cannot reach.
/// The tables are created <c>LIKE … INCLUDING ALL</c> (same columns, defaults and indexes, no foreign key) in a
/// scratch schema that is dropped afterwards.
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
            create table {Schema}.mt_events (like {PoqStore.Schema}.mt_events including all);
            """, cancellationToken).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using (var streams = await connection.BeginBinaryImportAsync($"copy {Schema}.mt_streams (id, version) from stdin (format binary)", cancellationToken).ConfigureAwait(false))
            {
                foreach (var e in events)
                {
                    await streams.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await streams.WriteAsync(e.StreamId, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await streams.WriteAsync(1L, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                }

                await streams.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            progress?.Report(events.Count);
            await using (var rows = await connection.BeginBinaryImportAsync(
                $"copy {Schema}.mt_events (seq_id, id, stream_id, version, data, type, mt_dotnet_type) from stdin (format binary)", cancellationToken).ConfigureAwait(false))
            {
                long sequence = 0;
                foreach (var e in events)
                {
                    sequence++;
                    await rows.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(e.EventId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(e.StreamId, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(1L, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(e.Json, NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(e.Type, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(e.DotnetType, NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                    if (sequence % 5_000 == 0)
                    {
                        progress?.Report(events.Count + sequence);
                    }
                }

                await rows.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var elapsed = clock.Elapsed;
        progress?.Report(2L * events.Count);
        await ExecuteAsync(connection, $"drop schema {Schema} cascade; checkpoint;", cancellationToken).ConfigureAwait(false);
        return elapsed;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
