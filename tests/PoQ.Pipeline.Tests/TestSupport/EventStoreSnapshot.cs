using Marten;
using Npgsql;
using PoQ.Projections.Documents;
using PoQ.Projections.Events;
using PoQ.Projections.Store;

namespace PoQ.Pipeline.Tests.TestSupport;

/// <summary>Everything the pipeline recorded in one database, read back after it stopped.</summary>
public sealed record EventStoreSnapshot(
    IReadOnlyList<TaskFinalized> Finalized,
    IReadOnlyDictionary<string, long> EventsPerStream,
    IReadOnlyList<RecordedTrustUpdate> TrustUpdates,
    IReadOnlyList<MechanismConfigured> Mechanisms,
    IReadOnlyList<DeadLetterRecord> DeadLetters,
    IReadOnlyList<NodeLedger> Ledgers,
    IReadOnlyList<PartitionCheckpoint> Checkpoints,
    IReadOnlyList<OutboxBatch> Outbox,
    PipelineState State)
{
    /// <summary>Task streams only (the trust ledger and mechanism streams left out).</summary>
    public IEnumerable<KeyValuePair<string, long>> TaskStreams =>
        EventsPerStream.Where(s => s.Key is not (TrustUpdatesApplied.StreamId or MechanismConfigured.StreamId));

    /// <summary>Reads the snapshot; <see cref="Finalized"/> in recorded sequence order.</summary>
    public static async Task<EventStoreSnapshot> LoadAsync(string connectionString)
    {
        using var store = PoqStore.Create(connectionString);
        await using var session = store.QuerySession();
        var finalized = (await session.Events.QueryRawEventDataOnly<TaskFinalized>().ToListAsync()).OrderBy(f => f.Sequence).ToList();
        var trust = (await session.Events.QueryRawEventDataOnly<TrustUpdatesApplied>().ToListAsync()).SelectMany(t => t.Updates).OrderBy(u => u.Sequence).ToList();
        var mechanisms = await session.Events.QueryRawEventDataOnly<MechanismConfigured>().ToListAsync();
        var deadLetters = await session.Query<DeadLetterRecord>().ToListAsync();
        var ledgers = await session.Query<NodeLedger>().ToListAsync();
        var checkpoints = await session.Query<PartitionCheckpoint>().ToListAsync();
        var outbox = await session.Query<OutboxBatch>().ToListAsync();
        var state = await session.LoadAsync<PipelineState>(PipelineState.SingletonId) ?? new PipelineState();
        return new EventStoreSnapshot(finalized, await EventsPerStreamAsync(connectionString), trust, mechanisms.ToList(), deadLetters.ToList(), ledgers.ToList(), checkpoints.ToList(), outbox.ToList(), state);
    }

    private static async Task<IReadOnlyDictionary<string, long>> EventsPerStreamAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select stream_id, count(*) from {PoqStore.Schema}.mt_events group by stream_id", connection);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
