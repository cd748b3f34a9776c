using System.Diagnostics;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using PoQ.Projections.History;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Projections.Store;

namespace PoQ.Projections.Rebuild;

/// <summary>
/// <c>poq projections rebuild</c>: rebuilds reward projections from the recorded events with Marten's own rebuild (the
/// async daemon's <c>RebuildProjectionAsync</c>: it wipes the projection's table — the teardown each projection
/// registers — and replays every event through it). Progress comes from the daemon's shard tracker. Run it while no
/// pipeline writes the store: an inline projection rebuilt under a live writer would race the writer's own updates.
/// </summary>
public static class ProjectionRebuild
{
    /// <summary>Rebuilds <paramref name="names"/> one after another; <paramref name="progress"/> receives (name, events done, events total).</summary>
    public static async Task<IReadOnlyList<RebuildResult>> RunAsync(
        IDocumentStore store, string connectionString, IReadOnlyList<string> names, IProgress<(string Name, long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(names);
        var (events, tasks, lastSequence) = await CountAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var results = new List<RebuildResult>();
        using var daemon = await store.BuildProjectionDaemonAsync().ConfigureAwait(false);
        foreach (string name in names)
        {
            string table = ProjectionCatalog.TableOf(name) ?? throw new ArgumentException($"unknown projection '{name}'", nameof(names));
            using var watch = daemon.Tracker.Subscribe(new ShardProgress(name, lastSequence, progress));
            long start = Stopwatch.GetTimestamp();
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);

            // A ledger's rebuild stores deltas, as commits do; its table is complete once they are folded.
            await LedgerFold.CompleteAsync(connectionString, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start);
            progress?.Report((name, lastSequence, lastSequence));
            results.Add(new RebuildResult(name, events, tasks, await RowsAsync(connectionString, table, cancellationToken).ConfigureAwait(false), elapsed));
        }

        return results;
    }

    // Settlement events, the tasks they hold (the task index has one row per task) and the last event sequence.
    private static async Task<(long Events, long Tasks, long LastSequence)> CountAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            select (select count(*) from {PoqStore.Schema}.{PoqTables.Events} where type = @type),
                   (select count(*) from {PoqStore.Schema}.{PoqTables.TaskIndex}),
                   (select coalesce(max(seq_id), 0) from {PoqStore.Schema}.{PoqTables.Events})
            """,
            connection);
        command.Parameters.AddWithValue("type", TasksSettled.EventTypeName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task<long> RowsAsync(string connectionString, string table, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"select count(*) from {table}", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private sealed class ShardProgress(string name, long total, IProgress<(string, long, long)>? progress) : IObserver<ShardState>
    {
        public void OnNext(ShardState value)
        {
            if (value.ShardName.StartsWith(name + ":", StringComparison.Ordinal))
            {
                progress?.Report((name, Math.Min(value.Sequence, total), total));
            }
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
