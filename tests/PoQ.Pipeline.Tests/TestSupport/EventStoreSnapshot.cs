using Marten;
using Npgsql;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Output;
using PoQ.Projections.History;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using PoQ.Settlement.Events;

namespace PoQ.Pipeline.Tests.TestSupport;

/// <summary>Everything the pipeline recorded in one database, read back after it stopped.</summary>
public sealed record EventStoreSnapshot(
    IReadOnlyList<TaskFinalized> Finalized,
    IReadOnlyList<TaskFinalized> Stored,
    IReadOnlyList<TrustEpochClosed> EpochCloses,
    IReadOnlyList<MechanismConfigured> Mechanisms,
    IReadOnlyList<DeadLetterRecord> DeadLetters,
    IReadOnlyList<NodeLedger> Ledgers,
    long OutboxRows,
    PipelineTotals Totals,
    long TaskIndexRows,
    IReadOnlyList<(int Partition, long? Tasks, long? Scores)> Watermarks)
{
    /// <summary>Reads the snapshot; <see cref="Finalized"/> in canonical order, <see cref="Stored"/> in storage order.</summary>
    public static async Task<EventStoreSnapshot> LoadAsync(string connectionString)
    {
        using var store = PoqStore.Create(connectionString);
        await using var session = store.QuerySession();
        var stored = await HistoryReader.ReadStoredAsync(connectionString, CancellationToken.None);
        var finalized = await HistoryReader.ReadTasksAsync(connectionString, CancellationToken.None);
        var closes = await HistoryReader.EpochClosesAsync(session, CancellationToken.None);
        var mechanisms = (await session.Events.FetchStreamAsync(MechanismConfigured.StreamId)).Select(e => e.Data).OfType<MechanismConfigured>().ToList();
        var deadLetters = await session.Query<DeadLetterRecord>().ToListAsync();
        var ledgers = await NodeLedgerTable.ReadAsync(connectionString, nodeId: null, CancellationToken.None);
        var totals = await PipelineTotals.LoadAsync(connectionString, CancellationToken.None);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {PoqStore.Schema}.{PoqTables.TaskIndex}", connection);
        long indexRows = (long)(await count.ExecuteScalarAsync())!;
        await using var outboxCount = new NpgsqlCommand($"select count(*) from {PoqStore.Schema}.{OutboxTable.Name}", connection);
        long outboxRows = (long)(await outboxCount.ExecuteScalarAsync())!;
        var watermarks = await CheckpointStore.WatermarksAsync(connection, CancellationToken.None);
        return new EventStoreSnapshot(finalized, stored, closes, mechanisms, [.. deadLetters], [.. ledgers], outboxRows, totals, indexRows, watermarks);
    }
}
